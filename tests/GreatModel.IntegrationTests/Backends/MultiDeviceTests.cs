using GreatModel.Model;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Backends;

/// <summary>
/// Several accelerators in one process (#17 item 3): the chains split across devices, each on its own host thread, draw
/// exactly what one device draws — two and three ILGPU CPU accelerators standing in for GPUs (CUDA where present), with ν
/// estimated, in grouped runs, and through a checkpoint; bad device lists are refused naming RunHooks.Devices.
/// </summary>
[Collection(IlgpuCollection.Name)]
public class MultiDeviceTests
{
    private static void AssertSameDraws(Posterior one, Posterior split)
    {
        Assert.Equal(one.Mu.ToChainArrays(), split.Mu.ToChainArrays());
        Assert.Equal(one.Sigma2.ToChainArrays(), split.Sigma2.ToChainArrays());
        if (one.Nu is not null) Assert.Equal(one.Nu.ToChainArrays(), split.Nu!.ToChainArrays());
    }

    [Theory]
    [InlineData(Backend.IlgpuCpu, new[] { 0, 1 })]
    [InlineData(Backend.IlgpuCpu, new[] { 2, 0, 1 })] // uneven ranges (5 chains over 3), ids in any order
    [InlineData(Backend.Cuda, new[] { 0, 1 })]
    public void ChainsSplitAcrossDevicesDrawWhatOneDeviceDraws(Backend backend, int[] devices)
    {
        TestBackends.SkipUnlessDevices(backend, devices);
        var options = new SamplerOptions { EstimateNu = true, Chains = 5, BurnIn = 15, Samples = 20, Seed = 21, Backend = backend };
        var one = Sampler.Run(TestData.Outliers, options);
        var split = Sampler.Run(TestData.Outliers, options, new RunHooks { Devices = devices });
        AssertSameDraws(one, split);
        Assert.StartsWith($"{devices.Length} devices, chains split: ", split.BackendDescription, StringComparison.Ordinal);
        Assert.Equal(one.NuMoveAcceptance, split.NuMoveAcceptance); // the counts added, not the rates averaged: to the last bit
    }

    [Fact]
    public void AGroupedRunSplitsEveryGroupsChains()
    {
        var groups = new GroupedData([KeyValuePair.Create("a", TestData.Talk), KeyValuePair.Create("b", TestData.Outliers)], "test");
        var options = new SamplerOptions { Chains = 3, BurnIn = 10, Samples = 12, Seed = 2, Backend = Backend.IlgpuCpu };
        var one = Sampler.Run(groups, options);
        var split = Sampler.Run(groups, options, new RunHooks { Devices = [0, 1] });
        foreach (string g in new[] { "a", "b" }) AssertSameDraws(one[g], split[g]);
    }

    [Fact]
    public void ASplitRunCheckpointsAndResumesAsOneDevice()
    {
        var options = new SamplerOptions { EstimateNu = true, Chains = 4, BurnIn = 8, Samples = 10, Seed = 13, Backend = Backend.IlgpuCpu };
        var checkpoints = new List<RunCheckpoint>();
        var one = Sampler.Run(TestData.Talk, options, new RunHooks { Checkpoint = checkpoints.Add, CheckpointEvery = TimeSpan.FromTicks(1) });
        var split = new List<RunCheckpoint>();
        Sampler.Run(TestData.Talk, options, new RunHooks { Devices = [0, 1], Checkpoint = split.Add, CheckpointEvery = TimeSpan.FromTicks(1) });
        Assert.Equal(checkpoints.Select(k => k.Chains), split.Select(k => k.Chains)); // the same states, in slot order
        // A checkpoint of the one-device run resumed on two devices, and the other way round.
        var resumed = Sampler.Run(TestData.Talk, options, new RunHooks { Devices = [0, 1], ResumeFrom = checkpoints[11] });
        for (int c = 0; c < 4; c++) Assert.Equal(one.Mu.Chain(c)[resumed.ResumedFromDraw..].ToArray(), resumed.Mu.Chain(c).ToArray());
        var back = Sampler.Run(TestData.Talk, options, new RunHooks { ResumeFrom = split[11] });
        for (int c = 0; c < 4; c++) Assert.Equal(one.Nu!.Chain(c)[back.ResumedFromDraw..].ToArray(), back.Nu!.Chain(c).ToArray());
    }

    [Theory]
    [InlineData(Backend.IlgpuCpu, new[] { 0, 0 }, "must be distinct device ids")]
    [InlineData(Backend.IlgpuCpu, new[] { -1 }, "must be distinct device ids")]
    [InlineData(Backend.IlgpuCpu, new int[0], "must be distinct device ids")]
    [InlineData(Backend.IlgpuCpu, new[] { 0, 1, 2 }, "names 3 devices for 2 chains")]
    [InlineData(Backend.CpuFast, new[] { 0, 1 }, "are for the ILGPU backends (cuda, opencl, ilgpu-cpu); this run's is cpu-fast")]
    public void BadDeviceListsAreRefused(Backend backend, int[] devices, string why)
    {
        var options = new SamplerOptions { Chains = 2, BurnIn = 1, Samples = 1, Seed = 1, Backend = backend };
        var e = Assert.Throws<OptionOutOfRangeException>(() => Sampler.Run(TestData.Talk, options, new RunHooks { Devices = devices }));
        Assert.Equal(nameof(RunHooks.Devices), e.ParamName);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingGpuIsNamed()
    {
        TestBackends.SkipUnlessAvailable(Backend.Cuda);
        var options = new SamplerOptions { Chains = 2, BurnIn = 1, Samples = 1, Seed = 1, Backend = Backend.Cuda };
        var e = Assert.Throws<BackendUnavailableException>(() => Sampler.Run(TestData.Talk, options, new RunHooks { Devices = [0, 99] }));
        Assert.Contains("no CUDA device 99", e.Message, StringComparison.Ordinal);
    }
}
