using GreatModel.Backends;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Kernels;
using GreatModel.Sampling;
using GreatModel.Tests.Support;
using ILGPU;
using ILGPU.Runtime.CPU;

namespace GreatModel.Tests.Sampling;

/// <summary>
/// Grouped runs (#15): every group's posterior against its own quadrature on every backend, with ragged groups from 2 to
/// 10⁴ points in one run; a group's draws the same alone or among others; the same draws whatever the threads; the GPU
/// kernel's ragged reduction equal to the native one; a bad group refused by name.
/// </summary>
[Collection(IlgpuCollection.Name)]
public class GroupedRunTests
{
    private static readonly double[] Pair = [1.0, 3.5];
    private static readonly double[] Big = Simulation.StudentT(10_000, 6, 2, 1.5, seed: 5);

    private static GroupedData Ragged { get; } = new(
    [
        KeyValuePair.Create("pair", new ObservedData(Pair, "pair")),
        KeyValuePair.Create("talk", TestData.Talk),
        KeyValuePair.Create("outliers", TestData.Outliers),
        KeyValuePair.Create("big", new ObservedData(Big, "big")),
    ], "test");

    private static readonly Lazy<ExactPosterior> OutliersAtSix = new(() => ExactPosterior.Compute(TestData.Outliers.Values, 6));
    private static readonly Lazy<ExactPosterior> BigExact = new(() => ExactPosterior.ComputeNarrow(Big, 6));
    private static readonly Lazy<TwoPointPosterior> PairExact = new(() => TwoPointPosterior.Compute(Pair, 6));

