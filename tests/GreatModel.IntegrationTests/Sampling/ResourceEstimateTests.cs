using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Sampling;

/// <summary>
/// The memory estimate against the managed heap a real run holds, per backend, and the refusals it
/// drives: a run that cannot fit is refused before anything is allocated, saying how many chains fit.
/// </summary>
[Collection(HeapMeasurementCollection.Name)]
public class ResourceEstimateTests
{
    /// <summary>Measures the managed heap (after a full collection) at the first recorded draw.</summary>
    private sealed class HeapProbe : IDrawSink
    {
        public long Bytes { get; private set; }

        public void Record(int draw, ReadOnlySpan<ChainDraw> chains)
        {
            if (draw == 0) Bytes = GC.GetTotalMemory(forceFullCollection: true);
        }
    }

    private static readonly ObservedData Data = new(Simulation.StudentT(50, 6, 0, 1, seed: 3), "tiny");

    [Theory]
    [InlineData(Backend.Reference, false)]
    [InlineData(Backend.Cpu, false)]
    [InlineData(Backend.CpuFast, false)]
    [InlineData(Backend.IlgpuCpu, false)]
    [InlineData(Backend.Cpu, true)]
    public void TheEstimateCoversWhatARunHoldsWithoutOverstatingIt(Backend backend, bool keep)
    {
        var options = new SamplerOptions { Chains = 100_000, BurnIn = 0, Samples = 5, Seed = 1, Backend = backend };
        var hooks = new RunHooks { KeepDrawsInMemory = keep, CpuThreads = 2 };
        var estimate = ResourceEstimate.For(Data, options, hooks);
        var probe = new HeapProbe();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        Sampler.Run(Data, options, new RunHooks { KeepDrawsInMemory = keep, CpuThreads = 2, Sinks = [probe] });
        long held = probe.Bytes - before;
        long estimated = estimate.HostBytes - ResourceEstimate.RuntimeBytes;
        Assert.True(estimated >= held && estimated <= 2 * held,
            $"{backend}: the run held {held / 1e6:F1} MB ({held / options.Chains} B per chain), the estimate says {estimated / 1e6:F1} MB ({estimate.HostBytesPerChain} B per chain)");
    }

    /// <summary>
    /// Large data: a run holds the standardized copy of the data and nothing else per datum (with the caller's own values, 16 B
    /// a datum in all): the sort that finds the median, MAD and ties is let go before sampling, and the estimate counts the copy.
    /// </summary>
    [Theory]
    [InlineData(Backend.CpuFast)]
    [InlineData(Backend.Cpu)]
    public void ARunHoldsEightBytesADatumBesideTheData(Backend backend)
    {
        const int n = 2_000_000;
        var data = new ObservedData(Simulation.StudentT(n, 6, 0, 1, seed: 4), "large");
        var options = new SamplerOptions { Chains = 1, BurnIn = 0, Samples = 2, Seed = 1, Backend = backend };
        var estimate = ResourceEstimate.For(data, options, new RunHooks { CpuThreads = 2 });
        var probe = new HeapProbe();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        Sampler.Run(data, options, new RunHooks { CpuThreads = 2, Sinks = [probe] });
        double perDatum = (double)(probe.Bytes - before) / n;
        Assert.True(perDatum <= 8.5, $"{backend}: the run held {perDatum:F2} B per datum beside the data");
        Assert.True(estimate.HostBytes - ResourceEstimate.RuntimeBytes >= probe.Bytes - before,
            $"the estimate, {estimate.HostBytes - ResourceEstimate.RuntimeBytes} B, covers the {probe.Bytes - before} B held");
    }

    [Fact]
    public void ACmdStanSinkHoldsNoMoreThanItsAllowancePerChain()
    {
        using var dir = new TempFolder();
        const int chains = 400;
        long before = GC.GetTotalMemory(forceFullCollection: true);
        using var sink = DrawsFileSink.Create(DrawsFormat.CmdStan, dir.File("fit.csv"), chains);
        var row = Enumerable.Repeat(new ChainDraw(-2.8923456789012345, 1, 32.860437027186836, 6), chains).ToArray();
        for (int draw = 0; draw < 40; draw++) sink.Record(draw, row); // the buffers are made as they first fill
        long held = (GC.GetTotalMemory(forceFullCollection: true) - before) / chains;
        GC.KeepAlive(sink);
        long allowance = DrawsFileCosts.HostBytesPerChain(DrawsFormat.CmdStan);
        Assert.True(held <= allowance && allowance <= 2 * held, $"{held} B per chain held, {allowance} B allowed");
    }

    private static ResourceEstimate Estimate(int chains, int samples = 2000, bool keep = false, Backend backend = Backend.Cpu, int n = 50) =>
        ResourceEstimate.For(n == Data.Count ? Data : new ObservedData(Simulation.StudentT(n, 6, 0, 1, seed: 4), "n"),
            new SamplerOptions { Chains = chains, Samples = samples, Backend = backend }, new RunHooks { KeepDrawsInMemory = keep });

