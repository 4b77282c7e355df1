using GreatModel.Backends;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Kernels;
using GreatModel.Sampling;
using GreatModel.Tests.Support;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace GreatModel.Tests.Sampling;

/// <summary>Counts process-wide allocations, so it runs alone (see <see cref="HeapMeasurementCollection"/>).</summary>
[Collection(HeapMeasurementCollection.Name)]
public class ScaleTests
{
    [Fact]
    public void ScalesTo256ChainsTimes100kDataWithMemoryLinearInNPlusChains()
    {
        var data = new ObservedData(Simulation.StudentT(100_000, 6, -3.14, 30, seed: 9), "large");
        long before = GC.GetTotalAllocatedBytes(precise: true);
        // Started at the truth: with no burn-in, two sweeps from dispersed starts (±2 spreads) are still on their way in.
        var fit = Sampler.Run(data, new SamplerOptions { Chains = 256, BurnIn = 0, Samples = 2, Seed = 1, Backend = Backend.Cpu, InitialMu = -3.14 });
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        // A chains × n buffer alone would be 256 × 10^5 × 8 B = 205 MB; the engine holds O(n + chains × tiles).
        Assert.True(allocated < 40_000_000, $"allocated {allocated / 1e6:F1} MB");
        Assert.All(fit.Mu.ToArray(), v => Assert.InRange(v, -4.0, -2.3));
    }
}
