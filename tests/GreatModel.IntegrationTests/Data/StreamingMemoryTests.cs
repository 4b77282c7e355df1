using System.Globalization;
using GreatModel.Files.Draws;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

[Collection(HeapMeasurementCollection.Name)]
public class StreamingMemoryTests
{
    /// <summary>Measures the managed heap (after a full collection) at one draw of a run.</summary>
    private sealed class HeapProbe(int at) : IDrawSink
    {
        public long Bytes { get; private set; }

        public void Record(int draw, ReadOnlySpan<ChainDraw> chains)
        {
            if (draw == at) Bytes = GC.GetTotalMemory(forceFullCollection: true);
        }
    }

    [Fact]
    public void StreamingARunKeepsMemoryFlatWhateverItsLength()
    {
        using var dir = new TempFolder();
        var data = new ObservedData(Simulation.StudentT(50, 6, 0, 1, seed: 3), "tiny");
        var options = new SamplerOptions { Chains = 64, BurnIn = 0, Samples = 20_000, Seed = 1, Backend = Backend.Cpu };
        using var sink = DrawsFileSink.Create(DrawsFormat.CmdStan, dir.File("fit.csv"), options.Chains);
        var probe = new HeapProbe(at: 19_999);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var fit = Sampler.Run(data, options, new RunHooks { Sinks = [sink, probe], KeepDrawsInMemory = false });
        sink.Commit(fit);
        // Holding the draws would take 64 chains × 20 000 × 4 parameters × 8 B = 41 MB.
        Assert.True(probe.Bytes - before < 8_000_000, $"the heap grew by {(probe.Bytes - before) / 1e6:F1} MB during the run");
        Assert.False(fit.HasDraws);
        Assert.Equal(20_000, fit.DrawsPerChain);
        var back = sink.ReadBack("mu");
        Assert.Equal(64, back["mu"].Length);
        Assert.All(back["mu"], chain => Assert.Equal(20_000, chain.Length));
    }
}
