using GreatModel.Model;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Sampling;

/// <summary>
/// Resume and extend (#17 item 4): a run resumed from a checkpoint — within burn-in, within sampling, at its end with more
/// samples asked for — draws exactly what the uninterrupted run draws, on every backend, with ν estimated (the marginal
/// move's adaptation and the host streams' positions carried) and in grouped runs; bad checkpoints are refused.
/// </summary>
[Collection(IlgpuCollection.Name)]
public class ResumeTests
{
    public static TheoryData<Backend> LocalBackends() => TestBackends.Local();

    /// <summary>Every checkpoint of a run that takes one after every sweep.</summary>
    private static List<RunCheckpoint> EverySweep(ObservedData data, SamplerOptions options)
    {
        var checkpoints = new List<RunCheckpoint>();
        // Blocks of one sweep: a checkpoint at every sweep (small runs otherwise carry their chains through blocks of many).
        Sampler.Run(data, options, new RunHooks { Checkpoint = checkpoints.Add, CheckpointEvery = TimeSpan.FromTicks(1), MaxSweepsPerBlock = 1 });
        return checkpoints;
    }

    private static void AssertSameDraws(Posterior whole, Posterior resumed, int chains)
    {
        int from = resumed.ResumedFromDraw;
        Assert.Equal(whole.DrawsPerChain, resumed.DrawsPerChain);
        for (int c = 0; c < chains; c++)
        {
            Assert.Equal(whole.Mu.Chain(c)[from..].ToArray(), resumed.Mu.Chain(c).ToArray());
            Assert.Equal(whole.Sigma2.Chain(c)[from..].ToArray(), resumed.Sigma2.Chain(c).ToArray());
            if (whole.Nu is not null) Assert.Equal(whole.Nu.Chain(c)[from..].ToArray(), resumed.Nu!.Chain(c).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(LocalBackends))]
    public void AResumedRunDrawsWhatTheUninterruptedRunDraws(Backend backend)
    {
        // A burn-in of 100: the ridge move fits its proposal at sweep 50 from sweeps 25-49 and again at 100 from 50-99.
        var options = new SamplerOptions { EstimateNu = true, Chains = 3, BurnIn = 100, Samples = 10, Thin = 2, Seed = 5, Backend = backend };
        var whole = Sampler.Run(TestData.Talk, options);
        var checkpoints = EverySweep(TestData.Talk, options);
        Assert.Equal(options.TotalSweeps, checkpoints[^1].Sweeps);
        Assert.NotNull(checkpoints.Single(k => k.Sweeps == 30).Chains[0].NuRidgeMoments);
        Assert.NotNull(checkpoints.Single(k => k.Sweeps == 70).Chains[0].NuRidgeProposal);
        // After the first sweep, in the random walk, in the first window, at the first fit, in the second window, at the end of
        // burn-in (the last fit), within sampling (between kept sweeps).
        foreach (long at in new long[] { 1, 10, 30, 50, 70, 100, 107 })
        {
            var from = checkpoints.Single(k => k.Sweeps == at);
            var resumed = Sampler.Run(TestData.Talk, options, new RunHooks { ResumeFrom = from });
            Assert.Equal(at, resumed.ResumedFromSweep);
            AssertSameDraws(whole, resumed, options.Chains);
            Assert.Equal(whole.NuMoveAcceptance, resumed.NuMoveAcceptance);
        }
    }

    [Fact]
    public void APipelinedSweeperResumesToo()
    {
        // The two-stream pipeline GPUs use (half 0 of the next sweep queued before a sweep returns), on the CPU accelerator.
        var options = new SamplerOptions { Chains = 4, BurnIn = 6, Samples = 8, Seed = 19, Backend = Backend.IlgpuCpu };
        var checkpoints = new List<RunCheckpoint>();
        var whole = Sampler.Run(TestData.Talk, options, new RunHooks { OverlapHostDraws = true, Checkpoint = checkpoints.Add, CheckpointEvery = TimeSpan.FromTicks(1) });
        Assert.Contains("host draws overlapped", whole.BackendDescription, StringComparison.Ordinal);
        var resumed = Sampler.Run(TestData.Talk, options, new RunHooks { OverlapHostDraws = true, ResumeFrom = checkpoints.Single(k => k.Sweeps == 9) });
        AssertSameDraws(whole, resumed, options.Chains);
    }

    [Theory]
    [InlineData(Backend.CpuFast, false)]
    [InlineData(Backend.Cpu, true)]
    public void AFinishedRunExtendedEqualsALongerRun(Backend backend, bool estimateNu)
    {
        var shorter = new SamplerOptions { EstimateNu = estimateNu, Chains = 2, BurnIn = 5, Samples = 8, Seed = 11, Backend = backend };
        var end = EverySweep(TestData.Outliers, shorter)[^1];
        var longer = shorter with { Samples = 20 };
        var extended = Sampler.Run(TestData.Outliers, longer, new RunHooks { ResumeFrom = end });
        Assert.Equal(8, extended.ResumedFromDraw);
        AssertSameDraws(Sampler.Run(TestData.Outliers, longer), extended, 2);
    }

    /// <summary>A small run carried in blocks checkpoints at their ends (the blocks straddle the ridge move's windows); each resumes.</summary>
    [Fact]
    public void ARunInBlocksResumesFromTheEndOfEveryBlock()
    {
        var options = new SamplerOptions { EstimateNu = true, Chains = 3, BurnIn = 100, Samples = 60, Seed = 7, Backend = Backend.CpuFast };
        var checkpoints = new List<RunCheckpoint>();
        var whole = Sampler.Run(TestData.Talk, options, new RunHooks { Checkpoint = checkpoints.Add, CheckpointEvery = TimeSpan.FromTicks(1), MaxSweepsPerBlock = 35 });
        long[] expected = [0, 35, 70, 100, 135, 160];
        Assert.Equal(expected, checkpoints.Select(k => k.Sweeps)); // blocks end at the burn-in's end too
        foreach (var from in checkpoints.Skip(1).SkipLast(1))
            AssertSameDraws(whole, Sampler.Run(TestData.Talk, options, new RunHooks { ResumeFrom = from }), options.Chains);
    }

    [Fact]
    public void AGroupedRunResumes()
    {
        var groups = new GroupedData([KeyValuePair.Create("a", TestData.Talk), KeyValuePair.Create("b", TestData.Outliers)], "test");
        var options = new SamplerOptions { Chains = 2, BurnIn = 4, Samples = 6, Seed = 3, Backend = Backend.CpuFast };
        var checkpoints = new List<RunCheckpoint>();
        var whole = Sampler.Run(groups, options, new RunHooks { Checkpoint = checkpoints.Add, CheckpointEvery = TimeSpan.FromTicks(1), MaxSweepsPerBlock = 1 });
        var resumed = Sampler.Run(groups, options, new RunHooks { ResumeFrom = checkpoints.Single(k => k.Sweeps == 6) });
        foreach (string g in new[] { "a", "b" }) AssertSameDraws(whole[g], resumed[g], 2);
    }

    [Fact]
    public void ACheckpointOfAnotherRunIsRefused()
    {
        var options = new SamplerOptions { Chains = 2, BurnIn = 3, Samples = 4, Seed = 1, Backend = Backend.CpuFast };
        var end = EverySweep(TestData.Talk, options)[^1];
        void Refused(SamplerOptions o, RunCheckpoint k, string why)
        {
            var e = Assert.Throws<OptionOutOfRangeException>(() => Sampler.Run(TestData.Talk, o, new RunHooks { ResumeFrom = k }));
            Assert.Equal(nameof(RunHooks.ResumeFrom), e.ParamName);
            Assert.Contains(why, e.Message, StringComparison.Ordinal);
        }
        Refused(options with { Chains = 3 }, end, "holds 2 chains; this run has 3");
        Refused(options with { Samples = 2 }, end, "outside this run's 0 .. 5");
        Refused(options, end with { Chains = [end.Chains[0] with { Tau2 = -1 }, end.Chains[1]] }, "chain 0: its state is not a valid one");
        Refused(options with { Nu = 4 }, end, "was made by another run");
        Refused(options with { Seed = 2 }, end, "was made with seed 1; this run's is 2");
        Refused(options with { BurnIn = 2, Samples = 5 }, end, "was made by another run"); // same sweeps, other draws
        Refused(options with { Thin = 2, Samples = 2 }, end, "was made by another run");
        Refused(options with { FirstChain = 2, TotalChains = 4 }, end, "was made by another run"); // another shard of the same size
        var other = Assert.Throws<OptionOutOfRangeException>(() => Sampler.Run(TestData.Outliers, options, new RunHooks { ResumeFrom = end }));
        Assert.Contains("was made by another run", other.Message, StringComparison.Ordinal);
        Refused(options, end with { DrawsPerChain = 3 }, "says 3 draws per chain at sweep 7");
        Refused(options with { Backend = Backend.Cpu }, end, "was made by backend cpu-fast; this run's is cpu, whose draws differ");
        Assert.Throws<OptionOutOfRangeException>(() => Sampler.Run(TestData.Talk, options, new RunHooks { CheckpointEvery = TimeSpan.Zero }));
        Assert.Throws<OptionOutOfRangeException>(() => Sampler.Run(TestData.Talk, options, new RunHooks { MaxSweepsPerBlock = 0 }));
    }

    [Fact]
    public void AResumedPosteriorHoldsOnlyItsTailAndWillNotSummariseIt()
    {
        var options = new SamplerOptions { Chains = 2, BurnIn = 3, Samples = 6, Seed = 1, Backend = Backend.CpuFast };
        var from = EverySweep(TestData.Talk, options).Single(k => k.Sweeps == 6);
        var resumed = Sampler.Run(TestData.Talk, options, new RunHooks { ResumeFrom = from });
        Assert.Equal(3, resumed.ResumedFromDraw);
        Assert.Equal(3, resumed.Mu.Chain(0).Length);
        var e = Assert.Throws<InvalidOperationException>(() => GreatModel.Diagnostics.PosteriorSummaryExtensions.Summarize(resumed));
        Assert.Contains("holds only the draws after its first 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHostStreamSeeksToAnyPosition()
    {
        var reference = new GreatModel.Random.PhiloxRandomSource(9, 2, GreatModel.Random.RandomStream.HostScalars);
        var values = Enumerable.Range(0, 50).Select(_ => reference.NextDouble()).ToArray();
        foreach (int at in new[] { 0, 1, 15, 16, 17, 33 })
        {
            var seeking = new GreatModel.Random.PhiloxRandomSource(9, 2, GreatModel.Random.RandomStream.HostScalars);
            seeking.Seek(at);
            Assert.Equal(at, seeking.Position);
            Assert.Equal(values[at..], Enumerable.Range(at, 50 - at).Select(_ => seeking.NextDouble()));
        }
    }
}
