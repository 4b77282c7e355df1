using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Kernels;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Sampling;

/// <summary>
/// Chains carried alone through blocks of sweeps (<see cref="ChainBlocks"/>) draw what a sweep of all chains at once draws, bit
/// for bit: on every native backend, ν fixed and estimated (the ridge move's fitting windows inside blocks), several tiles per
/// chain, groups; and the run loop records, stops and fails at the same draws as without blocks.
/// </summary>
public class ChainBlocksTests
{
    /// <summary>Tiles of 4096: 9000 values make three, the last partial.</summary>
    private static readonly double[] ThreeTiles = Simulation.StudentT(9000, 6, -1, 2, seed: 8);

    /// <summary>
    /// Backend × ν × data, with 3 chains (one or two side by side per thread), and on the kernel backends 17 chains too: blocks of
    /// eight side by side (one chain per vector lane in the host draws) and a last block of one (its draws in lanes of their own).
    /// </summary>
    public static TheoryData<Backend, bool, bool, int> Cases()
    {
        var cases = new TheoryData<Backend, bool, bool, int>();
        foreach (var backend in new[] { Backend.Cpu, Backend.CpuFast, Backend.Reference })
            foreach (bool nu in new[] { false, true })
            {
                foreach (bool tiles in new[] { false, true })
                    cases.Add(backend, nu, tiles, 3);
                if (backend != Backend.Reference) cases.Add(backend, nu, false, 17);
            }
        return cases;
    }

    private static RunPlan Plan(Backend backend, bool estimateNu, bool threeTiles, int threads = 2, int chains = 3) =>
        RunPlan.Create(new ObservedData(threeTiles ? ThreeTiles : TestData.Talk.Values, "test"),
            new SamplerOptions { EstimateNu = estimateNu, Seed = 11, Chains = chains, Backend = backend, BurnIn = 40, Samples = 40 },
            new RunHooks { CpuThreads = threads });

    [Theory]
    [MemberData(nameof(Cases))]
    public void BlocksDrawWhatSweepsOfAllChainsDraw(Backend backend, bool estimateNu, bool threeTiles, int chains)
    {
        var plan = Plan(backend, estimateNu, threeTiles, chains: chains);
        using var alone = plan.Backend.CreateSweeper(plan);
        using var together = plan.Backend.CreateSweeper(plan);
        // Blocks of 7 sweeps: they straddle the ridge move's fitting windows (sweeps 10, 20, 40) and the burn-in's end.
        var blocks = new ChainBlocks(Assert.IsAssignableFrom<IChainwiseSweeper>(alone), plan.Slots, 7, threads: 2);
        for (long first = 0; first < plan.TotalSweeps; first += 7)
        {
            int count = (int)Math.Min(7, plan.TotalSweeps - first);
            blocks.Run(first, count);
            for (int j = 0; j < count; j++)
            {
                together.Sweep(first + j);
                for (int c = 0; c < plan.Slots; c++)
                    AssertSameState(together.States[c], blocks.StatesAfter(j)[c], $"chain {c}, sweep {first + j}");
            }
        }
        for (int c = 0; c < plan.Slots; c++) AssertSameState(together.States[c], alone.States[c], $"chain {c} at the end");
        Assert.Equal(together.NuMoveAfterBurnIn, alone.NuMoveAfterBurnIn);
    }

    [Theory]
    [InlineData(Backend.CpuFast)]
    [InlineData(Backend.Cpu)]
    public void GroupsInBlocksDrawWhatTheyDrawTogether(Backend backend)
    {
        var data = new GroupedData([KeyValuePair.Create("talk", TestData.Talk), KeyValuePair.Create("outliers", TestData.Outliers)], "test");
        var options = new SamplerOptions { EstimateNu = true, Seed = 5, Chains = 2, Backend = backend, BurnIn = 30, Samples = 20 };
        var plan = RunPlan.Create(data, options, new RunHooks { CpuThreads = 2 });
        using var alone = plan.Backend.CreateSweeper(plan);
        using var together = plan.Backend.CreateSweeper(plan);
        var blocks = new ChainBlocks((IChainwiseSweeper)alone, plan.Slots, 16, threads: 2);
        for (long first = 0; first < plan.TotalSweeps; first += 16)
        {
            int count = (int)Math.Min(16, plan.TotalSweeps - first);
            blocks.Run(first, count);
            for (int j = 0; j < count; j++) together.Sweep(first + j);
        }
        for (int c = 0; c < plan.Slots; c++) AssertSameState(together.States[c], alone.States[c], $"slot {c}");
    }