    public static TheoryData<Backend> Backends() => TestBackends.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public void EveryGroupMatchesItsQuadrature(Backend backend)
    {
        TestBackends.SkipUnlessAvailable(backend);
        var fit = Sampler.Run(Ragged, new SamplerOptions { Nu = 6, Chains = 8, BurnIn = 300, Samples = 2500, Seed = 21, Backend = backend });
        Assert.Equal(["pair", "talk", "outliers", "big"], fit.Groups.Select(g => g.Group));
        Assert.Equal(Ragged.TotalCount, fit.DataCount);
        foreach (var (label, exact) in new[] { ("talk", TestData.TalkExact), ("outliers", OutliersAtSix.Value), ("big", BigExact.Value) })
        {
            Assert.Equal(Ragged.Groups[Ragged.Labels.ToList().IndexOf(label)].Count, fit[label].DataCount);
            PosteriorAssert.Within4Mcse(fit[label].Mu, exact.MeanMu, exact.SdMu);
            PosteriorAssert.Within4Mcse(fit[label].Sigma2, exact.MeanSigma2, exact.SdSigma2);
        }
        // Two points: μ's mean does not exist, so P(μ < the lower point) and log σ², whose moments do.
        var pair = fit["pair"];
        var pairExact = PairExact.Value;
        PosteriorAssert.Within4Mcse(Transformed(pair.Mu, "mu < 1", mu => mu < Pair[0] ? 1 : 0), pairExact.ProbabilityMuBelowLower,
            Math.Sqrt(pairExact.ProbabilityMuBelowLower * (1 - pairExact.ProbabilityMuBelowLower)));
        PosteriorAssert.Within4Mcse(Transformed(pair.Sigma2, "log sigma2", Math.Log), pairExact.MeanLogSigma2, pairExact.SdLogSigma2);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void WithNuEstimatedEachGroupHasItsOwnNuAndMatchesQuadrature(Backend backend)
    {
        TestBackends.SkipUnlessAvailable(backend);
        var data = new GroupedData([KeyValuePair.Create("talk", TestData.Talk), KeyValuePair.Create("outliers", TestData.Outliers)], "test");
        var fit = Sampler.Run(data, new SamplerOptions { EstimateNu = true, Chains = 8, BurnIn = 300, Samples = 2500, Seed = 22, Backend = backend });
        foreach (var (label, exact) in new[] { ("talk", TestData.TalkExactNu), ("outliers", TestData.OutliersExactNu) })
        {
            PosteriorAssert.Within4Mcse(fit[label].Mu, exact.MuSigma2.MeanMu, exact.MuSigma2.SdMu);
            PosteriorAssert.Within4Mcse(fit[label].Sigma2, exact.MuSigma2.MeanSigma2, exact.MuSigma2.SdSigma2);
            PosteriorAssert.Within4Mcse(fit[label].Nu!, exact.MeanNu, exact.SdNu);
        }
    }

    public static TheoryData<Backend> LocalBackends() => TestBackends.Local();

    [Theory]
    [MemberData(nameof(LocalBackends))]
    public void AGroupsDrawsAreTheSameAloneOrAmongOthersWhateverTheThreads(Backend backend)
    {
        var options = new SamplerOptions { EstimateNu = true, Chains = 3, BurnIn = 20, Samples = 30, Seed = 23, Backend = backend };
        var alone = Sampler.Run(new GroupedData([KeyValuePair.Create("talk", TestData.Talk)], "alone"), options, new RunHooks { CpuThreads = 1 });
        var among = Sampler.Run(Ragged, options, new RunHooks { CpuThreads = 2 });
        var reordered = Sampler.Run(new GroupedData(Ragged.Labels.Zip(Ragged.Groups).Reverse().Select(g => KeyValuePair.Create(g.First, g.Second)), "reversed"),
            options, new RunHooks { CpuThreads = 2 });
        foreach (var fit in new[] { among["talk"], reordered["talk"] })
        {
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(alone["talk"].Mu.Chain(c).ToArray(), fit.Mu.Chain(c).ToArray());
                Assert.Equal(alone["talk"].Sigma2.Chain(c).ToArray(), fit.Sigma2.Chain(c).ToArray());
                Assert.Equal(alone["talk"].Nu!.Chain(c).ToArray(), fit.Nu!.Chain(c).ToArray());
            }
        }
        Assert.Equal(among["big"].Mu.ToArray(), reordered["big"].Mu.ToArray());
        // Groups are keyed by label: two groups of the same data under different labels draw differently.
        Assert.NotEqual(among["talk"].Mu.Chain(0).ToArray(), Sampler.Run(new GroupedData([KeyValuePair.Create("other", TestData.Talk)], "x"), options)["other"].Mu.Chain(0).ToArray());
    }

