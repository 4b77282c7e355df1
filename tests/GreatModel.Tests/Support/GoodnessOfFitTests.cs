using MathNet.Numerics.Distributions;

namespace GreatModel.Tests.Support;

/// <summary>The two-sample Kolmogorov–Smirnov test the device rows rely on: it passes one distribution and rejects a shift.</summary>
public class GoodnessOfFitTests
{
    [Fact]
    public void TheTwoSampleTestPassesOneDistributionAndRejectsAShiftedOne()
    {
        var rng = new System.Random(5);
        double[] Draw(int n, double mean) => [.. Enumerable.Range(0, n).Select(_ => Normal.Sample(rng, mean, 1))];
        var a = Draw(2560, 0);
        Assert.True(GoodnessOfFit.KolmogorovSmirnov(a, Draw(2560, 0)).PValue > 1e-3);
        Assert.True(GoodnessOfFit.KolmogorovSmirnov(a, Draw(3000, 0.25)).PValue < GoodnessOfFit.RejectBelow);
        Assert.Equal(0, GoodnessOfFit.KolmogorovSmirnov(a, a).D);
    }
}