    /// <summary>
    /// Through the run loop: the same draws, warm-up draws and log densities with blocks and without (a wrapper hides the
    /// sweeper's chainwise face), thinned, and with a run until enough stopping at the same draw.
    /// </summary>
    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 3)]
    public void TheRunLoopRecordsTheSameWithAndWithoutBlocks(bool untilEnough, int thin)
    {
        var options = new SamplerOptions { EstimateNu = true, Seed = 3, Chains = 4, Backend = Backend.CpuFast, BurnIn = 60, Samples = untilEnough ? 4000 : 300, Thin = thin, TargetEss = untilEnough ? 300 : null };
        var plan = RunPlan.Create(TestData.Talk, options, new RunHooks { CpuThreads = 2 });
        using (var probe = plan.Backend.CreateSweeper(plan)) Assert.NotNull(ChainBlocks.For(plan, probe)); // the loop runs this plan in blocks
        var (blocked, blockedSweeps) = Record(plan, hide: false);
        var (plain, plainSweeps) = Record(plan, hide: true);
        Assert.Equal(plainSweeps, blockedSweeps);
        Assert.Equal(plain.Draws.Count, blocked.Draws.Count);
        Assert.Equal(plain.Draws, blocked.Draws);
        Assert.Equal(plain.Warmup, blocked.Warmup);
        if (untilEnough) Assert.True(blockedSweeps < plan.TotalSweeps, "the rule stopped the run before its cap");
    }

    private static (RecordingSink Sink, long Sweeps) Record(RunPlan plan, bool hide)
    {
        using var sweeper = plan.Backend.CreateSweeper(plan);
        var sink = new RecordingSink();
        var collector = new DrawCollector(1, plan.Chains, plan.Options.Samples, keep: true, nu: true, initialCapacity: 100);
        var rule = plan.Options.TargetEss is { } target ? new TargetEssRule(collector, 1, target, plan.Options.Samples) : null;
        long sweeps = SweepDriver.Run(plan, hide ? new Hidden(sweeper) : sweeper, [collector, sink], null, CancellationToken.None, rule, out _);
        return (sink, sweeps);
    }

    /// <summary>Chains carried one at a time (3 chains), and three side by side (6 chains on two threads).</summary>
    [Theory]
    [InlineData(3, 1)]
    [InlineData(6, 3)]
    public void AChainThatFailsInABlockStopsTheRunAtItsSweep(int chains, int chainsPerCall)
    {
        var plan = TestPlans.For([1.0, 2.0, 4.0], 3, seed: 1, chains: chains, threads: 2);
        var sink = new RecordingSink();
        var e = Assert.Throws<SamplingFailedException>(() =>
            SweepDriver.Run(plan, new FailingChain(chains, failAt: 300, throws: false, chainsPerCall), [sink], null, CancellationToken.None));
        Assert.Equal((1, 300L), (e.Chain, e.Sweep));
        Assert.Equal(300 - plan.Options.BurnIn, sink.Draws.Count / chains);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(6, 3)]
    public void AnErrorInAChainsSweepIsRethrownAsItselfAtItsSweep(int chains, int chainsPerCall)
    {
        var plan = TestPlans.For([1.0, 2.0, 4.0], 3, seed: 1, chains: chains, threads: 2);
        var sink = new RecordingSink();
        var e = Assert.Throws<ArithmeticException>(() =>
            SweepDriver.Run(plan, new FailingChain(chains, failAt: 300, throws: true, chainsPerCall), [sink], null, CancellationToken.None));
        Assert.Equal("chain 1 at sweep 300", e.Message);
        Assert.Equal(300 - plan.Options.BurnIn, sink.Draws.Count / chains); // the sweeps before it recorded, it not
    }

    private static void AssertSameState(ChainState expected, ChainState actual, string where)
    {
        Assert.True(BitConverter.DoubleToInt64Bits(expected.Mu) == BitConverter.DoubleToInt64Bits(actual.Mu)
            && BitConverter.DoubleToInt64Bits(expected.Alpha2) == BitConverter.DoubleToInt64Bits(actual.Alpha2)
            && BitConverter.DoubleToInt64Bits(expected.Tau2) == BitConverter.DoubleToInt64Bits(actual.Tau2)
            && BitConverter.DoubleToInt64Bits(expected.Nu) == BitConverter.DoubleToInt64Bits(actual.Nu),
            $"{where}: ({expected.Mu:R}, {expected.Alpha2:R}, {expected.Tau2:R}, {expected.Nu:R}) sweeping together, ({actual.Mu:R}, {actual.Alpha2:R}, {actual.Tau2:R}, {actual.Nu:R}) in blocks");
    }

    /// <summary>Keeps every draw and warm-up draw it is given, with the log densities.</summary>
    private sealed class RecordingSink : IDrawSink
    {
        public List<ChainDraw> Draws { get; } = [];

        public List<ChainDraw> Warmup { get; } = [];

        public bool WantsLogDensity => true;

        public bool RecordsWarmup => true;

        public void Record(int draw, ReadOnlySpan<ChainDraw> chains) => Draws.AddRange(chains);

        public void RecordWarmup(int draw, ReadOnlySpan<ChainDraw> chains) => Warmup.AddRange(chains);
    }

    /// <summary>A sweeper seen only as an <see cref="IGibbsSweeper"/>: the run loop then sweeps all chains at once.</summary>
    private sealed class Hidden(IGibbsSweeper inner) : IGibbsSweeper
    {
        public string Description => inner.Description;

        public ChainState[] States => inner.States;

        public TimeSpan? HostScalarTime => inner.HostScalarTime;

        public (long Accepted, long Proposed)? NuMoveAfterBurnIn => inner.NuMoveAfterBurnIn;

        public RunCheckpoint Capture(long sweeps) => inner.Capture(sweeps);

        public void Restore(RunCheckpoint checkpoint) => inner.Restore(checkpoint);

        public void Sweep(long sweep) => inner.Sweep(sweep);

        public void Dispose() => inner.Dispose();
    }

    /// <summary>A chainwise sweeper whose chain 1 turns NaN, or throws, at a chosen sweep (the others go on).</summary>
    private sealed class FailingChain(int chains, long failAt, bool throws, int chainsPerCall = 1) : FailingSweeperBase(chains), IChainwiseSweeper
    {
        public bool SweepsChainsAlone => true;

        public int ChainsPerCall => chainsPerCall;

        public ChainState SweepChain(int slot, long sweep, ChainState state)
        {
            if (slot != 1 || sweep != failAt) return state;
            return throws ? throw new ArithmeticException($"chain {slot} at sweep {sweep}") : new ChainState(double.NaN, 1, 1, 6);
        }

        public override void Sweep(long sweep) => throw new NotSupportedException("carried in blocks only");
    }
}