    [Fact]
    public void ThousandsOfGroupsRecordTheSameDrawsOnOneThreadOrTwo()
    {
        // Past DrawCollector's threshold (1024 groups) a draw is recorded on every thread: the same values, in the same places.
        var many = new GroupedData(Enumerable.Range(0, 1500).Select(g => KeyValuePair.Create($"g{g}",
            new ObservedData(Simulation.StudentT(3 + (g % 5), 6, g % 3, 1.5, seed: (ulong)g + 1), "many"))), "many");
        var options = new SamplerOptions { Nu = 6, Chains = 2, BurnIn = 5, Samples = 12, Seed = 24, Backend = Backend.CpuFast };
        var one = Sampler.Run(many, options, new RunHooks { CpuThreads = 1 });
        var two = Sampler.Run(many, options, new RunHooks { CpuThreads = 2 });
        for (int g = 0; g < many.Count; g++)
        {
            Assert.Equal(one.Groups[g].Mu.ToArray(), two.Groups[g].Mu.ToArray());
            Assert.Equal(one.Groups[g].Sigma2.ToArray(), two.Groups[g].Sigma2.ToArray());
        }
        var last = Sampler.Run(new GroupedData([KeyValuePair.Create("g1499", many.Groups[^1])], "alone"), options);
        Assert.Equal(last["g1499"].Mu.ToArray(), two["g1499"].Mu.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the latent pass's S3 and the ν likelihood pass, tiles of the small groups mostly empty lanes
    public void TheKernelBackendsAgreeBitForBitOnGroups(bool estimateNu)
    {
        var options = new SamplerOptions { Nu = 6, EstimateNu = estimateNu, Chains = 3, BurnIn = 5, Samples = 10, Seed = 24 };
        var cpu = Sampler.Run(Ragged, options with { Backend = Backend.Cpu });
        var ilgpu = Sampler.Run(Ragged, options with { Backend = Backend.IlgpuCpu });
        foreach (string label in Ragged.Labels)
            Assert.Equal(cpu[label].Sigma2.ToArray(), ilgpu[label].Sigma2.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheGpuKernelReducesRaggedGroupsAsTheCpuPathDoes(bool twoStreams)
    {
        // Groups of 2, 5000 (two tiles, the second partial) and 300 data: items of different chains and groups side by side
        // in one 1-D grid, each half of the chains its own launch over sub-views of the items.
        var data = new GroupedData(
        [
            KeyValuePair.Create("a", new ObservedData(Pair, "a")),
            KeyValuePair.Create("b", new ObservedData(Simulation.StudentT(SweepLayout.TileSize + 904, 6, 0, 1, seed: 4), "b")),
            KeyValuePair.Create("c", new ObservedData(Simulation.StudentT(300, 6, 5, 2, seed: 6), "c")),
        ], "test");
        var plan = RunPlan.Create(data, new SamplerOptions { Nu = 6, Chains = 2, Seed = 78 }, new RunHooks());
        var states = Enumerable.Range(0, plan.Slots).Select(s => new ChainState(0.1 * s, 1 + (0.1 * s), 0.9, 6)).ToArray();
        using var context = Context.Create(b => b.CPU(new CPUDevice(32, 8, 1)));
        using var gpuShaped = new IlgpuEngine(context, context.GetCPUDevice(0), plan, groupKernel: true, overlap: twoStreams);
        using var native = new CpuEngine(plan);
        var a = new SweepSums[plan.Slots];
        var b = new SweepSums[plan.Slots];
        gpuShaped.ComputeSums(3, states, a);
        native.ComputeSums(3, states, b);
        Assert.Equal(b, a);
        Assert.Equal(6, a.Distinct().Count());
    }

    [Fact]
    public void ABadGroupIsRefusedByName()
    {
        var one = Assert.Throws<InvalidInputException>(() => GroupedData.FromRows([("a", 1.0), ("a", 2.0), ("b", 3.0)], "long.csv"));
        Assert.StartsWith("long.csv, group 'b': 1 observation(s)", one.Message, StringComparison.Ordinal);
        var equal = Assert.Throws<InvalidInputException>(() => GroupedData.FromRows([("a", 1.0), ("a", 2.0), ("b", 3.0), ("b", 3.0)], "long.csv"));
        Assert.StartsWith("long.csv, group 'b': all 2 observations equal 3", equal.Message, StringComparison.Ordinal);
        // The ties rule, per group: three of four equal need ν ≥ 2; a group without ties alone would pass.
        var tied = GroupedData.FromRows([("ok", 1.0), ("ok", 2.0), ("ties", 5.0), ("ties", 5.0), ("ties", 5.0), ("ties", 6.0)], "long.csv");
        var e = Assert.Throws<OptionOutOfRangeException>(() => Sampler.Run(tied, new SamplerOptions { Nu = 1, Seed = 1 }));
        Assert.Contains("group 'ties'", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidInputException>(() => new GroupedData([KeyValuePair.Create("a", TestData.Talk), KeyValuePair.Create("a", TestData.Talk)], "x"));
        Assert.Throws<InvalidInputException>(() => new GroupedData([], "x"));
    }

    private static ParameterDraws Transformed(ParameterDraws draws, string name, Func<double, double> f)
    {
        var values = Enumerable.Range(0, draws.Chains).SelectMany(c => draws.Chain(c).ToArray().Select(f)).ToArray();
        return new ParameterDraws(name, draws.Chains, draws.DrawsPerChain, draws.DrawsPerChain, values);
    }
}
