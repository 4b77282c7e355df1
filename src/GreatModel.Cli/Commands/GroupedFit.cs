using GreatModel.Backends;
using GreatModel.Cli.Parsing;
using System.Globalization;
using GreatModel.Cli.Plots;
using GreatModel.Files.Draws;
using GreatModel.Files.Durability;
using GreatModel.Files.Export;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Diagnostics;
using GreatModel.Sampling;

namespace GreatModel.Cli.Commands;

/// <summary>
/// <c>fit --group COLUMN</c>: one robust fit per group of a long-format file, all groups × chains in one run; the draws in
/// one tidy file with a leading group column (or a CmdStan file set per group in a folder), a summary per group, the
/// groups that fail the convergence checks, the JSON summary keyed by group and plots of the groups chosen.
/// </summary>
internal static class GroupedFit
{
    /// <summary>Groups whose summary tables are printed; the rest are in --summary's JSON.</summary>
    private const int PrintedGroups = 20;

    /// <summary>Draws (groups × chains × samples) kept in memory for the summary; a larger run writes its draws and no summary.</summary>
    private const long InMemoryDraws = 50_000_000;

    /// <param name="settings">The command line.</param>
    /// <param name="options">The options as parsed (a resumed run's: its checkpoint's).</param>
    /// <param name="format">The draws layout.</param>
    /// <param name="cancellationToken">The command's cancellation (signals are StopSignals').</param>
    /// <param name="resumed">A resumed run's data and checkpointing (<c>fit --resume</c>); null: read --data and start.</param>
    public static int Execute(FitCommand.Settings settings, SamplerOptions options, DrawsFormat format, CancellationToken cancellationToken,
        (GroupedData Data, Checkpointing Checkpointing)? resumed = null)
    {
        var data = resumed?.Data ?? DataFileReader.ReadGrouped(settings.Data!, settings.Group!, settings.Column!);
        var checkpointing = resumed?.Checkpointing;
        if (checkpointing is null && settings.CheckpointEvery is { } seconds)
        {
            // A resumed run must draw with the same seed: fixed here, not inside the run.
            options = options.WithSeed();
            checkpointing = Checkpointing.ForNewRun(settings.Out, seconds, options, data, settings.Data!, settings.Group!, settings.Column!);
        }
        else if (checkpointing is null)
        {
            Checkpointing.CheckNoInterruptedRun(settings.Out);
        }
        // A Zarr store (with a group dimension) is made at the end from tidy rows streamed beside it, which then go.
        string? store = OptionTable.IsZarr(settings) ? settings.Out : null;
        string outPath = checkpointing?.DrawsPath ?? (store is null ? settings.Out : ZarrOutput.DrawsBeside(store));
        try
        {
            return Run(settings, options, format, data, checkpointing, outPath, store, cancellationToken);
        }
        finally
        {
            if (store is not null && File.Exists(outPath)) File.Delete(outPath);
        }
    }

