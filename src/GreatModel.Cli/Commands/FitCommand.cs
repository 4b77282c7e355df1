using System.Globalization;
using GreatModel.Backends;
using GreatModel.Cli.Plots;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Diagnostics;
using GreatModel.Sampling;
using GreatModel.Cli.Parsing;

namespace GreatModel.Cli.Commands;

internal sealed class FitCommand : CliCommand<FitCommand.Settings>
{
    /// <summary>The values of <see cref="OptionTable.Fit"/>'s rows (each property's option, default and help are there).</summary>
    public sealed class Settings : CommandSettings
    {
        public string? Data { get; init; }

        public string? Column { get; init; }

        public string? Group { get; init; }

        public string? PlotGroups { get; init; }

        public string Nu { get; init; } = "";

        public string? NuPrior { get; init; }

        public double? NuMin { get; init; }

        public double? NuMax { get; init; }

        public string? NuMove { get; init; }

        public double? InitialNu { get; init; }

        public int Chains { get; init; }

        public int? BurnIn { get; init; }

        public int? Samples { get; init; }

        public int? Ess { get; init; }

        public int Thin { get; init; }

        public ulong? Seed { get; init; }

        public string Backend { get; init; } = "";

        public string? Devices { get; init; }

        public string? Summary { get; init; }

        public string Out { get; init; } = "";

        public string Precision { get; init; } = "";

        public string DeviceMath { get; init; } = "";

        public string Format { get; init; } = "";

        public string? ChainRange { get; init; }

        public string? Shard { get; init; }

        public double? CheckpointEvery { get; init; }

        public string? Resume { get; init; }

        public string? Init { get; init; }

        public bool SaveWarmup { get; init; }

        public bool LogLik { get; init; }

        public bool Predictive { get; init; }

        public bool Loo { get; init; }

        public string? Plots { get; init; }

        public bool Wide { get; init; }

        public bool Quiet { get; init; }
    }

    public override int Execute(Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Resume is not null) return Resume(settings, cancellationToken);
        // Every problem at once, before any file is written, in the line's order: the table's rules between options, each
        // value that does not read, the library's ranges (SamplerOptions.Problems) and what the summary needs.
        var problems = OptionTable.FitRules.Where(rule => rule.Broken(settings)).Select(rule => rule.Message(settings)).ToList();
        var options = Options(settings, problems);
        problems.AddRange(options.Problems().Select(problem => Describe(problem, settings)));
        problems.AddRange(SummaryDrawsProblems(settings, options));
        if (problems.Count > 0) throw new CommandLineException(InLineOrder(problems, settings));
        var format = settings.Format.Equals("cmdstan", StringComparison.OrdinalIgnoreCase) ? DrawsFormat.CmdStan : DrawsFormat.Tidy;
        var pointwiseOutputs = (settings.LogLik ? PointwiseOutputs.LogLikelihood : PointwiseOutputs.None)
            | (settings.Predictive ? PointwiseOutputs.Predictive : PointwiseOutputs.None);
        if (settings.Group is not null) return GroupedFit.Execute(settings, options, format, cancellationToken);
        OutputPlan.ForFit(settings, format, options.Chains, options.EstimateNu).Check();
        bool example = settings.Data is null;
        ObservedData data = example ? ExampleData.Load() : DataFileReader.Read(settings.Data!, settings.Column);

