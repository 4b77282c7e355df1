using System.ComponentModel;
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
using Spectre.Console.Cli;

namespace GreatModel.Cli.Commands;

internal sealed class FitCommand : Command<FitCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--data <FILE>")]
        [Description("Observations: CSV or text, one numeric column (or see --column), '-' for standard input, or an Apache Parquet or Arrow IPC (Feather) file. Default: the built-in example.")]
        public string? Data { get; init; }

        [CommandOption("--column <NAME>")]
        [Description("Column to read from a CSV with a header.")]
        public string? Column { get; init; }

        [CommandOption("--group <COLUMN>")]
        [Description("Many data sets in one run: --data is long format (one row per observation), this column names each row's group, --column its value. One fit per group; all groups' chains run together.")]
        public string? Group { get; init; }

        [CommandOption("--plot-groups <LABELS>")]
        [Description("With --group and --plots: the groups to plot, comma-separated (each into its own folder under --plots).")]
        public string? PlotGroups { get; init; }

        [CommandOption("--nu <NU>")]
        [Description("Degrees of freedom of the t likelihood: a number > 0 (fixed), or 'estimate' (a parameter, with --nu-prior on [[--nu-min, --nu-max]]).")]
        [DefaultValue("6")]
        public string Nu { get; init; } = "6";

        [CommandOption("--nu-prior <PRIOR>")]
        [Description("With --nu estimate: gamma(SHAPE,RATE) or exponential(RATE). Default gamma(2,0.1) (Juarez & Steel 2010, as brms).")]
        public string? NuPrior { get; init; }

        [CommandOption("--nu-min <NU>")]
        [Description("With --nu estimate: lower end of nu's range (default 1, as brms; the data set a bound too).")]
        public double? NuMin { get; init; }

        [CommandOption("--nu-max <NU>")]
        [Description("With --nu estimate: upper end of nu's range (default 1e6).")]
        public double? NuMax { get; init; }

        [CommandOption("--nu-move <MOVE>")]
        [Description("With --nu estimate: 'ridge' (default: each sweep moves nu and sigma2 together with U integrated out, from a proposal fitted in burn-in; one extra pass over the data; then nu | U), 'walk' (a random walk on log nu alone, then nu | U) or 'conditional' (nu | U only; mixes slowly).")]
        public string? NuMove { get; init; }

        [CommandOption("--initial-nu <NU>")]
        [Description("With --nu estimate: every chain's starting nu (default: the prior's mean, clamped into the range).")]
        public double? InitialNu { get; init; }

        [CommandOption("--chains <N>")]
        [Description("Independent chains (>= 1).")]
        [DefaultValue(SamplerOptions.DefaultChains)]
        public int Chains { get; init; } = SamplerOptions.DefaultChains;

        [CommandOption("--burn-in <N>")]
        [Description("Sweeps discarded before recording (>= 0). Default 200, or 500 with --nu estimate (the ridge move fits its proposal in it).")]
        public int? BurnIn { get; init; }

        [CommandOption("--samples <N>")]
        [Description("Recorded draws per chain (>= 1; default 2000). With --resume: the run's draws per chain in all, more than it has to extend it (default: as it was).")]
        public int? Samples { get; init; }

        [CommandOption("--ess <N>")]
        [Description("Run until enough: stop at the first check where every parameter's bulk and tail ESS are at least N and R-hat <= 1.01 (checks at 100 draws per chain, then where the ESS seen extrapolates to N: set by the draws alone, so the same seed gives the same draws on any machine). --samples is then the most draws per chain (default 100000).")]
        public int? Ess { get; init; }

        [CommandOption("--thin <N>")]
        [Description("Sweeps per recorded draw (>= 1).")]
        [DefaultValue(SamplerOptions.DefaultThin)]
        public int Thin { get; init; } = SamplerOptions.DefaultThin;

        [CommandOption("--seed <N>")]
        [Description("Seed (0 .. 2^64-1). Default: a fresh one, printed so the run can be repeated.")]
        public ulong? Seed { get; init; }

        [CommandOption("--backend <NAME>")]
        [Description("Which backend runs the sweeps: one of those listed under BACKENDS below.")]
        [DefaultValue(BackendRegistry.AutoName)]
        public string Backend { get; init; } = BackendRegistry.AutoName;

        [CommandOption("--devices <IDS>")]
        [Description("With --backend cuda, opencl or ilgpu-cpu: 'all' or device ids (0,1,...: as `greatmodel devices` lists them) to split the chains across, each device on its own host thread; the draws equal one device's.")]
        public string? Devices { get; init; }

        [CommandOption("--summary <FILE>")]
        [Description("Also write the summary (mean, sd, quantiles, HDI, MCSE, ESS, R-hat) as JSON.")]
        public string? Summary { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("Draws file. tidy: this file (.chain,.iteration,.draw,mu,sigma2, and nu when estimated; with --group a leading group column); cmdstan: NAME_1.csv, NAME_2.csv, ... beside it (with --group: NAME/GROUP_1.csv, ... per group).")]
        [DefaultValue("draws.csv")]
        public string Out { get; init; } = "draws.csv";

        [CommandOption("--precision <PRECISION>")]
        [Description("double, or single: the per-datum chi-square variates in single precision (sums stay double), for GPUs; kernel backends, integer nu 1-15.")]
        [DefaultValue("double")]
        public string Precision { get; init; } = "double";

        [CommandOption("--format <FORMAT>")]
        [Description("tidy (one CSV) or cmdstan (one CmdStan CSV per chain, for cmdstanpy / ArviZ).")]
        [DefaultValue("tidy")]
        public string Format { get; init; } = "tidy";

        [CommandOption("--chain-range <FIRST:END>")]
        [Description("Run only the global chains FIRST to END-1 of the --chains the whole run has (a shard; ids from 0): they draw exactly what they draw in the whole run. Needs --seed and the tidy layout; writes NAME.manifest.json beside --out for 'greatmodel merge'.")]
        public string? ChainRange { get; init; }

        [CommandOption("--shard <I/K>")]
        [Description("Run the I-th of K equal ranges of the chains (I from 1 to K), as --chain-range; 'auto' takes them from a Slurm job array (SLURM_ARRAY_TASK_ID, _MIN, _COUNT) or, as auto/K, from a Kubernetes Indexed Job (JOB_COMPLETION_INDEX).")]
        public string? Shard { get; init; }

        [CommandOption("--checkpoint-every <SECONDS>")]
        [Description("Write the run's state to NAME.checkpoint.json beside --out this often (and at its start and end), its rows to NAME.csv.partial until then, so that 'fit --resume' continues it exactly, even after SIGKILL; or extends a finished run. Tidy layout; grouped runs, --log-lik and --predictive too.")]
        public double? CheckpointEvery { get; init; }

        [CommandOption("--resume <PATH>")]
        [Description("Continue a checkpointed run (its folder, or its NAME.checkpoint.json) from its last checkpoint, interrupted or finished, with its data, options, seed and backend: the draws equal the uninterrupted run's byte for byte. With --samples N: extend it to N draws per chain.")]
        public string? Resume { get; init; }

        [CommandOption("--init <FILE>")]
        [Description("Each chain's starting values, in the data's units: JSON ({\"mu\": 1.5, \"sigma2\": 4}, or an array of such, one per chain; \"nu\" too with --nu estimate) or CSV (header mu,sigma2[[,nu]], one row for all chains or one per chain). Default: dispersed starts around the data's robust centre and scale.")]
        public string? Init { get; init; }

        [CommandOption("--save-warmup")]
        [Description("With --format cmdstan: also write the burn-in's draws (thinned as the sampling's) before the sampling rows, save_warmup = 1 in the header, as CmdStan does; readers leave them out of the draws.")]
        public bool SaveWarmup { get; init; }

        [CommandOption("--log-lik")]
        [Description("Also write each datum's log-likelihood at every draw, columns log_lik.1 ... log_lik.n after the parameters (for LOO / WAIC: R's loo, ArviZ).")]
        public bool LogLik { get; init; }

        [CommandOption("--predictive")]
        [Description("Also write a posterior predictive data set per draw, columns y_rep.1 ... y_rep.n after the parameters, and print the predictive check of min, max and sd.")]
        public bool Predictive { get; init; }

        [CommandOption("--loo")]
        [Description("Also estimate PSIS-LOO as R's loo does (r_eff from the chains): elpd_loo, p_loo and looic with their SEs and the Pareto k table, printed after the summary and recorded in --summary as \"loo\". Not with --group.")]
        public bool Loo { get; init; }

        [CommandOption("--plots <DIR>")]
        [Description("Also write trace, density and rank plots (PNG and SVG) into this folder (created if new; its parent must exist).")]
        public string? Plots { get; init; }

        [CommandOption("--wide")]
        [Description("Print every column of the summary (50%, HDI, MCSE too); the default table fits 80 columns.")]
        public bool Wide { get; init; }

        [CommandOption("-q|--quiet")]
        [Description("No progress bar.")]
        public bool Quiet { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Resume is not null) return Resume(context, settings, cancellationToken);
        var options = NuOptions.Apply(settings.Nu, new(settings.NuPrior, settings.NuMin, settings.NuMax, settings.InitialNu, settings.NuMove), new SamplerOptions
        {
            Chains = settings.Chains,
            Samples = settings.Samples ?? (settings.Ess is null ? SamplerOptions.DefaultSamples : SamplerOptions.DefaultTargetMaxSamples),
            TargetEss = settings.Ess,
            Thin = settings.Thin,
            Seed = settings.Seed,
            Backend = BackendOption.Parse(settings.Backend),
            Precision = PrecisionOption.Parse(settings.Precision),
        });
        if (settings.BurnIn is { } burnIn) options = options with { BurnIn = burnIn }; // else the default for fixed or estimated ν
        if (ShardOption.Parse(settings.ChainRange, settings.Shard, options.Chains, Environment.GetEnvironmentVariable) is { } range)
        {
            string flag = settings.ChainRange is not null ? $"--chain-range {settings.ChainRange}" : $"--shard {settings.Shard}";
            if (options.Seed is null) throw new InvalidInputException($"{flag}: needs --seed (every shard of a run must share it)");
            if (!settings.Format.Equals("tidy", StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException($"{flag}: a shard writes the tidy layout (rows numbered as the whole run's, for 'greatmodel merge'); leave out --format");
            if (options.Backend == Backend.Auto)
                throw new InvalidInputException($"{flag}: needs --backend (auto may choose another backend on another node, and shards of two backends do not merge)");
            options = options with { FirstChain = range.First, Chains = range.Count, TotalChains = options.Chains };
        }
        if (settings.Init is not null)
        {
            if (settings.Group is not null)
                throw new InvalidInputException($"--init {settings.Init}: not available with --group (values in one group's units would not suit another's)");
            options = options with { Inits = InitFileReader.Read(settings.Init) };
        }
        try
        {
            options.Validate();
        }
        catch (OptionOutOfRangeException e) when (e.ParamName == nameof(SamplerOptions.Inits))
        {
            throw new InvalidInputException($"--init {settings.Init}: {CliErrors.RuleOf(e)}"); // the file, not a library property, is what the user gave
        }
        catch (InvalidOptionsException e) when (e.Problems.Any(p => p.ParamName == nameof(SamplerOptions.Inits)))
        {
            // Among several problems too, the init file is named by its path, not by the library's count of its entries.
            throw new InvalidOptionsException(e.Problems.Select(p => p.ParamName != nameof(SamplerOptions.Inits) ? p
                : new OptionOutOfRangeException(nameof(SamplerOptions.Inits), settings.Init, p.Rule) { ConflictsWith = p.ConflictsWith }));
        }
        CheckSummaryDraws(settings, options);
        var format = settings.Format.ToLowerInvariant() switch
        {
            "tidy" => DrawsFormat.Tidy,
            "cmdstan" => DrawsFormat.CmdStan,
            _ => throw new InvalidInputException($"--format {settings.Format}: unknown format (tidy or cmdstan)"),
        };
        if (settings.SaveWarmup && format != DrawsFormat.CmdStan)
        {
            throw new InvalidInputException("--save-warmup: needs --format cmdstan (a tidy file has no place to mark warm-up rows, " +
                "and readers such as R's posterior would take them as draws)");
        }
        var pointwiseOutputs = (settings.LogLik ? PointwiseOutputs.LogLikelihood : PointwiseOutputs.None)
            | (settings.Predictive ? PointwiseOutputs.Predictive : PointwiseOutputs.None);
        if (settings.Group is not null && settings.Loo)
            throw new InvalidInputException("--loo: not available with --group yet; fit one group's data on its own to get it");
        if (settings.Group is not null && pointwiseOutputs != PointwiseOutputs.None)
        {
            throw new InvalidInputException($"{(settings.LogLik ? "--log-lik" : "--predictive")}: not available with --group yet (the groups' n differ, " +
                "so their columns do not line up); fit one group's data on its own to get them");
        }
        if (settings.CheckpointEvery is not null)
        {
            string flag = string.Create(CultureInfo.InvariantCulture, $"--checkpoint-every {settings.CheckpointEvery}");
            if (format != DrawsFormat.Tidy) throw new InvalidInputException($"{flag}: needs the tidy layout (one file whose rows a resumed run continues); leave out --format");
            // The library refuses it too, but only once the run's files are open: said here first, so nothing is left behind.
            if (options.TargetEss is { } target)
                throw new InvalidInputException($"--ess {target}: cannot be checkpointed or resumed (its stopping rule reads every draw since the start of sampling); leave out --checkpoint-every");
        }
        if (settings.Group is not null) return GroupedFit.Execute(settings, options, format, cancellationToken);
        if (settings.PlotGroups is not null)
            throw new InvalidInputException($"--plot-groups {settings.PlotGroups}: needs --group (a grouped run)");
        OutputPlan.ForFit(settings, format, options.Chains, options.EstimateNu).Check();
        bool example = settings.Data is null;
        if (example && settings.Column is not null)
            throw new InvalidInputException($"--column {settings.Column}: needs --data (the built-in example is a single column of numbers)");
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
        try
        {
            return Run(settings, settings.Out, options, format, data, example, pointwise, checkpointing, cancellationToken);
        }
        catch (OptionOutOfRangeException e) when (e.ParamName == nameof(SamplerOptions.Inits))
        {
            throw new InvalidInputException($"--init {settings.Init}: {CliErrors.RuleOf(e)}"); // checked against the data's scale by the run's plan
        }
    }

    /// <summary>Draws per chain a summary (and its diagnostics) and plots need: R-hat and ESS take each chain's two halves.</summary>
    internal const int MinimumDrawsForSummary = 4;

    /// <summary>
    /// A summary or plots asked of a run too short to make them, refused before it (new or resumed, grouped or not), not
    /// skipped after it with exit 0, which left an earlier run's summary beside the new draws.
    /// </summary>
    internal static void CheckSummaryDraws(Settings settings, SamplerOptions options)
    {
        foreach (var (flag, value) in new[] { ("--summary", settings.Summary), ("--plots", settings.Plots), ("--loo", settings.Loo ? "" : null) })
        {
            if (value is not null && options.Samples < MinimumDrawsForSummary)
            {
                throw new InvalidInputException($"{flag}{(value.Length > 0 ? " " + value : "")}: a summary needs at least {MinimumDrawsForSummary} draws per chain (--samples {options.Samples}); " +
                    $"draw more, or leave out {flag}");
            }
        }
    }

    /// <summary>What may be given with --resume: what shapes no draw (the rest is the checkpoint's).</summary>
    private static readonly string[] AllowedWithResume =
        ["--resume", "--samples", "--data", "--column", "--checkpoint-every", "--devices", "--summary", "--plots", "--plot-groups", "--loo", "--wide", "--quiet", "-q"];

    /// <summary><c>fit --resume</c>: the checkpointed run's own data, options, seed, backend and files; only what shapes no draw may be given.</summary>
    private static int Resume(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // Read from the command line itself: an option given at its default value would otherwise pass unseen, and be ignored.
        var given = context.Arguments.Where(a => a.StartsWith('-') && a.Length > 1 && !double.TryParse(a, CultureInfo.InvariantCulture, out _))
            .Select(a => a.Split('=')[0]);
        if (given.FirstOrDefault(flag => !AllowedWithResume.Contains(flag, StringComparer.Ordinal)) is { } refused)
        {
            throw new InvalidInputException($"{refused}: not with --resume {settings.Resume} (the run's options, seed, backend and files are its checkpoint's; " +
                "only --samples, --data, --column, --checkpoint-every, --devices, --summary, --plots, --plot-groups, --loo, --wide and --quiet may be given)");
        }
        var (checkpointing, options, data, groups, example) = Checkpointing.ForResume(settings.Resume!, settings.Samples, settings.Data, settings.Column, settings.CheckpointEvery);
        if (groups is not null && settings.Loo)
            throw new InvalidInputException("--loo: not available with --group yet; fit one group's data on its own to get it");
        if (groups is null && settings.PlotGroups is not null)
            throw new InvalidInputException($"--plot-groups {settings.PlotGroups}: the resumed run is not grouped; give --plots alone");
        CheckSummaryDraws(settings, options);
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
    private static int Run(Settings settings, string outPath, SamplerOptions options, DrawsFormat format, ObservedData data, bool example,
        PointwiseColumns? pointwise, Checkpointing? checkpointing, CancellationToken cancellationToken)
    {
        var devices = Checkpointing.DevicesOf(checkpointing, settings.Devices, options.Backend);
        if (checkpointing is not null) // its own files, and a resumed run's data and draws, which the first check could not know
            OutputPlan.ForFit(settings, format, options.Chains, options.EstimateNu, outPath: outPath, dataPath: example ? null : data.Source, checkpointFiles: checkpointing.OwnFiles).Check();
        FitResources.Check(data, options, format, outPath, settings.Summary is not null || settings.Plots is not null, pointwise?.Names.Count ?? 0);
        using var signals = new StopSignals(cancellationToken); // before the files open: a signal never leaves them half done
        var fileOptions = new DrawsFileOptions
        {
            NuColumn = options.EstimateNu,
            Pointwise = pointwise,
            SaveWarmup = settings.SaveWarmup,
            FirstChain = options.FirstChain,
            RunChains = options.TotalChains,
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
            // Plan, then run: what will run (data, ν, chains, draws, seed) is said once the plan has accepted it, before the
            // first sweep, so a long run shows at once what it is; a refused plan prints nothing but its error.
            var plan = Sampler.Plan(data, options, checkpointing?.Apply(hooks, sink) ?? hooks);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{data.Source}: n = {data.Count}; nu {(options.EstimateNu ? "" : "= ")}{options.DescribeNu()}; {options.Chains} chains{ShardOption.RangeNote(options)} × {DrawsPlanned(options)} (burn-in {options.BurnIn}, thin {options.Thin}); seed {plan.Seed}"));
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
        if (signals.Stopped(fit) is { } stopped) Console.Error.WriteLine(stopped);
        signals.Committed(Described(sink.Paths), Pending(settings)); // the files are in place: from here a signal ends the program, saying so
        Report(data, options, fit, settings, sink, example, keepDraws, checkpointing, signals.Made);
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
        Checkpointing? checkpointing, Action<string> made)
    {
        var files = sink.Paths;
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
        string written = files.Count == 1 ? files[0] : $"{files[0]} ... {files[^1]}";
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
