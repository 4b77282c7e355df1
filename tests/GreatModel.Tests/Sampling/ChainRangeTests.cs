using GreatModel.Model;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Sampling;

/// <summary>
/// Shards (#17): a run of chains FirstChain .. FirstChain + Chains − 1 of a larger run draws, chain for chain, exactly what
/// the whole run draws — on every backend, with ν estimated (the marginal move's streams too), in grouped runs, and from
/// per-chain inits indexed by the global chain.
/// </summary>
[Collection(IlgpuCollection.Name)]
public class ChainRangeTests
{
    public static TheoryData<Backend> LocalBackends() => TestBackends.Local();

    [Theory]
    [MemberData(nameof(LocalBackends))]
    public void AShardsChainsAreTheWholeRunsChains(Backend backend)
    {
        var whole = new SamplerOptions { EstimateNu = true, Chains = 5, BurnIn = 10, Samples = 15, Seed = 77, Backend = backend };
        var all = Sampler.Run(TestData.Talk, whole);
        var shard = Sampler.Run(TestData.Talk, whole with { Chains = 2, FirstChain = 3, TotalChains = 5 });
        for (int c = 0; c < 2; c++)
        {
            Assert.Equal(all.Mu.Chain(3 + c).ToArray(), shard.Mu.Chain(c).ToArray());
            Assert.Equal(all.Sigma2.Chain(3 + c).ToArray(), shard.Sigma2.Chain(c).ToArray());
            Assert.Equal(all.Nu!.Chain(3 + c).ToArray(), shard.Nu!.Chain(c).ToArray());
        }
    }

    [Fact]
    public void GroupedShardsAndInitsUseTheGlobalChain()
    {
        var groups = new GroupedData([KeyValuePair.Create("a", TestData.Talk), KeyValuePair.Create("b", TestData.Outliers)], "test");
        var whole = new SamplerOptions { Chains = 4, BurnIn = 5, Samples = 10, Seed = 8, Backend = Backend.CpuFast };
        var all = Sampler.Run(groups, whole);
        var shard = Sampler.Run(groups, whole with { Chains = 1, FirstChain = 2, TotalChains = 4 });
        Assert.Equal(all["b"].Mu.Chain(2).ToArray(), shard["b"].Mu.Chain(0).ToArray());

        ChainInit[] inits = [new(1, 2), new(3, 4), new(-5, 6), new(7, 8)];
        var start = Sampler.Run(TestData.Talk, whole with { Inits = inits, BurnIn = 0, Samples = 1 });
        var shardStart = Sampler.Run(TestData.Talk, whole with { Inits = inits, BurnIn = 0, Samples = 1, Chains = 2, FirstChain = 2, TotalChains = 4 });
        Assert.Equal(start.Mu.Chain(2).ToArray(), shardStart.Mu.Chain(0).ToArray());
    }

    [Theory]
    [InlineData(-1, 4, "FirstChain")]
    [InlineData(3, 4, "FirstChain")] // 3 + 2 chains > 4
    public void ARangeOutsideTheRunIsRefused(int first, int total, string option)
    {
        var e = Assert.Throws<OptionOutOfRangeException>(() => new SamplerOptions { Chains = 2, FirstChain = first, TotalChains = total }.Validate());
        Assert.Equal(option, e.ParamName);
    }
}
