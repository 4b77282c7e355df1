using GreatModel.Model;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Sampling;

/// <summary>Every chain starts from its own point, dispersed as CmdStan's default init is, unless the options fix a value.</summary>
public class InitialValuesTests
{
    private static readonly double[] Data = GreatModel.Model.Simulation.StudentT(100, 5, 3, 4, seed: 2);

    [Fact]
    public void ChainsStartDispersedWithinTheirRangesAndAloneAsAmongOthers()
    {
        var plan = TestPlans.ForEstimatedNu(Data, seed: 7, chains: 8);
        var starts = Enumerable.Range(0, 8).Select(plan.InitialStateOf).ToArray();
        Assert.Equal(8, starts.Select(s => s.Mu).Distinct().Count());
        Assert.All(starts, s =>
        {
            Assert.InRange(s.Mu, -2, 2); // robust spreads from the median
            Assert.InRange(Math.Log(s.Alpha2), -2, 2);
            Assert.Equal(1.0, s.Tau2);
            Assert.InRange(s.Nu, 20 / Math.E, 20 * Math.E); // the prior's mean, 20, times e^U(−1, 1)
            Assert.Equal(0, s.Chi2.LoopFreeDegrees);
        });
        var alone = TestPlans.ForEstimatedNu(Data, seed: 7, chains: 1).InitialStateOf(0);
        Assert.Equal((starts[0].Mu, starts[0].Alpha2, starts[0].Nu), (alone.Mu, alone.Alpha2, alone.Nu));
    }

    [Fact]
    public void GivenValuesAreEveryChainsStart()
    {
        var plan = RunPlan.Create(new ObservedData(Data, "test"),
            new SamplerOptions { Chains = 4, Seed = 7, InitialMu = 3.5, InitialAlpha2 = 16, Nu = 5 }, new RunHooks());
        var starts = Enumerable.Range(0, 4).Select(plan.InitialStateOf).ToArray();
        Assert.All(starts, s => Assert.Equal(plan.InitialStates[0].Mu, s.Mu));
        Assert.All(starts, s => Assert.Equal(plan.InitialStates[0].Alpha2, s.Alpha2));
        Assert.All(starts, s => Assert.Equal(5, s.Nu));
    }
}
