using GreatModel.Backends;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Backends;

/// <summary>The GPU kernel gives each chain of a launch one grid row; more than a GPU grid holds is refused up front, not a driver error mid-run.</summary>
public class GpuGridLimitTests
{
    [Theory]
    [InlineData(Backend.Cuda, null, 131_071)]
    [InlineData(Backend.OpenCL, false, 65_536)]
    public void MoreChainsThanGridRowsAreRefusedBeforeAnyDeviceWork(Backend backend, bool? overlap, int chains)
    {
        var plan = RunPlan.Create(TestData.Talk, new SamplerOptions { Chains = chains, Seed = 1, Backend = backend }, new RunHooks { OverlapHostDraws = overlap });
        var e = Assert.Throws<OptionOutOfRangeException>(() => IlgpuEngine.Create(plan, backend));
        Assert.Equal(nameof(SamplerOptions.Chains), e.ParamName);
        Assert.Contains("grid has at most 65535", e.Rule, StringComparison.Ordinal);
    }
}