    /// <summary>The grouped run into <paramref name="outPath"/> (with --format zarr, the rows <paramref name="store"/> is made from).</summary>
    private static int Run(FitCommand.Settings settings, SamplerOptions options, DrawsFormat format, GroupedData data, Checkpointing? checkpointing,
        string outPath, string? store, CancellationToken cancellationToken)
    {
        var plotted = PlottedGroups(settings, data);
        var outputs = OutputPlan.ForFit(settings, format, options.Chains, options.EstimateNu, data.Labels, outPath, data.Source, checkpointing?.OwnFiles);
        var devices = Checkpointing.DevicesOf(checkpointing, settings.Devices, options.Backend);
        outputs.Check();
        // A resumed run's summary reads the whole file back: the run holds only the draws it makes.
        bool keepDraws = ((long)data.Count * options.Chains * options.Samples <= InMemoryDraws || options.TargetEss is not null) && checkpointing?.ResumeFrom is null;
        using var signals = new StopSignals(cancellationToken);
        var fileOptions = new DrawsFileOptions
        {
            NuColumn = options.EstimateNu,
            SaveWarmup = settings.SaveWarmup,
            FirstChain = options.FirstChain,
            RunChains = options.TotalChains,
            LogDensityColumn = store is not null, // the store's sample_stats/lp
        };
        using var sink = DrawsFileSink.CreateGrouped(format, outPath, data.Labels, options.Chains, checkpointing?.Apply(fileOptions) ?? fileOptions);
        var fit = ProgressDisplay.Run(progress =>
        {
            var hooks = new RunHooks { Sinks = [sink], KeepDrawsInMemory = keepDraws, Progress = progress, Devices = devices };
            var plan = Sampler.Plan(data, options, checkpointing?.Apply(hooks, sink) ?? hooks); // said once accepted, before the first sweep
            var sizes = data.Groups.Select(g => g.Count).ToArray();
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{data.Source}: {data.Count} groups, n = {sizes.Min()} to {sizes.Max()} ({data.TotalCount} in all); nu {(options.EstimateNu ? "" : "= ")}{options.DescribeNu()} per group; {options.Chains} chains{ShardOption.RangeNote(options)} × {FitCommand.DrawsPlanned(options)} per group (burn-in {options.BurnIn}, thin {options.Thin}); seed {plan.Seed}; backend {BackendRegistry.NameOf(plan.Backend)}"));
            return plan.RunGroups(signals.Token);
        }, settings.Quiet);
        var first = fit.Groups[0];
        if (fit.DrawsPerChain == 0)
        {
            Console.Error.WriteLine(signals.NoDraws(first, sink.Paths));
            if (checkpointing is not null) Console.Error.WriteLine(checkpointing.ContinueNote);
            return signals.ExitCode(first);
        }
        Checkpointing.Commit(checkpointing, outPath, format, () => sink.Commit(fit));
        if (options.TotalChains is not null)
            ShardOption.WriteManifest(outPath, first.Record, fit.DrawsPerChain, [.. data.Groups.Select(g => g.Count)]);
        string written = $"{FitCommand.Described(sink.Paths)}{(sink.Paths.Count > 1 ? $" ({sink.Paths.Count} files)" : "")}";
        if (store is not null) written = $"{store} (ArviZ InferenceData, Zarr v2, a group dimension: {ZarrOutput.Write(outPath, store, null, first.Record, data.Source)})";
        if (signals.Stopped(first) is { } stopped) Console.Error.WriteLine(stopped);
        signals.Committed(written, FitCommand.Pending(settings));
        Report(data, options, fit, settings, sink, format, keepDraws, plotted, checkpointing, signals.Made, written);
        return signals.ExitCode(first);
    }

    /// <summary>
    /// Each group's table (the first <see cref="PrintedGroups"/>; the rest are in the JSON summary), then whether every
    /// group passes the convergence checks, or (on stderr) which do not. <paramref name="summaries"/>: label, n when known, rows.
    /// </summary>
    internal static void PrintGroups(IReadOnlyList<(string Group, int? N, IReadOnlyList<ParameterSummary> Rows)> summaries, bool wide, string? summaryPath)
    {
        var console = Console.Out;
        foreach (var (group, n, rows) in summaries.Take(PrintedGroups))
        {
            console.WriteLine(n is null ? $"group {group}" : $"group {group} (n = {n})");
            console.Write(SummaryTable.Render(rows, null, wide));
        }
        if (summaries.Count > PrintedGroups)
            console.WriteLine($"... and {summaries.Count - PrintedGroups} more groups{(summaryPath is null ? " (all of them with --summary FILE)" : $" (all in {summaryPath})")}");
        var failing = summaries.Where(s => s.Rows.Any(r => r.ConvergenceWarnings().Any())).Select(s => s.Group).ToList();
        // Groups too small for a mean or sd: a few named, the rest counted (10⁴ small groups would be 10⁴ lines).
        var notes = summaries.SelectMany(s => s.Rows.Where(r => r.MomentsNote is not null).Select(r => $"group {s.Group}: {r.MomentsNote}")).ToList();
        foreach (string note in notes.Take(5)) Console.Error.WriteLine($"warning: {note}");
        if (notes.Count > 5) Console.Error.WriteLine($"warning: ... and {notes.Count - 5} more rows of small groups without a mean or sd (null in the summary JSON, with the reason)");
        if (failing.Count == 0)
            console.WriteLine($"all {summaries.Count} groups pass the convergence checks (R-hat <= {ParameterSummary.MaximumRhat}, ESS >= {ParameterSummary.MinimumEss})");
        else
            Console.Error.WriteLine($"warning: {failing.Count} of {summaries.Count} groups fail the convergence checks (R-hat > {ParameterSummary.MaximumRhat} or ESS < {ParameterSummary.MinimumEss}): {string.Join(", ", failing.Take(50))}{(failing.Count > 50 ? ", ..." : "")}");
    }

