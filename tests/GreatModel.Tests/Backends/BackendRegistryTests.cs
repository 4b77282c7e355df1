using GreatModel.Backends;

namespace GreatModel.Tests.Backends;

/// <summary>The registry is the one list of backends: complete, unambiguous, and honest about auto's choice.</summary>
public class BackendRegistryTests
{
    [Fact]
    public void EveryBackendHasOneDescriptorWithAUniqueName()
    {
        var ids = Enum.GetValues<Backend>().Where(b => b != Backend.Auto).ToHashSet();
        Assert.Equal(ids, BackendRegistry.All.Select(b => b.Id).ToHashSet());
        Assert.Equal(BackendRegistry.All.Count, BackendRegistry.All.Select(b => b.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var b in BackendRegistry.All)
        {
            Assert.True(BackendRegistry.TryParse(b.Name.ToUpperInvariant(), out var parsed));
            Assert.Equal(b.Id, parsed);
            Assert.False(string.IsNullOrWhiteSpace(b.Summary));
        }
        Assert.False(BackendRegistry.TryParse("gpu", out _));
    }

    [Fact]
    public void AutoSaysWhatItPickedAndWhyAndANamedBackendSaysNothing()
    {
        var (picked, reason) = BackendRegistry.ResolveWithReason(Backend.Auto, chains: 1, dataCount: 3, sweeps: 5, nu: 6);
        Assert.True(picked.IsAvailable());
        Assert.Equal(Backend.CpuFast, picked.Id); // far too small for any GPU
        Assert.Equal("auto: under 0.01 s on cpu-fast, less than a GPU's estimate (about 0.5 s, its start included)", reason);
        Assert.Null(BackendRegistry.ResolveWithReason(Backend.Cpu, 1, 3, 5, 6).Reason);
        var fit = Sampler.Run([1.0, 2.0, 4.0], new SamplerOptions { Chains = 1, BurnIn = 0, Samples = 5, Seed = 1 });
        Assert.Equal(picked.Id, fit.Backend);
        Assert.Equal(reason, fit.BackendReason);
    }

    [Fact]
    public void AutoConsidersAGpuOnlyForARunLongEnoughForOneToWin()
    {
        // 4096 chains × 10⁶ × 500 sweeps: hours on two cores, about a minute on an H100.
        var (picked, reason) = BackendRegistry.ResolveWithReason(Backend.Auto, chains: 4096, dataCount: 1_000_000, sweeps: 500, nu: 6);
        bool gpu = BackendRegistry.Get(Backend.Cuda).IsAvailable() || BackendRegistry.Get(Backend.OpenCL).IsAvailable();
        if (gpu)
        {
            Assert.True(picked.NeedsDevice, reason);
        }
        else
        {
            Assert.Equal(Backend.CpuFast, picked.Id);
            Assert.Equal("auto: no usable cuda or opencl device", reason);
        }
    }

    [Fact]
    public void SinglePrecisionAutoStaysOnTheKernelBackends()
    {
        var (picked, _) = BackendRegistry.ResolveWithReason(Backend.Auto, chains: 1, dataCount: 3, sweeps: 5, nu: 6, kernelDrawsOnly: true);
        Assert.Equal(Backend.Cpu, picked.Id);
        // cpu's scalar single-precision code is ~20× slower than cpu-fast: the estimate says so, and a GPU wins sooner.
        Assert.True(AutoChoice.CpuSeconds(16, 10_000, 500, 2, 6, kernelDrawsOnly: true) > 10 * AutoChoice.CpuSeconds(16, 10_000, 500, 2, 6));
        // The draw's cost by ν: the boost (ν < 1) runs the scalar code, an order of magnitude slower.
        Assert.True(AutoChoice.CpuSeconds(4, 2000, 4000, 2, 0.5) > 10 * AutoChoice.CpuSeconds(4, 2000, 4000, 2, 6));
    }

    [Theory]
    [InlineData(1, 500, 4000, false)] // the talk's workload: the CPU
    [InlineData(16, 500, 4000, false)] // the GPU's fixed cost per sweep dominates
    [InlineData(256, 100_000, 500, true)] // H100: 18.6 G/s against 0.3 G/s on two cores
    [InlineData(4096, 1_000_000, 300, true)]
    public void TheCostModelPutsTheCrossoverWhereTheMeasurementsDo(int chains, int n, long sweeps, bool gpuFaster)
    {
        double cpu = AutoChoice.CpuSeconds(chains, n, sweeps, cores: 2, nu: 6), gpu = AutoChoice.GpuSeconds(chains, n, sweeps);
        Assert.Equal(gpuFaster, gpu < cpu);
    }

    [Fact]
    public void WithNuEstimatedTheCostModelCountsBothPassesOnEachSide()
    {
        // ν estimated (NaN): the CPU's measured rate with both moves, below its fixed-ν rates; the GPU pays two passes.
        Assert.True(AutoChoice.CpuSeconds(64, 10_000, 400, 2, double.NaN) > AutoChoice.CpuSeconds(64, 10_000, 400, 2, 6.5));
        Assert.True(AutoChoice.GpuSeconds(64, 10_000, 400, nuEstimated: true) > AutoChoice.GpuSeconds(64, 10_000, 400));
        Assert.Equal(Backend.CpuFast, BackendRegistry.Resolve(Backend.Auto, 4, 500, 4000, double.NaN, cpuThreads: 2).Id); // the talk's workload
    }
}
