using System.Globalization;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Kernels;
using GreatModel.Sampling;
using GreatModel.Tests.Support;
using MathNet.Numerics.Distributions;

namespace GreatModel.Tests.Sampling;

/// <summary>
/// CmdStan's lp__ (#16): the log posterior density of (μ, σ²) (and ν when estimated) up to a constant, in data units,
/// against MathNet's t log densities summed plus the priors' logs; per group; and as the CmdStan files carry it.
/// </summary>
public class LogPosteriorDensityTests
{
    /// <summary>Σ log t_ν(y | μ, σ²) − log σ² (+ ν's Gamma prior kernel), by MathNet, in data units.</summary>
    private static double Expected(IReadOnlyList<double> data, ChainDraw d, NuPrior? prior) =>
        data.Sum(y => StudentT.PDFLn(d.Mu, Math.Sqrt(d.Sigma2), d.Nu, y)) - Math.Log(d.Sigma2)
        + (prior is null ? 0 : ((prior.Shape - 1) * Math.Log(d.Nu)) - (prior.Rate * d.Nu));

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-10 * Math.Abs(expected), $"{actual:R} against {expected:R}");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EqualsTheSumOfTLogDensitiesAndThePriors(bool estimateNu)
    {
        var big = new ObservedData(Simulation.StudentT(9000, 4, 50, 9, seed: 2), "big"); // three tiles, the last partial
        foreach (var data in new[] { TestData.Talk, big })
        {
            var options = new SamplerOptions { Chains = 2, Seed = 4, EstimateNu = estimateNu };
            var plan = RunPlan.Create(data, options, new RunHooks());
            foreach (var state in new[] { plan.InitialStateOf(0), plan.InitialStateOf(1) with { Mu = 0.3, Alpha2 = 2.5, Tau2 = 0.7 } })
            {
                var draw = plan.ToDraw(0, state);
                AssertClose(Expected(data.Values, draw, estimateNu ? options.NuPrior : null), LogPosteriorDensity.Of(plan, 0, state));
            }
        }
    }

    [Fact]
    public void EachGroupsDensityIsOverItsOwnData()
    {
        var groups = new GroupedData([KeyValuePair.Create("a", TestData.Talk), KeyValuePair.Create("b", TestData.Outliers)], "test");
        var plan = RunPlan.Create(groups, new SamplerOptions { Chains = 2, Seed = 4 }, new RunHooks());
        for (int slot = 0; slot < plan.Slots; slot++)
        {
            var state = plan.InitialStateOf(slot);
            AssertClose(Expected(groups.Groups[slot / 2].Values, plan.ToDraw(slot, state), null), LogPosteriorDensity.Of(plan, slot, state));
        }
    }

    [Fact]
    public void TheCmdStanFilesCarryIt()
    {
        using var dir = new TempFolder();
        var options = new SamplerOptions { Chains = 2, BurnIn = 20, Samples = 10, Seed = 8, EstimateNu = true };
        using var sink = DrawsFileSink.Create(DrawsFormat.CmdStan, dir.File("fit.csv"), options.Chains, nuColumn: true);
        sink.Commit(Sampler.Run(TestData.Talk, options, new RunHooks { Sinks = [sink] }));
        var rows = File.ReadAllLines(dir.File("fit_2.csv")).Where(l => !l.StartsWith('#')).Skip(1)
            .Select(r => r.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(10, rows.Length);
        foreach (var row in rows) // lp__, accept_stat__, mu, sigma2, nu
            AssertClose(Expected(TestData.Talk.Values, new ChainDraw(row[2], row[3], 1.0, row[4]), options.NuPrior), row[0]);
    }
}
