using GreatModel.Backends.FastCpu;
using GreatModel.Kernels;
using GreatModel.Model;
using GreatModel.Random;

namespace GreatModel.Tests.Kernels;

/// <summary>
/// <see cref="CounterSpace"/> keeps every random stream of a run on its own values of Philox counter word 3:
/// the ranges must not overlap, and each stream's constants must lie inside its own range.
/// </summary>
public class CounterSpaceTests
{
    [Fact]
    public void RangesArePairwiseDisjoint()
    {
        var all = CounterSpace.All;
        for (int i = 0; i < all.Count; i++)
        {
            for (int j = i + 1; j < all.Count; j++)
                Assert.False(all[i].Overlaps(all[j]), $"{all[i]} overlaps {all[j]}");
        }
    }

    [Fact]
    public void HostConditionalDrawsUseWordZeroValuesNoDatumIndexReaches()
    {
        // Device draws put the datum index (below 2^31: data are .NET arrays) in word 0 and a trial in word 3; the host draws of
        // α², μ, τ² share word 3's trial range, so their word 0 must lie above every datum index, with room for the three draws.
        Assert.True(CounterSpace.HostConditionalsDatum > int.MaxValue);
        Assert.Equal(uint.MaxValue, (ulong)CounterSpace.HostConditionalsDatum + CounterSpace.HostConditionalsDraws - 1);
        Assert.True(HostConditionals.Tau2Draw < CounterSpace.HostConditionalsDraws);
        var site = HostConditionals.Site(0x1234_5678_9ABC_DEF0, HostConditionals.Tau2Draw, sweep: 9, chain: 3);
        Assert.Equal((CounterSpace.HostConditionalsDatum + 2, 9u, 3u, 0x9ABC_DEF0u, 0x1234_5678u), (site.Datum, site.Sweep, site.Chain, site.Key0, site.Key1));
    }

    [Fact]
    public void RangesAreListedOnceWithDistinctNamesInIncreasingOrder()
    {
        var all = CounterSpace.All;
        Assert.Equal(9, all.Count);
        Assert.Equal(all.Count, all.Select(r => r.Name).Distinct().Count());
        for (int i = 1; i < all.Count; i++) Assert.True(all[i - 1].Last < all[i].First, $"{all[i - 1]} before {all[i]}");
        Assert.All(all, r => Assert.True(r.First <= r.Last, r.ToString()));
        Assert.Contains(CounterSpace.DeviceTrials, all);
        Assert.Contains(CounterSpace.GammaBoost, all);
        Assert.Contains(CounterSpace.PosteriorPredictive, all);
        Assert.Contains(CounterSpace.LaneSeeds, all);
        Assert.Contains(CounterSpace.HostScalars, all);
        Assert.Contains(CounterSpace.Reference, all);
        Assert.Contains(CounterSpace.Simulation, all);
        Assert.Contains(CounterSpace.NuDraws, all);
        Assert.Contains(CounterSpace.InitialValues, all);
        Assert.Equal(["NuDraws"], all.Where(r => r.Reserved).Select(r => r.Name)); // InitialValues and PosteriorPredictive are in use
    }

    [Fact]
    public void DeviceDrawsUseTheirRanges()
    {
        Assert.True(CounterSpace.DeviceTrials.Contains(CounterSpace.DeviceTrialFirst));
        Assert.True(CounterSpace.DeviceTrials.Contains(CounterSpace.DeviceTrialLast));
        Assert.Equal(0u, CounterSpace.DeviceTrialFirst); // trial t uses block t
        Assert.True(CounterSpace.GammaBoost.Contains(DrawSite.BoostBlock));
        Assert.False(CounterSpace.DeviceTrials.Contains(DrawSite.BoostBlock));
        Assert.True(CounterSpace.PosteriorPredictive.Contains(CounterSpace.PosteriorPredictiveFirst));
        Assert.True(CounterSpace.PosteriorPredictive.Contains(CounterSpace.PosteriorPredictiveLast));
    }

    [Fact]
    public void EveryCpuFastSeedBlockLiesInTheLaneSeedRange()
    {
        // FastTile seeds main streams 0 .. Lanes-1 and spill streams Lanes .. 2·Lanes-1, two blocks each.
        Assert.Equal(2 * FastTile.Lanes, CounterSpace.LaneSeedStreams);
        Assert.Equal(CounterSpace.LaneSeedFirst, LaneStream.SeedWord);
        for (uint index = 0; index < 2 * FastTile.Lanes; index++)
        {
            for (uint half = 0; half < 2; half++)
                Assert.True(CounterSpace.LaneSeeds.Contains(LaneStream.SeedWord + (2 * index) + half), $"stream {index}, half {half}");
        }
        Assert.Equal(LaneStream.SeedWord + (2u * ((2 * FastTile.Lanes) - 1)) + 1, CounterSpace.LaneSeedLast);
    }

    [Fact]
    public void HostStreamsUseTheirRanges()
    {
        Assert.True(CounterSpace.HostScalars.Contains((uint)RandomStream.HostScalars));
        Assert.True(CounterSpace.Reference.Contains((uint)RandomStream.Reference));
        Assert.True(CounterSpace.Simulation.Contains((uint)RandomStream.Simulation));
        Assert.True(CounterSpace.NuDraws.Contains(CounterSpace.NuDrawsFirst) && CounterSpace.NuDraws.Contains(CounterSpace.NuDrawsLast));
        Assert.True(CounterSpace.InitialValues.Contains(CounterSpace.InitialValuesFirst)
            && CounterSpace.InitialValues.Contains(CounterSpace.InitialValuesLast));
        // Every host stream in use has a range of its own.
        foreach (var stream in Enum.GetValues<RandomStream>())
            Assert.Single(CounterSpace.All, r => r.Contains((uint)stream));
    }

    [Fact]
    public void ARangeRefusesReversedBounds() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CounterRange("reversed", 2, 1));
}
