using GreatModel.Diagnostics;

namespace GreatModel.Tests.Support;

/// <summary>Posterior checks by Monte Carlo error: z-scores from the draws' own MCSE, never hand-picked tolerances.</summary>
public static class PosteriorAssert
{
    /// <summary>R-hat below 1.01, and the draws' mean and sd within 4 MCSE of the exact ones.</summary>
    public static void Within4Mcse(ParameterDraws draws, double exactMean, double exactSd)
    {
        var s = ParameterSummary.Of(draws);
        Assert.True(s.Rhat < 1.01, $"{draws.Name}: R-hat {s.Rhat}");
        double zMean = (s.Mean - exactMean) / s.McseMean, zSd = (s.Sd - exactSd) / s.McseSd;
        Assert.True(Math.Abs(zMean) < 4, $"{draws.Name} mean {s.Mean} vs exact {exactMean}: z = {zMean:F2} (mcse {s.McseMean})");
        Assert.True(Math.Abs(zSd) < 4, $"{draws.Name} sd {s.Sd} vs exact {exactSd}: z = {zSd:F2} (mcse {s.McseSd})");
    }
}