    /// <summary>The groups --plot-groups names (checked against the data), or none.</summary>
    private static IReadOnlyList<string> PlottedGroups(FitCommand.Settings settings, GroupedData data)
    {
        if (settings.PlotGroups is null)
        {
            if (settings.Plots is not null)
                throw new InvalidInputException($"--plots {settings.Plots}: with --group, name the groups to plot with --plot-groups A,B (of {data.Count} groups)");
            return [];
        }
        if (settings.Plots is null)
            throw new InvalidInputException($"--plot-groups {settings.PlotGroups}: needs --plots (the folder the plots go into)");
        var chosen = settings.PlotGroups.Split(',', StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var known = data.Labels.ToHashSet(StringComparer.Ordinal);
        if (chosen.FirstOrDefault(g => !known.Contains(g)) is { } missing)
            throw new InvalidInputException($"--plot-groups {settings.PlotGroups}: no group '{missing}' in {data.Source} (groups: {string.Join(", ", data.Labels.Take(10))}{(data.Count > 10 ? ", ..." : "")})");
        return chosen;
    }

    private static void Report(GroupedData data, SamplerOptions options, GroupedPosterior fit, FitCommand.Settings settings, DrawsFileSink sink,
        DrawsFormat format, bool keptDraws, IReadOnlyList<string> plotted, Checkpointing? checkpointing, Action<string> made, string written)
    {
        var console = Console.Out; // the run's first line went out before it (Execute)
        foreach (string line in Checkpointing.ReportLines(checkpointing, fit.Groups[0].ResumedFromSweep, fit.Groups[0].ResumedFromDraw, fit.SweepsRun)) console.WriteLine(line);
        if (FitCommand.TargetLine(fit.Groups[0]) is { } target) console.WriteLine(target);
        if (fit.SweepsRun > fit.Groups[0].ResumedFromSweep) // a resumed run with nothing left to draw has no timing to report
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"backend {fit.BackendDescription}: {fit.Elapsed.TotalSeconds:F2} s, {fit.DatumUpdatesPerSecond / 1e6:F1} M datum-updates/s over all groups"));
        }
        if (fit.BackendReason is not null) console.WriteLine($"({fit.BackendReason})");
        string[] reported = PosteriorPlots.Parameters(fit.Options.EstimateNu); // mu, sigma2 (, nu): the working alpha2, tau2 left out
        // Draws not held (a resumed run, or too many to hold while sampling): read back from the tidy file when they fit.
        Dictionary<string, IReadOnlyDictionary<string, double[][]>>? readBack = null;
        if (!keptDraws && fit.DrawsPerChain >= FitCommand.MinimumDrawsForSummary && format == DrawsFormat.Tidy
            && FitResources.SummaryFits((int)Math.Min(int.MaxValue, data.TotalCount), data.Count * options.Chains, fit.DrawsPerChain, FitResources.SummaryParameters(options.EstimateNu)))
            readBack = DrawsFileReader.ReadGrouped(sink.Paths[0], reported).ToDictionary(g => g.Key, g => g.Value, StringComparer.Ordinal);
        if ((!keptDraws && readBack is null) || fit.DrawsPerChain < FitCommand.MinimumDrawsForSummary)
        {
            string why = fit.DrawsPerChain < FitCommand.MinimumDrawsForSummary ? "too few draws for a summary" : $"no summary (over {InMemoryDraws:N0} draws in all)";
            console.WriteLine($"{why}{(settings.Summary is null ? "" : $" (so {settings.Summary} was not written)")}; draws written to {written}");
            return;
        }
        IReadOnlyDictionary<string, double[][]> DrawsOf(Posterior group) => readBack?[group.Group!]
            ?? group.Parameters.Where(p => reported.Contains(p.Name)).ToDictionary(p => p.Name, p => p.ToChainArrays());
        var summaries = fit.Groups.AsParallel().AsOrdered().Select( // each group's summary alone: the cores share them, in the run's order
            g => (Group: g.Group!, N: g.DataCount,
            Rows: readBack is null
                ? (IReadOnlyList<ParameterSummary>)[.. g.Parameters.Where(p => reported.Contains(p.Name)).Select(p => ParameterSummary.Of(p, g.DataCount))]
                : [.. reported.Select(name => ParameterSummary.Of(name, readBack[g.Group!][name], g.DataCount))])).ToList();
        PrintGroups([.. summaries.Select(s => (s.Group, (int?)s.N, s.Rows))], settings.Wide, settings.Summary);
        console.WriteLine($"draws written to {written}");
        if (settings.Summary is not null)
        {
            SummaryJson.WriteGrouped(settings.Summary, summaries, fit);
            made($"--summary {settings.Summary}");
            console.WriteLine($"summary written to {settings.Summary}");
        }
        if (plotted.Count > 0)
        {
            Directory.CreateDirectory(settings.Plots!);
            int count = 0;
            foreach (string group in plotted)
            {
                var draws = DrawsOf(fit[group]);
                count += PosteriorPlots.Write(Path.Combine(settings.Plots!, FilePaths.SafeName(group)), "--plot-groups", draws, null).Count;
            }
            made($"--plots {settings.Plots}");
            console.WriteLine($"{count} plots of {plotted.Count} group(s) written to {settings.Plots} (one folder per group)");
        }
    }
}