        PointwiseColumns? pointwise = null;
        if (pointwiseOutputs != PointwiseOutputs.None)
        {
            // The replications' streams are keyed by the run's seed, so it is fixed here rather than inside the run.
            options = options.WithSeed();
            pointwise = new PointwiseColumns(data, pointwiseOutputs, options.Seed!.Value, options.Chains, options.FirstChain);
        }
        Checkpointing? checkpointing = null;
        if (settings.CheckpointEvery is { } seconds)
        {
            // A resumed run must draw with the same seed: fixed here, not inside the run.
            options = options.WithSeed();
            checkpointing = Checkpointing.ForNewRun(settings.Out, seconds, options, data, settings.Data, settings.Column, pointwise);
        }
        else
        {
            Checkpointing.CheckNoInterruptedRun(settings.Out);
        }
        // A Zarr store is made at the end from tidy rows streamed beside it (the summary reads them back), then they go.
        string? store = OptionTable.IsZarr(settings) ? settings.Out : null;
        if (store is not null) ZarrOutput.RemoveStale(store);
        string drawsPath = store is null ? settings.Out : ZarrOutput.DrawsBeside(store);
        try
        {
            return Run(settings, drawsPath, options, format, data, example, pointwise, checkpointing, cancellationToken, store);
        }
        catch (OptionOutOfRangeException e) when (e.ParamName == nameof(SamplerOptions.Inits))
        {
            throw new InvalidInputException($"--init {settings.Init}: {CliErrors.RuleOf(e)}"); // checked against the data's scale by the run's plan
        }
        finally
        {
            if (store is not null && File.Exists(drawsPath)) File.Delete(drawsPath);
        }
    }

    /// <summary>Draws per chain a summary (and its diagnostics) and plots need: R-hat and ESS take each chain's two halves.</summary>
    internal const int MinimumDrawsForSummary = 4;

    /// <summary>
    /// A summary or plots asked of a run too short to make them, refused before it (new or resumed, grouped or not), not
    /// skipped after it with exit 0, which left an earlier run's summary beside the new draws.
    /// </summary>
    internal static IEnumerable<string> SummaryDrawsProblems(Settings settings, SamplerOptions options)
    {
        foreach (var (flag, value) in new[] { ("--summary", settings.Summary), ("--plots", settings.Plots), ("--loo", settings.Loo ? "" : null) })
        {
            if (value is not null && options.Samples < MinimumDrawsForSummary)
            {
                yield return $"{flag}{(value.Length > 0 ? " " + value : "")}: a summary needs at least {MinimumDrawsForSummary} draws per chain (--samples {options.Samples}); " +
                    $"draw more, or leave out {flag}";
            }
        }
    }

    /// <summary>
    /// The library's options from fit's settings (ranges unchecked: <see cref="SamplerOptions.Problems"/>). A value that does
    /// not read (--backend, --precision, ν's options, a shard, the init file's content) is added to <paramref name="problems"/>
    /// and the option left at its default, so that every other problem is found too.
    /// </summary>
    private static SamplerOptions Options(Settings settings, List<string> problems)
    {
        T Read<T>(Func<T> read, T instead)
        {
            try
            {
                return read();
            }
            catch (Exception e) when (e is InvalidInputException or IOException or UnauthorizedAccessException)
            {
                problems.Add(CliErrors.Describe(e, settings.Typed)!); // an init file that cannot be read is one problem among the others
                return instead;
            }
            catch (CommandLineException e)
            {
                problems.AddRange(e.Problems);
                return instead;
            }
        }
        var options = new SamplerOptions
        {
            Chains = settings.Chains,
            Samples = settings.Samples ?? (settings.Ess is null ? SamplerOptions.DefaultSamples : SamplerOptions.DefaultTargetMaxSamples),
            TargetEss = settings.Ess,
            Thin = settings.Thin,
            Seed = settings.Seed,
            Backend = Read(() => BackendOption.Parse(settings.Backend), Backend.Auto),
            Precision = Read(() => PrecisionOption.Parse(settings.Precision), Precision.Double),
            DeviceMath = Read(() => DeviceMathOption.Parse(settings.DeviceMath), null),
        };
        options = Read(() => NuOptions.Apply(settings.Nu, new(settings.NuPrior, settings.NuMin, settings.NuMax, settings.InitialNu, settings.NuMove), options), options);
        if (settings.BurnIn is { } burnIn) options = options with { BurnIn = burnIn }; // else the default for fixed or estimated ν
        var chains = options.Chains;
        if (Read(() => ShardOption.Parse(settings.ChainRange, settings.Shard, chains, Environment.GetEnvironmentVariable), null) is { } range)
            options = options with { FirstChain = range.First, Chains = range.Count, TotalChains = options.Chains };
        if (settings.Init is not null && settings.Group is null) options = options with { Inits = Read(() => InitFileReader.Read(settings.Init), null) };
        return options;
    }

    /// <summary>
    /// <paramref name="problems"/> in the order of the options they name on the command line (each starts with its option's
    /// name); one naming no option given comes last, in its place among those.
    /// </summary>
    private static List<string> InLineOrder(List<string> problems, Settings settings) =>
        [.. problems.OrderBy(problem => settings.Given.Select((name, at) => (name, at))
            .Where(g => problem.StartsWith(g.name + " ", StringComparison.Ordinal) || problem.StartsWith(g.name + ":", StringComparison.Ordinal))
            .Select(g => g.at).DefaultIfEmpty(int.MaxValue).Min())];

    /// <summary>A library refusal as fit tells it: the init file named by its path, not by the library's count of its entries.</summary>
    private static string Describe(OptionOutOfRangeException problem, Settings settings) =>
        problem.ParamName == nameof(SamplerOptions.Inits) ? $"--init {settings.Init}: {CliErrors.RuleOf(problem)}" : CliErrors.Describe(problem, settings.Typed)!;

    /// <summary><c>fit --resume</c>: the checkpointed run's own data, options, seed, backend and files; only what shapes no draw may be given.</summary>
    private static int Resume(Settings settings, CancellationToken cancellationToken)
    {
        // Every option given, even at its default value (which would otherwise pass unseen, and be ignored), that the table
        // says a resumed run takes from its checkpoint.
        var allowed = OptionTable.Fit.Where(row => row.WithResume).Select(row => row.Name).ToArray();
        var refused = settings.Given.Where(name => !allowed.Contains(name)).ToList(); // in the line's order
        if (refused.Count > 0)
        {
            throw new CommandLineException([.. refused.Select(name => $"{name}: not with --resume {settings.Resume} (the run's options, seed, backend and files are its checkpoint's; " +
                $"only {string.Join(", ", allowed.Where(name => name != "--resume"))} may be given)")]);
        }
        var (checkpointing, options, data, groups, example) = Checkpointing.ForResume(settings.Resume!, settings.Samples, settings.Data, settings.Column, settings.CheckpointEvery);
        if (groups is not null && settings.Loo)
            throw new InvalidInputException("--loo: not available with --group yet; fit one group's data on its own to get it");
        if (groups is null && settings.PlotGroups is not null)
            throw new InvalidInputException($"--plot-groups {settings.PlotGroups}: the resumed run is not grouped; give --plots alone");
        if (SummaryDrawsProblems(settings, options).ToList() is { Count: > 0 } tooShort) throw new CommandLineException(tooShort);
        try
        {
            return groups is not null
                ? GroupedFit.Execute(settings, options, DrawsFormat.Tidy, cancellationToken, (groups, checkpointing))
                : Run(settings, checkpointing.DrawsPath, options, DrawsFormat.Tidy, data!, example, checkpointing.PointwiseFor(data!, options), checkpointing, cancellationToken);
        }
        catch (OptionOutOfRangeException e) when (e.ParamName == nameof(RunHooks.ResumeFrom))
        {
            throw new InvalidInputException($"{checkpointing.CheckpointPath}: {e.Rule}"); // the file, not a library property, is what the user gave
        }
    }

    /// <summary>An ungrouped run into <paramref name="outPath"/>: the checks, the sampling with its files streamed, the commit and the report.</summary>
    /// <param name="store">With --format zarr: the store made from the rows written to <paramref name="outPath"/>; else null.</param>
    private static int Run(Settings settings, string outPath, SamplerOptions options, DrawsFormat format, ObservedData data, bool example,
        PointwiseColumns? pointwise, Checkpointing? checkpointing, CancellationToken cancellationToken, string? store = null)
    {
        var devices = Checkpointing.DevicesOf(checkpointing, settings.Devices, options.Backend);
        if (checkpointing is not null) // its own files, and a resumed run's data and draws, which the first check could not know
            OutputPlan.ForFit(settings, format, options.Chains, options.EstimateNu, outPath: outPath, dataPath: example ? null : data.Source, checkpointFiles: checkpointing.OwnFiles).Check();
        FitResources.Check(data, options, format, settings.Summary is not null || settings.Plots is not null);
        using var signals = new StopSignals(cancellationToken); // before the files open: a signal never leaves them half done
        var fileOptions = new DrawsFileOptions
        {
            NuColumn = options.EstimateNu,
            Pointwise = pointwise,
            SaveWarmup = settings.SaveWarmup,
            FirstChain = options.FirstChain,
            RunChains = options.TotalChains,
            LogDensityColumn = store is not null, // the store's sample_stats/lp
        };
        using var sink = DrawsFileSink.Create(format, outPath, options.Chains, checkpointing?.Apply(fileOptions) ?? fileOptions);
        // A resumed run's summary reads the whole file; a run until enough checks the draws it holds.
        bool keepDraws = (FitResources.KeepsDrawsInMemory(options) || options.TargetEss is not null) && checkpointing?.ResumeFrom is null;
        // A short fit does not wait for the warm-ups: they run beside its sampling (for a fresh process of the
        // built-in example that was faster overall, 101 against 112 ms for one chain and 155 against 186 ms for four,
        // measured), so its datum-updates/s may include some of their competition for the cores. A long one waits.
        if ((long)options.Chains * data.Count * options.TotalSweeps > StartupWarmUp.WaitAbove) StartupWarmUp.Wait();
        _ = SummaryTable.WarmUp(); // the summary's code compiles on another core while the chains run
        // Draws go straight to disk; memory stays flat however many chains × samples are drawn.
        Posterior fit = ProgressDisplay.Run(progress =>
        {
            var hooks = new RunHooks { Sinks = [sink], KeepDrawsInMemory = keepDraws, Progress = progress, Devices = devices };
            // Plan, then run: what will run (data, ν, chains, draws, seed, backend) is said once the plan has accepted it, before the
            // first sweep, so a long run shows at once what it is; a refused plan prints nothing but its error.
            var plan = Sampler.Plan(data, options, checkpointing?.Apply(hooks, sink) ?? hooks);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{data.Source}: n = {data.Count}; nu {(options.EstimateNu ? "" : "= ")}{options.DescribeNu()}; {options.Chains} chains{ShardOption.RangeNote(options)} × {DrawsPlanned(options)} (burn-in {options.BurnIn}, thin {options.Thin}); seed {plan.Seed}; backend {BackendRegistry.NameOf(plan.Backend)}"));
            // After the refusals (an error is one line): a warning about the draws' size on disk.
            if (FitResources.DiskWarning(format, options, outPath, pointwise?.Names.Count ?? 0) is { } disk) Console.Error.WriteLine(disk);
            return plan.Run(signals.Token);
        }, settings.Quiet);
        if (fit.DrawsPerChain == 0)
        {
            Console.Error.WriteLine(signals.NoDraws(fit, sink.Paths)); // an earlier good file is not replaced by an empty one
            if (checkpointing is not null) Console.Error.WriteLine(checkpointing.ContinueNote);
            return signals.ExitCode(fit);
        }
        Checkpointing.Commit(checkpointing, outPath, format, () => sink.Commit(fit));
        if (options.TotalChains is not null) ShardOption.WriteManifest(outPath, fit.Record, fit.DrawsPerChain, groupCounts: null);
        string written = Described(sink.Paths);
        if (store is not null) written = $"{store} (ArviZ InferenceData, Zarr v2: {ZarrOutput.Write(outPath, store, data, fit.Record, data.Source)})";
        if (signals.Stopped(fit) is { } stopped) Console.Error.WriteLine(stopped);
        signals.Committed(written, Pending(settings)); // the files are in place: from here a signal ends the program, saying so
        Report(data, options, fit, settings, sink, example, keepDraws, checkpointing, signals.Made, written);
        if (pointwise?.Checks is { Count: > 0 } checks) Console.Out.WriteLine(PredictiveCheckLine(checks));
        return signals.ExitCode(fit);
    }

    /// <summary>Draws files in words: the one, or the first … the last.</summary>
    internal static string Described(IReadOnlyList<string> paths) => paths.Count == 1 ? paths[0] : $"{paths[0]} … {paths[^1]}";

    /// <summary>What a fit still writes after its draws, each as the option and value that asked for it (what a signal then leaves undone).</summary>
    internal static IEnumerable<string> Pending(Settings settings)
    {
        if (settings.Summary is not null) yield return $"--summary {settings.Summary}";
        if (settings.Plots is not null) yield return $"--plots {settings.Plots}";
    }

    /// <summary>"2000 draws", or for a run until enough "up to 100000 draws (until --ess 800)": what a run plans, said before it.</summary>
    internal static string DrawsPlanned(SamplerOptions options) => options.TargetEss is { } target
        ? string.Create(CultureInfo.InvariantCulture, $"up to {options.Samples} draws (until --ess {target})")
        : string.Create(CultureInfo.InvariantCulture, $"{options.Samples} draws");

    /// <summary>For a run until enough (--ess): whether the target was reached, after how many draws per chain; else null.</summary>
    internal static string? TargetLine(Posterior fit) => fit.TargetReached switch
    {
        null => null,
        true => string.Create(CultureInfo.InvariantCulture,
            $"--ess {fit.Options.TargetEss}: reached after {fit.DrawsPerChain} draws per chain ({(long)fit.DrawsPerChain * fit.Options.Chains} in all; every parameter's bulk and tail ESS >= {fit.Options.TargetEss}, R-hat <= {SamplerOptions.TargetRhat})"),
        false when !fit.Cancelled => string.Create(CultureInfo.InvariantCulture,
            $"warning: --ess {fit.Options.TargetEss}: not reached within --samples {fit.Options.Samples} draws per chain; the draws are written, their summary says how far short"),
        false => null, // stopped by a signal: that is said already
    };

    /// <summary>One line: each statistic's posterior predictive p-value Pr(T(y_rep) ≥ T(y)) and T(y).</summary>
    private static string PredictiveCheckLine(IReadOnlyList<PredictiveCheck> checks) =>
        string.Create(CultureInfo.InvariantCulture, $"posterior predictive check, {checks[0].Replications} replications, Pr(T(y_rep) >= T(y)): ")
        + string.Join("; ", checks.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Statistic} {c.PValue:F3} (T(y) = {c.Observed:G6})")))
        + (checks.Any(c => c.PValue is < 0.025 or > 0.975) ? " - a value near 0 or 1: the model does not reproduce that feature of the data" : "");

    private static void Report(ObservedData data, SamplerOptions options, Posterior fit, Settings settings, DrawsFileSink sink, bool example, bool keptDraws,
        Checkpointing? checkpointing, Action<string> made, string written)
    {
        // Plain lines on standard output, never wrapped to a terminal's width (logs and pipes keep them whole).
        var console = Console.Out; // the run's first line went out before it (Run)
        foreach (string line in Checkpointing.ReportLines(checkpointing, fit.ResumedFromSweep, fit.ResumedFromDraw, fit.SweepsRun)) console.WriteLine(line);
        if (TargetLine(fit) is { } target) console.WriteLine(target);
        if (fit.SweepsRun > fit.ResumedFromSweep) // a resumed run with nothing left to draw has no timing to report
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"backend {fit.BackendDescription}: {fit.Elapsed.TotalSeconds:F2} s, {fit.DatumUpdatesPerSecond / 1e6:F1} M datum-updates/s"));
        }
        if (fit.BackendReason is not null) console.WriteLine($"({fit.BackendReason})"); // its own line: a terminal of 80 columns would fold the one above
        if (fit.DrawsPerChain < MinimumDrawsForSummary || !FitResources.SummaryFits(data.Count, options.Chains, fit.DrawsPerChain, FitResources.SummaryParameters(options.EstimateNu)))
        {
            string notMade = string.Join(" and ", new[] { settings.Summary, settings.Loo ? "--loo" : null }.OfType<string>());
            string skipped = notMade.Length == 0 ? "" : $" (so {notMade} {(settings.Loo && settings.Summary is not null ? "were" : "was")} not made)";
            console.WriteLine($"{(fit.DrawsPerChain < MinimumDrawsForSummary ? "too few draws for a summary" : "no summary")}{skipped}; draws written to {written}");
            return;
        }
        // The summary and plots need the draws of mu and sigma2 (and nu when estimated): kept in memory for small runs
        // (the same values: the files hold them in round-trip form), else read back from the files just written.
        string[] reported = fit.Nu is null ? ["mu", "sigma2"] : ["mu", "sigma2", "nu"];
        var draws = keptDraws
            ? fit.Parameters.Where(p => reported.Contains(p.Name)).ToDictionary(p => p.Name, p => p.ToChainArrays())
            : sink.ReadBack(reported);
        var summary = draws.Select(d => ParameterSummary.Of(d.Key, d.Value, data.Count)).ToList();
        var truth = example ? new Dictionary<string, double> { ["mu"] = ExampleData.TrueMu, ["sigma2"] = ExampleData.TrueSigma2, ["nu"] = ExampleData.Nu } : null;
        console.Write(SummaryTable.Render(summary, truth, settings.Wide));
        foreach (string warning in summary.SelectMany(r => r.Warnings()))
            Console.Error.WriteLine($"warning: {warning}");
        // Said before the summary and plots are written: if one of those fails (a full disk), the user
        // still knows the draws are in place.
        console.WriteLine($"draws written to {written}");
        LooResult? loo = null;
        if (settings.Loo)
        {
            loo = PsisLoo.Of(data, draws["mu"], draws["sigma2"], draws.GetValueOrDefault("nu"), options.Nu);
            console.Write(PsisLoo.Describe(loo));
            int high = loo.ParetoK.Count(k => k > 0.7);
            if (high > 0) Console.Error.WriteLine($"warning: {high} of {data.Count} observations have Pareto k > 0.7: their elpd_loo_i is unreliable (loo says so too); see the k table above");
        }
        if (settings.Summary is not null)
        {
            SummaryJson.Write(settings.Summary, summary, fit, loo);
            made($"--summary {settings.Summary}");
            console.WriteLine($"summary written to {settings.Summary}");
        }
        if (settings.Plots is not null)
        {
            var plots = PosteriorPlots.Write(settings.Plots, "--plots", draws, truth);
            made($"--plots {settings.Plots}");
            console.WriteLine($"{plots.Count} plots written to {settings.Plots}");
        }
    }
}
