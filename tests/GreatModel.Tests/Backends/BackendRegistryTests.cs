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
        var (picked, reason) = BackendRegistry.ResolveWithReason(Backend.Auto);
        Assert.True(picked.IsAvailable());
        Assert.StartsWith("auto: ", reason, StringComparison.Ordinal);
        if (!BackendRegistry.Get(Backend.Cuda).IsAvailable() && !BackendRegistry.Get(Backend.OpenCL).IsAvailable())
        {
            Assert.Equal(Backend.Cpu, picked.Id);
            Assert.Equal("auto: no usable cuda or opencl device", reason);
        }
        Assert.Null(BackendRegistry.ResolveWithReason(Backend.CpuFast).Reason);
        var fit = Sampler.Run([1.0, 2.0, 4.0], new SamplerOptions { Chains = 1, BurnIn = 0, Samples = 5, Seed = 1 });
        Assert.Equal(picked.Id, fit.Backend);
        Assert.Equal(reason, fit.BackendReason);
    }
}
