using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Backends;

/// <summary>
/// A native CPU sweep of one chain (the talk's workload) allocates nothing: no state copies, closures or
/// buffers per sweep. Counted on this thread only (one chain, one tile: no worker threads involved).
/// </summary>
public class SweepAllocationTests
{
    [Theory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.CpuFast)]
    public void AOneChainSweepAllocatesNothing(Backend backend)
    {
        var plan = RunPlan.Create(TestData.Talk, new SamplerOptions { Chains = 1, Seed = 3, Backend = backend }, new RunHooks());
        using var sweeper = plan.Backend.CreateSweeper(plan);
        for (long s = 0; s < 200; s++) sweeper.Sweep(s); // warm: JIT tiers, first refills
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (long s = 200; s < 1200; s++) sweeper.Sweep(s);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
