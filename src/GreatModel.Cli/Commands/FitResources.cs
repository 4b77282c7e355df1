using System.Globalization;
using GreatModel.Files.Draws;
using GreatModel.Files.Durability;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Sampling;

namespace GreatModel.Cli.Commands;

/// <summary>
/// A fit's resources, checked before any file is opened or anything sampled: a run that cannot fit in
/// memory is refused saying what would fit (exit 2); draws files over <see cref="LargeFileBytes"/> or
/// over the free disk space get a one-line warning; and a summary whose read-back of the draws cannot
/// fit is refused when asked for (<c>--summary</c>, <c>--plots</c>), and skipped with a warning after
/// the run (which may have stopped early, with fewer draws) when not.
/// </summary>
internal static class FitResources
{
    /// <summary>Draws files larger than this (2 GB) get a warning for their size alone.</summary>
    public const long LargeFileBytes = 2_000_000_000;

    /// <summary>Parameters the summary reads back: mu and sigma2, and nu when it was estimated.</summary>
    public static int SummaryParameters(bool nuEstimated) => nuEstimated ? 3 : 2;

    /// <summary>
    /// Chains × draws up to which a fit also keeps its draws in memory (at most 16 MiB for the four parameters):
    /// the summary then reads them from there, not back from the file (for the talk's workload the read-back was
    /// 20 of the process's 150 ms, measured). Larger runs stream to disk only, so memory stays flat.
    /// </summary>
    private const long InMemoryDraws = 500_000;

    /// <summary>Whether a fit of <paramref name="options"/> keeps its draws in memory as well as writing them.</summary>
    public static bool KeepsDrawsInMemory(SamplerOptions options) => (long)options.Chains * options.Samples <= InMemoryDraws;

    /// <summary>
    /// Checks the run before any file opens: refuses what cannot fit in memory (the library's own estimate, with the draws
    /// files' share; <see cref="Sampler.Plan(ObservedData, SamplerOptions, RunHooks)"/> checks it again with the sinks
    /// themselves, but only once they have opened their files, and a refusal must leave nothing behind), and a summary asked
    /// for whose read-back cannot fit. <see cref="DiskWarning"/> is said once the plan accepts the run.
    /// </summary>
    /// <exception cref="OptionOutOfRangeException">The run, or the summary asked for, cannot fit in memory.</exception>
    /// <param name="data">The data.</param>
    /// <param name="options">The run's options.</param>
    /// <param name="format">The draws files' layout.</param>
    /// <param name="summaryAskedFor">Whether --summary or --plots asks for the summary.</param>
    public static void Check(ObservedData data, SamplerOptions options, DrawsFormat format, bool summaryAskedFor)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        long available = ResourceEstimate.AvailableHostBytes;
        // A run until enough keeps its draws (its rule reads them), up to its cap: checked as such here.
        bool keep = KeepsDrawsInMemory(options) || options.TargetEss is not null;
        ResourceEstimate.For(data, options, new RunHooks { KeepDrawsInMemory = keep }, DrawsFileCosts.HostBytesPerChain(format)).CheckHost(available);
        int parameters = SummaryParameters(options.EstimateNu);
        if (summaryAskedFor && SummaryShortfall(data.Count, options.Chains, options.Samples, parameters) is { } why)
        {
            long perDraw = DrawsFileCosts.ReadBackBytes(options.Chains, 1, parameters);
            long fit = (available - SummaryFixedBytes(data.Count)) / perDraw;
            throw new OptionOutOfRangeException(nameof(SamplerOptions.Samples), options.Samples,
                $"{why}; at most ~{ResourceEstimate.Approximately(Math.Max(0, fit))} draws per chain fit (or leave out --summary and --plots)");
        }
    }

    /// <summary>
    /// Whether the summary of the draws made (read back from the files) fits in memory; when it does not,
    /// says so on stderr, one line.
    /// </summary>
    public static bool SummaryFits(int n, int chains, int drawsPerChain, int parameters)
    {
        if (SummaryShortfall(n, chains, drawsPerChain, parameters) is not { } why) return true;
        Console.Error.WriteLine($"warning: {why}: no summary (the draws are written in full)");
        return false;
    }

    /// <summary>Why the summary of <paramref name="chains"/> × <paramref name="draws"/> draws cannot fit in memory, or null when it can.</summary>
    private static string? SummaryShortfall(int n, int chains, int draws, int parameters)
    {
        long available = ResourceEstimate.AvailableHostBytes;
        long needed = SummaryFixedBytes(n) + DrawsFileCosts.ReadBackBytes(chains, draws, parameters);
        return needed <= available
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"the summary reads back all {ResourceEstimate.Approximately((long)chains * draws)} draws, which needs ~{ResourceEstimate.Bytes(needed)} of memory, this machine has {ResourceEstimate.Bytes(available)} available");
    }

    /// <summary>What the program holds besides the draws read back: the runtime and the data.</summary>
    private static long SummaryFixedBytes(int n) => ResourceEstimate.RuntimeBytes + (sizeof(double) * (long)n);

    /// <summary>The warning for draws files over <see cref="LargeFileBytes"/> or the free space where they go, or null.</summary>
    internal static string? DiskWarning(DrawsFormat format, SamplerOptions options, string outPath, int pointwiseColumns = 0)
    {
        long size = DrawsFileCosts.EstimatedBytes(format, options.Chains, options.Samples, pointwiseColumns);
        string folder = Path.GetDirectoryName(FilePaths.FullPath(outPath)) ?? ".";
        string files = string.Create(CultureInfo.InvariantCulture,
            $"warning: the draws will take ~{ResourceEstimate.Bytes(size)} on disk ({options.Chains} chains × {options.Samples} draws)");
        if (FreeBytes(folder) is { } free && size > free)
            return $"{files}, more than the {ResourceEstimate.Bytes(free)} free in {folder}: the run will fail when the disk fills";
        return size > LargeFileBytes ? files : null;
    }

    /// <summary>Free bytes on the file system holding <paramref name="folder"/>, or null where the system does not say.</summary>
    private static long? FreeBytes(string folder)
    {
        try
        {
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
