using System.Globalization;
using GreatModel.Cli.Plots;
using GreatModel.Data;
using GreatModel.Diagnostics;
using GreatModel.Model;
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

    public static int Execute(FitCommand.Settings settings, SamplerOptions options, DrawsFormat format, CancellationToken cancellationToken)
    {
        if (settings.Data is null || settings.Column is null)
            throw new InvalidInputException($"--group {settings.Group}: needs --data (a long-format file: one row per observation) and --column (the value column)");
        var data = DataFileReader.ReadGrouped(settings.Data, settings.Group!, settings.Column);
        var plotted = PlottedGroups(settings, data);
        var outputs = OutputPlan.ForFit(settings, format, options.Chains, options.EstimateNu, data.Labels);
        outputs.Check();
        bool keepDraws = (long)data.Count * options.Chains * options.Samples <= InMemoryDraws;
        using var signals = new StopSignals(cancellationToken);
        using var sink = DrawsFileSink.CreateGrouped(format, settings.Out, data.Labels, options.Chains,
            new DrawsFileOptions { NuColumn = options.EstimateNu, SaveWarmup = settings.SaveWarmup, FirstChain = options.FirstChain, RunChains = options.TotalChains });
        var fit = ProgressDisplay.Run(progress => Sampler.Run(data, options,
            new RunHooks { Sinks = [sink], KeepDrawsInMemory = keepDraws, Progress = progress, Devices = DevicesOption.Parse(settings.Devices, options.Backend) }, signals.Token), settings.Quiet);
        var first = fit.Groups[0];
        if (fit.DrawsPerChain == 0)
        {
            Console.Error.WriteLine(signals.NoDraws(first, sink.Paths));
            return signals.ExitCode(first);
        }
        sink.Commit(fit);
        if (options.TotalChains is not null)
            ShardOption.WriteManifest(settings.Out, options, fit.Seed, fit.Backend, fit.DrawsPerChain, [.. data.Labels.Zip(data.Groups, (l, g) => ((string?)l, g))], data.Source);
        signals.Dispose();
        if (signals.Stopped(first) is { } stopped) Console.Error.WriteLine(stopped);
        Report(data, options, fit, settings, sink, keepDraws, plotted);
        return signals.ExitCode(first);
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
        bool keptDraws, IReadOnlyList<string> plotted)
    {
        var console = Console.Out;
        var sizes = data.Groups.Select(g => g.Count).ToArray();
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{data.Source}: {data.Count} groups, n = {sizes.Min()} to {sizes.Max()} ({data.TotalCount} in all); nu {(options.EstimateNu ? "" : "= ")}{options.DescribeNu()} per group; {options.Chains} chains × {options.Samples} draws per group (burn-in {options.BurnIn}, thin {options.Thin}); seed {fit.Seed}"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"backend {fit.BackendDescription}: {fit.Elapsed.TotalSeconds:F2} s, {fit.DatumUpdatesPerSecond / 1e6:F1} M datum-updates/s over all groups"));
        if (fit.BackendReason is not null) console.WriteLine($"({fit.BackendReason})");
        var files = sink.Paths;
        string written = files.Count == 1 ? files[0] : $"{files[0]} ... {files[^1]} ({files.Count} files)";
        if (!keptDraws || fit.DrawsPerChain < 4)
        {
            string why = fit.DrawsPerChain < 4 ? "too few draws for a summary" : $"no summary (over {InMemoryDraws:N0} draws in all)";
            console.WriteLine($"{why}{(settings.Summary is null ? "" : $" (so {settings.Summary} was not written)")}; draws written to {written}");
            return;
        }
        string[] reported = PosteriorPlots.Parameters(fit.Options.EstimateNu); // mu, sigma2 (, nu): the working alpha2, tau2 left out
        var summaries = fit.Groups.Select(g => (Group: g.Group!, N: g.DataCount,
            Rows: (IReadOnlyList<ParameterSummary>)[.. g.Parameters.Where(p => reported.Contains(p.Name)).Select(ParameterSummary.Of)])).ToList();
        foreach (var (group, n, rows) in summaries.Take(PrintedGroups))
        {
            console.WriteLine($"group {group} (n = {n})");
            console.Write(SummaryTable.Render(rows, null, settings.Wide));
        }
        if (summaries.Count > PrintedGroups)
            console.WriteLine($"... and {summaries.Count - PrintedGroups} more groups{(settings.Summary is null ? " (all of them with --summary FILE)" : $" (all in {settings.Summary})")}");
        var failing = summaries.Where(s => s.Rows.Any(r => r.Warnings().Any())).Select(s => s.Group).ToList();
        if (failing.Count == 0)
            console.WriteLine($"all {summaries.Count} groups pass the convergence checks (R-hat <= {ParameterSummary.MaximumRhat}, ESS >= {ParameterSummary.MinimumEss})");
        else
            Console.Error.WriteLine($"warning: {failing.Count} of {summaries.Count} groups fail the convergence checks (R-hat > {ParameterSummary.MaximumRhat} or ESS < {ParameterSummary.MinimumEss}): {string.Join(", ", failing.Take(50))}{(failing.Count > 50 ? ", ..." : "")}");
        console.WriteLine($"draws written to {written}");
        if (settings.Summary is not null)
        {
            SummaryJson.WriteGrouped(settings.Summary, summaries, fit);
            console.WriteLine($"summary written to {settings.Summary}");
        }
        if (plotted.Count > 0)
        {
            Directory.CreateDirectory(settings.Plots!);
            int count = 0;
            foreach (string group in plotted)
            {
                var posterior = fit[group];
                var draws = posterior.Parameters.Where(p => reported.Contains(p.Name)).ToDictionary(p => p.Name, p => p.ToChainArrays());
                count += PosteriorPlots.Write(Path.Combine(settings.Plots!, FilePaths.SafeName(group)), "--plot-groups", draws, null).Count;
            }
            console.WriteLine($"{count} plots of {plotted.Count} group(s) written to {settings.Plots} (one folder per group)");
        }
    }
}