    [Fact]
    public void TooManyChainsAreRefusedSayingHowManyFit()
    {
        const long available = 1_000_000_000;
        var e = Assert.Throws<OptionOutOfRangeException>(() => Estimate(10_000_000).CheckHost(available));
        Assert.Equal("Chains", e.ParamName);
        var match = System.Text.RegularExpressions.Regex.Match(e.Rule, @"^needs ~9(?:\.[0-9])? GB of memory, this machine has 1 GB available; at most ~([0-9 ]+) chains fit$");
        Assert.True(match.Success, e.Rule);
        int fit = int.Parse(match.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Estimate(fit).CheckHost(available); // what it says fits, fits
        Assert.Throws<OptionOutOfRangeException>(() => Estimate((int)(fit * 1.1) + 1).CheckHost(available)); // two digits rounded down lose < 10%
    }

    [Fact]
    public void DrawsKeptInMemoryAreRefusedOnSamplesAndArraysOnTheirLength()
    {
        var samples = Assert.Throws<OptionOutOfRangeException>(() => Estimate(1000, samples: 1_000_000, keep: true).CheckHost(1_000_000_000));
        Assert.Equal("Samples", samples.ParamName);
        Assert.Matches(@"^1000 chains keeping their draws in memory needs ~32 GB of memory, this machine has 1 GB available; at most ~2[0-9] 000 draws per chain fit \(or stream them to a file\)$", samples.Rule);
        var tiles = Assert.Throws<OptionOutOfRangeException>(() => Estimate(1_500_000_000, n: 5000).CheckHost(long.MaxValue));
        Assert.Equal("Chains", tiles.ParamName);
        Assert.Contains("chains × tiles of 4096 data (1500000000 × 2) would outgrow the largest array; at most 1 000 000 000 chains fit", tiles.Rule, StringComparison.Ordinal);
        var kept = Assert.Throws<OptionOutOfRangeException>(() => Estimate(100_000, samples: 100_000, keep: true).CheckHost(long.MaxValue));
        Assert.Contains("draws kept in memory would outgrow one array; at most 21 000 draws per chain fit", kept.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void DeviceMemoryIsCheckedForDeviceBackendsOnly()
    {
        Assert.Equal(0, Estimate(1000).DeviceBytes);
        var cuda = new ResourceEstimate(TestPlans.For(Simulation.StudentT(50, 6, 0, 1, seed: 4), 6, 1, chains: 1_000_000, backend: Backend.Cuda), keepDraws: false, sinkBytesPerChain: 0);
        Assert.Equal(400 + (1_000_000L * 152), cuda.DeviceBytes); // the data; per chain a state, one tile's partial sums, its segment and its one item
        var e = Assert.Throws<OptionOutOfRangeException>(() => cuda.CheckDevice(10_000_000, "Test GPU"));
        Assert.Equal("Chains", e.ParamName);
        Assert.Equal("needs ~152 MB of device memory, Test GPU has 10 MB; at most ~65 000 chains fit", e.Rule);
    }

    [Fact]
    public void ARunThatCannotFitIsRefusedBeforeItAllocates()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<OptionOutOfRangeException>(() => Sampler.Run(Data, new SamplerOptions { Chains = 1_500_000_000, Backend = Backend.Cpu }, new RunHooks { KeepDrawsInMemory = false }));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000);
        Assert.Equal("Chains", e.ParamName);
        Assert.Matches("^needs ~1.[3-5] TB of memory, this machine has .* available; at most ~[0-9 ]+ chains fit$", e.Rule);
    }

    [Theory]
    [InlineData(DrawsFormat.Tidy)]
    [InlineData(DrawsFormat.CmdStan)]
    public void TheFileSizeEstimateIsOnTheHighSideOfTheFilesWritten(DrawsFormat format)
    {
        using var dir = new TempFolder();
        var options = new SamplerOptions { Chains = 3, BurnIn = 10, Samples = 2000, Seed = 5, Backend = Backend.Cpu };
        using var sink = DrawsFileSink.Create(format, dir.File("fit.csv"), options.Chains);
        sink.Commit(Sampler.Run(Data, options, new RunHooks { Sinks = [sink], KeepDrawsInMemory = false }));
        long written = sink.Paths.Sum(p => new FileInfo(p).Length);
        long estimated = DrawsFileCosts.EstimatedBytes(format, options.Chains, options.Samples);
        Assert.True(estimated >= written && estimated <= 1.6 * written, $"{written} bytes written, {estimated} estimated");
    }

    [Fact]
    public void TheCmdStanLayoutIsRefusedMoreChainsThanFilesMayBeOpen()
    {
        if (DrawsFileCosts.OpenFileLimit() is not { } limit)
        {
            DrawsFileCosts.CheckOpenFiles(int.MaxValue); // no limit to read: nothing refused
            return;
        }
        DrawsFileCosts.CheckOpenFiles((int)Math.Min(int.MaxValue, limit / 2));
        var e = Assert.Throws<OptionOutOfRangeException>(() => DrawsFileCosts.CheckOpenFiles((int)Math.Min(int.MaxValue, limit)));
        Assert.Equal("chains", e.ParamName);
        Assert.Contains($"this process may open {limit} files (ulimit -n)", e.Rule, StringComparison.Ordinal);
        // A grouped run: the value is the --chains given, the files counted from it and the groups.
        int groups = (int)Math.Min(int.MaxValue / 2, limit);
        e = Assert.Throws<OptionOutOfRangeException>(() => DrawsFileCosts.CheckOpenFiles(2, groups));
        Assert.Equal(2, e.ActualValue);
        Assert.Contains($"(2 chains × {groups} groups = {2L * groups} files)", e.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(23_456_789_012, "23 GB")]
    [InlineData(9_876_543_210, "9.9 GB")]
    [InlineData(1_000_000_000, "1 GB")]
    [InlineData(512_000_000, "512 MB")]
    [InlineData(1_600_000_000_000, "1.6 TB")]
    [InlineData(999, "999 bytes")]
    public void BytesAreInDecimalUnitsToTwoDigits(long bytes, string expected) => Assert.Equal(expected, ResourceEstimate.Bytes(bytes));

    [Theory]
    [InlineData(380_123_456, "380 000 000")]
    [InlineData(1_999, "1 900")]
    [InlineData(57, "57")]
    [InlineData(0, "0")]
    public void CountsAreRoundedDownToTwoDigits(long count, string expected) => Assert.Equal(expected, ResourceEstimate.Approximately(count));
}
