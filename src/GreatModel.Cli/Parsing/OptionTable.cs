using GreatModel.Backends;
using GreatModel.Cli.Commands;
using GreatModel.Files.Input;
using GreatModel.Sampling;

namespace GreatModel.Cli.Parsing;

/// <summary>
/// Every command's options, one row each (<see cref="OptionRow"/>): name and spellings, value, default, help, the settings
/// property it fills, the library options it sets, whether it shapes the draws and whether <c>fit --resume</c> takes it.
/// The one place an option is declared: <see cref="CommandLine"/> parses by these rows, <see cref="HelpText"/> prints them,
/// <see cref="CliErrors.Flag"/> spells the library's options by them and <c>fit --resume</c> refuses by them. Ranges are the
/// library's (<c>SamplerOptions.Problems</c>), told in the help. A new option is a row here and its use in the command.
/// </summary>
internal static class OptionTable
{
    /// <summary>The summary's width, as fit, summary and merge print it.</summary>
    private static readonly OptionRow Wide = new()
    {
        Name = "--wide",
        Property = nameof(FitCommand.Settings.Wide),
        Help = "Print every column of the summary (50%, HDI, MCSE too); the default table fits 80 columns.",
        WithResume = true,
    };

    /// <summary><c>greatmodel fit</c>.</summary>
    public static IReadOnlyList<OptionRow> Fit { get; } =
    [
        new()
        {
            Name = "--data",
            ValueName = "FILE",
            Property = nameof(FitCommand.Settings.Data),
            Help = "Observations: CSV or text, one numeric column (or see --column), '-' for standard input, or an Apache Parquet or Arrow IPC (Feather) file. Default: the built-in example.",
            WithResume = true,
        },
        new()
        {
            Name = "--column",
            ValueName = "NAME",
            Property = nameof(FitCommand.Settings.Column),
            Help = "Column to read from a CSV with a header.",
            Sets = ["column"],
            WithResume = true,
        },
        new()
        {
            Name = "--group",
            ValueName = "COLUMN",
            Property = nameof(FitCommand.Settings.Group),
            Help = "Many data sets in one run: --data is long format (one row per observation), this column names each row's group, --column its value. One fit per group; all groups' chains run together.",
        },
        new()
        {
            Name = "--plot-groups",
            ValueName = "LABELS",
            Property = nameof(FitCommand.Settings.PlotGroups),
            Help = "With --group and --plots: the groups to plot, comma-separated (each into its own folder under --plots).",
            WithResume = true,
        },
        new()
        {
            Name = "--nu",
            ValueName = "NU",
            Property = nameof(FitCommand.Settings.Nu),
            Default = "6",
            Help = "Degrees of freedom of the t likelihood: a number > 0 (fixed), or 'estimate' (a parameter, with --nu-prior on [--nu-min, --nu-max]).",
            Sets = [nameof(SamplerOptions.Nu), nameof(SamplerOptions.EstimateNu)],
            ShapesDraws = true,
        },
        new()
        {
            Name = "--nu-prior",
            ValueName = "PRIOR",
            Property = nameof(FitCommand.Settings.NuPrior),
            Help = "With --nu estimate: gamma(SHAPE,RATE) or exponential(RATE). Default gamma(2,0.1) (Juarez & Steel 2010, as brms).",
            Sets = [nameof(SamplerOptions.NuPrior)],
            ShapesDraws = true,
        },
        new()
        {
            Name = "--nu-min",
            ValueName = "NU",
            Property = nameof(FitCommand.Settings.NuMin),
            Help = "With --nu estimate: lower end of nu's range (default 1, as brms; the data set a bound too).",
            Sets = [nameof(SamplerOptions.NuMin)],
            ShapesDraws = true,
        },
        new()
        {
            Name = "--nu-max",
            ValueName = "NU",
            Property = nameof(FitCommand.Settings.NuMax),
            Help = "With --nu estimate: upper end of nu's range (default 1e6).",
            Sets = [nameof(SamplerOptions.NuMax)],
            ShapesDraws = true,
        },
        new()
        {
            Name = "--nu-move",
            ValueName = "MOVE",
            Property = nameof(FitCommand.Settings.NuMove),
            Help = "With --nu estimate: 'ridge' (default: each sweep moves nu and sigma2 together with U integrated out, from a proposal fitted in burn-in; one extra pass over the data; then nu | U), 'walk' (a random walk on log nu alone, then nu | U) or 'conditional' (nu | U only; mixes slowly).",
            Sets = [nameof(SamplerOptions.NuMove)],
            ShapesDraws = true,
        },
        new()
        {
            Name = "--initial-nu",
            ValueName = "NU",
            Property = nameof(FitCommand.Settings.InitialNu),
            Help = "With --nu estimate: every chain's starting nu (default: the prior's mean, clamped into the range).",
            Sets = [nameof(SamplerOptions.InitialNu)],
            ShapesDraws = true,
        },
        new()
        {
            Name = "--chains",
            ValueName = "N",
            Property = nameof(FitCommand.Settings.Chains),
            Default = SamplerOptions.DefaultChains,
            Help = "Independent chains (>= 1).",
            Sets = [nameof(SamplerOptions.Chains)],
            ShapesDraws = true,
        },
        new()
        {
            Name = "--burn-in",
            ValueName = "N",
            Property = nameof(FitCommand.Settings.BurnIn),
            Help = "Sweeps discarded before recording (>= 0). Default 200, or 500 with --nu estimate (the ridge move fits its proposal in it).",
            Sets = [nameof(SamplerOptions.BurnIn)],
            ShapesDraws = true,
        },
        new()
        {
            Name = "--samples",
            ValueName = "N",
            Property = nameof(FitCommand.Settings.Samples),
            Help = "Recorded draws per chain (>= 1; default 2000). With --resume: the run's draws per chain in all, more than it has to extend it (default: as it was).",
            Sets = [nameof(SamplerOptions.Samples)],
            ShapesDraws = true,
            WithResume = true,
        },
        new()
        {
            Name = "--ess",
            ValueName = "N",
            Property = nameof(FitCommand.Settings.Ess),
            Help = "Run until enough: stop at the first check where every parameter's bulk and tail ESS are at least N and R-hat <= 1.01 (checks at 100 draws per chain, then where the ESS seen extrapolates to N: set by the draws alone, so the same seed gives the same draws on any machine). --samples is then the most draws per chain (default 100000).",
            Sets = [nameof(SamplerOptions.TargetEss)],
            ShapesDraws = true,
        },
        new()
        {
            Name = "--thin",
            ValueName = "N",
            Property = nameof(FitCommand.Settings.Thin),
            Default = SamplerOptions.DefaultThin,
            Help = "Sweeps per recorded draw (>= 1).",
            Sets = [nameof(SamplerOptions.Thin)],
            ShapesDraws = true,
        },
        new()
        {
            Name = "--seed",
            ValueName = "N",
            Property = nameof(FitCommand.Settings.Seed),
            Help = "Seed (0 .. 2^64-1). Default: a fresh one, printed so the run can be repeated.",
            Sets = [nameof(SamplerOptions.Seed)],
            ShapesDraws = true,
        },
        new()
        {
            Name = "--backend",
            ValueName = "NAME",
            Property = nameof(FitCommand.Settings.Backend),
            Default = BackendRegistry.AutoName,
            Help = "Which backend runs the sweeps: one of those listed under BACKENDS below.",
            Sets = [nameof(SamplerOptions.Backend)],
            ShapesDraws = true,
        },
        new()
        {
            Name = "--devices",
            ValueName = "IDS",
            Property = nameof(FitCommand.Settings.Devices),
            Help = "With --backend cuda, opencl or ilgpu-cpu: 'all' or device ids (0,1,...: as `greatmodel devices` lists them) to split the chains across, each device on its own host thread; the draws equal one device's.",
            Sets = [nameof(RunHooks.Devices)],
            WithResume = true,
        },
        new()
        {
            Name = "--summary",
            ValueName = "FILE",
            Property = nameof(FitCommand.Settings.Summary),
            Help = "Also write the summary (mean, sd, quantiles, HDI, MCSE, ESS, R-hat) as JSON.",
            WithResume = true,
        },
        new()
        {
            Name = "--out",
            ValueName = "FILE",
            Property = nameof(FitCommand.Settings.Out),
            Default = "draws.csv",
            Help = "Draws file. tidy: this file (.chain,.iteration,.draw,mu,sigma2, and nu when estimated; with --group a leading group column); cmdstan: NAME_1.csv, NAME_2.csv, ... beside it (with --group: NAME/GROUP_1.csv, ... per group).",
        },
        new()
        {
            Name = "--precision",
            ValueName = "PRECISION",
            Property = nameof(FitCommand.Settings.Precision),
            Default = "double",
            Help = "double, or single: the per-datum chi-square variates in single precision (sums stay double), for GPUs; kernel backends, integer nu 1-15.",
            Sets = [nameof(SamplerOptions.Precision)],
            ShapesDraws = true,
        },
        new()
        {
            Name = "--device-math",
            ValueName = "CHOICE",
            Property = nameof(FitCommand.Settings.DeviceMath),
            Default = "auto",
            Help = "auto, on or off: CUDA's device path (the GPU's approximate log, cosine and reciprocal, refined in double precision: the same law, not the CPU's bits). auto: on for cuda only; on: also opencl and ilgpu-cpu (emulated); off: the portable functions.",
            Sets = [nameof(SamplerOptions.DeviceMath)],
            ShapesDraws = true,
        },
        new()
        {
            Name = "--format",
            ValueName = "FORMAT",
            Property = nameof(FitCommand.Settings.Format),
            Default = "tidy",
            Help = "tidy (one CSV), cmdstan (one CmdStan CSV per chain, for cmdstanpy) or zarr (ArviZ 1.x's InferenceData in a Zarr v2 store, --out NAME.zarr a folder: posterior, log_likelihood, posterior_predictive, observed_data with one data set; with --group, a group dimension).",
        },
        new()
        {
            Name = "--chain-range",
            ValueName = "FIRST:END",
            Property = nameof(FitCommand.Settings.ChainRange),
            Help = "Run only the global chains FIRST to END-1 of the --chains the whole run has (a shard; ids from 0): they draw exactly what they draw in the whole run. Needs --seed, --backend (not auto) and the tidy layout; writes NAME.manifest.json beside --out for 'greatmodel merge'.",
            Sets = [nameof(SamplerOptions.FirstChain), nameof(SamplerOptions.TotalChains)],
            ShapesDraws = true,
        },
        new()
        {
            Name = "--shard",
            ValueName = "I/K",
            Property = nameof(FitCommand.Settings.Shard),
            Help = "Run the I-th of K equal ranges of the chains (I from 1 to K), as --chain-range; 'auto' takes them from a Slurm job array (SLURM_ARRAY_TASK_ID, _MIN, _COUNT) or, as auto/K, from a Kubernetes Indexed Job (JOB_COMPLETION_INDEX).",
            ShapesDraws = true,
        },
        new()
        {
            Name = "--checkpoint-every",
            ValueName = "SECONDS",
            Property = nameof(FitCommand.Settings.CheckpointEvery),
            Help = "Write the run's state to NAME.checkpoint.json beside --out this often (and at its start and end), its rows to NAME.csv.partial until then, so that 'fit --resume' continues it exactly, even after SIGKILL; or extends a finished run. Tidy layout; grouped runs, --log-lik and --predictive too.",
            Sets = [nameof(RunHooks.CheckpointEvery)],
            WithResume = true,
        },
        new()
        {
            Name = "--resume",
            ValueName = "PATH",
            Property = nameof(FitCommand.Settings.Resume),
            Help = "Continue a checkpointed run (its folder, or its NAME.checkpoint.json) from its last checkpoint, interrupted or finished, with its data, options, seed and backend: the draws equal the uninterrupted run's byte for byte. With --samples N: extend it to N draws per chain.",
            Sets = [nameof(RunHooks.ResumeFrom)],
            WithResume = true,
        },
        new()
        {
            Name = "--init",
            ValueName = "FILE",
            Property = nameof(FitCommand.Settings.Init),
            Help = "Each chain's starting values, in the data's units: JSON ({\"mu\": 1.5, \"sigma2\": 4}, or an array of such, one per chain; \"nu\" too with --nu estimate) or CSV (header mu,sigma2[,nu], one row for all chains or one per chain). Default: dispersed starts around the data's robust centre and scale. Not with --group.",
            Sets = [nameof(SamplerOptions.Inits)],
            ShapesDraws = true,
        },
        new()
        {
            Name = "--save-warmup",
            Property = nameof(FitCommand.Settings.SaveWarmup),
            Help = "With --format cmdstan: also write the burn-in's draws (thinned as the sampling's) before the sampling rows, save_warmup = 1 in the header, as CmdStan does; readers leave them out of the draws.",
        },
        new()
        {
            Name = "--log-lik",
            Property = nameof(FitCommand.Settings.LogLik),
            Help = "Also write each datum's log-likelihood at every draw, columns log_lik[1] ... log_lik[n] after the parameters (CmdStan: log_lik.1 ...), for LOO / WAIC (R's loo, ArviZ). Not with --group.",
        },
        new()
        {
            Name = "--predictive",
            Property = nameof(FitCommand.Settings.Predictive),
            Help = "Also write a posterior predictive data set per draw, columns y_rep[1] ... y_rep[n] after the parameters (CmdStan: y_rep.1 ...), and print the predictive check of min, max and sd. Not with --group.",
        },
        new()
        {
            Name = "--loo",
            Property = nameof(FitCommand.Settings.Loo),
            Help = "Also estimate PSIS-LOO as R's loo does (r_eff from the chains): elpd_loo, p_loo and looic with their SEs and the Pareto k table, printed after the summary and recorded in --summary as \"loo\". Not with --group.",
            WithResume = true,
        },
        new()
        {
            Name = "--plots",
            ValueName = "DIR",
            Property = nameof(FitCommand.Settings.Plots),
            Help = "Also write trace, density and rank plots (PNG and SVG) into this folder (created if new; its parent must exist).",
            WithResume = true,
        },
        Wide,
        new()
        {
            Name = "--quiet",
            Aliases = ["-q"],
            Property = nameof(FitCommand.Settings.Quiet),
            Help = "No progress bar.",
            WithResume = true,
        },
    ];

    /// <summary>
    /// The rules between fit's options (every broken one is told at once, before any file is read). Declared after
    /// <see cref="Fit"/>: static members are set in the order they are written, and these read its rows. A shard (--chain-range or
    /// --shard) must draw exactly what its chains draw in the whole run, so it fixes the seed, the backend and the layout.
    /// </summary>
    public static IReadOnlyList<OptionRule<FitCommand.Settings>> FitRules { get; } =
    [
        .. ShardRules(FitRow("--chain-range"), s => s.ChainRange is not null),
        .. ShardRules(FitRow("--shard"), s => s.ChainRange is null && s.Shard is not null),
        new(FitRow("--format"), s => !IsTidy(s) && !s.Format.Equals("cmdstan", StringComparison.OrdinalIgnoreCase) && !IsZarr(s), "unknown format (tidy, cmdstan or zarr)"),
        new(FitRow("--init"), s => s.Init is not null && s.Group is not null, "not available with --group (values in one group's units would not suit another's)"),
        new(FitRow("--save-warmup"), s => s.SaveWarmup && !s.Format.Equals("cmdstan", StringComparison.OrdinalIgnoreCase),
            "needs --format cmdstan (a tidy file has no place to mark warm-up rows, and readers such as R's posterior would take them as draws)"),
        new(FitRow("--loo"), s => s.Loo && s.Group is not null, "not available with --group yet; fit one group's data on its own to get it"),
        .. new[] { FitRow("--log-lik"), FitRow("--predictive") }.Select(row => new OptionRule<FitCommand.Settings>(row,
            s => s.Group is not null && (row.Name == "--log-lik" ? s.LogLik : s.Predictive),
            "not available with --group yet (the groups' n differ, so their columns do not line up); fit one group's data on its own to get them")),
        new(FitRow("--checkpoint-every"), s => s.CheckpointEvery is not null && !IsTidy(s),
            "needs the tidy layout (one file whose rows a resumed run continues); leave out --format"),
        new(FitRow("--ess"), s => s.Ess is not null && s.CheckpointEvery is not null,
            "cannot be checkpointed or resumed (its stopping rule reads every draw since the start of sampling); leave out --checkpoint-every"),
        new(FitRow("--plot-groups"), s => s.PlotGroups is not null && s.Group is null, "needs --group (a grouped run)"),
        new(FitRow("--group"), s => s.Group is not null && (s.Data is null || s.Column is null),
            "needs --data (a long-format file: one row per observation) and --column (the value column)"),
        new(FitRow("--column"), s => s.Column is not null && s.Data is null && s.Group is null, "needs --data (the built-in example is a single column of numbers)"),
    ];

    private static OptionRow FitRow(string name) => Fit.Single(row => row.Name == name);

    private static bool IsTidy(FitCommand.Settings s) => s.Format.Equals("tidy", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether fit writes a Zarr store (its rows stream to a tidy file beside, made into the store at the end).</summary>
    public static bool IsZarr(FitCommand.Settings s) => s.Format.Equals("zarr", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<OptionRule<FitCommand.Settings>> ShardRules(OptionRow shard, Func<FitCommand.Settings, bool> given) =>
    [
        new(shard, s => given(s) && s.Seed is null, "needs --seed (every shard of a run must share it)"),
        new(shard, s => given(s) && !IsTidy(s), "a shard writes the tidy layout (rows numbered as the whole run's, for 'greatmodel merge'); leave out --format"),
        new(shard, s => given(s) && s.Backend.Equals(BackendRegistry.AutoName, StringComparison.OrdinalIgnoreCase),
            "needs --backend (auto may choose another backend on another node, and shards of two backends do not merge)"),
    ];

    /// <summary><c>greatmodel simulate</c>.</summary>
    public static IReadOnlyList<OptionRow> Simulate { get; } =
    [
        new()
        {
            Name = "--n",
            Aliases = ["-n"],
            ValueName = "N",
            Property = nameof(SimulateCommand.Settings.N),
            Default = ExampleData.N,
            Help = "Number of observations (>= 1).",
            Sets = ["n"],
        },
        new()
        {
            Name = "--nu",
            ValueName = "NU",
            Property = nameof(SimulateCommand.Settings.Nu),
            Default = ExampleData.Nu,
            Help = "Degrees of freedom (> 0, at most 1e6).",
            Sets = ["nu"],
        },
        new()
        {
            Name = "--mu",
            ValueName = "MU",
            Property = nameof(SimulateCommand.Settings.Mu),
            Default = ExampleData.TrueMu,
            Help = "Location.",
            Sets = ["mu"],
        },
        new()
        {
            Name = "--sigma2",
            ValueName = "SIGMA2",
            Property = nameof(SimulateCommand.Settings.Sigma2),
            Default = ExampleData.TrueSigma2,
            Help = "Scale squared (> 0).",
            Sets = ["sigma2"],
        },
        new()
        {
            Name = "--seed",
            ValueName = "N",
            Property = nameof(SimulateCommand.Settings.Seed),
            Default = ExampleData.Seed,
            Help = "Seed (0 .. 2^64-1).",
            Sets = ["seed"],
        },
        new()
        {
            Name = "--out",
            ValueName = "FILE",
            Property = nameof(SimulateCommand.Settings.Out),
            Help = "Output CSV (a regular file). Default, or -: standard output.",
        },
    ];

    /// <summary><c>greatmodel plot</c>.</summary>
    public static IReadOnlyList<OptionRow> Plot { get; } =
    [
        new()
        {
            Name = "--out",
            ValueName = "DIR",
            Property = nameof(PlotCommand.Settings.Out),
            Default = ".",
            Help = "Folder for the PNG and SVG files (created if new; its parent must exist).",
        },
        new()
        {
            Name = "--true-mu",
            ValueName = "MU",
            Property = nameof(PlotCommand.Settings.TrueMu),
            Help = "Mark a known true mu (finite) on the density plot.",
        },
        new()
        {
            Name = "--true-sigma2",
            ValueName = "SIGMA2",
            Property = nameof(PlotCommand.Settings.TrueSigma2),
            Help = "Mark a known true sigma2 (finite, > 0) on the density plot.",
        },
        new()
        {
            Name = "--true-nu",
            ValueName = "NU",
            Property = nameof(PlotCommand.Settings.TrueNu),
            Help = "Mark a known true nu (finite, > 0) on the density plot (draws of a fit with --nu estimate).",
        },
        new()
        {
            Name = "--group",
            ValueName = "LABEL",
            Property = nameof(PlotCommand.Settings.Group),
            Help = "The group to plot from a grouped run's tidy draws (fit --group): each group is its own posterior.",
        },
    ];

    /// <summary><c>greatmodel plot</c>'s positional argument(s).</summary>
    public static ArgumentRow PlotArgument { get; } = new("DRAWS", nameof(PlotCommand.Settings.Draws), "Draws written by `greatmodel fit`: one tidy CSV, or the CmdStan CSVs (one per chain, e.g. draws_*.csv).", Many: true);

    /// <summary><c>greatmodel summary</c>.</summary>
    public static IReadOnlyList<OptionRow> Summary { get; } =
    [
        new()
        {
            Name = "--summary",
            ValueName = "FILE",
            Property = nameof(SummaryCommand.Settings.Summary),
            Help = "Also write the summary as JSON (per group for a grouped run's tidy file), as fit --summary does, without its run entry.",
        },
        new()
        {
            Name = "--data",
            ValueName = "FILE",
            Property = nameof(SummaryCommand.Settings.Data),
            Help = "The data the run was fitted to (any format fit reads): its n decides which means and sds exist (docs/MODEL.md). Default: the n the files or a run record beside them say, if any.",
        },
        new()
        {
            Name = "--column",
            ValueName = "NAME",
            Property = nameof(SummaryCommand.Settings.Column),
            Help = "With --data: the column to read, as fit's --column.",
        },
        new()
        {
            Name = "--group",
            ValueName = "COLUMN",
            Property = nameof(SummaryCommand.Settings.Group),
            Help = "With --data and a grouped run's draws: the data's group column, as fit's --group (each group's n by its label).",
        },
        Wide,
    ];

    /// <summary><c>greatmodel summary</c>'s positional argument(s).</summary>
    public static ArgumentRow SummaryArgument { get; } = new("DRAWS", nameof(SummaryCommand.Settings.Draws), "Draws written by `greatmodel fit` or `merge`: one tidy CSV (grouped or not), or a run's CmdStan CSVs (one per chain, e.g. draws_*.csv).", Many: true);

    /// <summary><c>greatmodel export</c>.</summary>
    public static IReadOnlyList<OptionRow> Export { get; } =
    [
        new()
        {
            Name = "--out",
            ValueName = "STORE",
            Property = nameof(ExportCommand.Settings.Out),
            Help = "The Zarr store to write (a folder, e.g. fit.zarr; its parent must exist; an earlier store there is replaced).",
            Required = "give the Zarr store to write (e.g. --out fit.zarr)",
        },
        new()
        {
            Name = "--data",
            ValueName = "FILE",
            Property = nameof(ExportCommand.Settings.Data),
            Help = "The data the run was fitted to, for the observed_data group (an ungrouped run's; any format fit reads).",
        },
        new()
        {
            Name = "--column",
            ValueName = "NAME",
            Property = nameof(ExportCommand.Settings.Column),
            Help = "With --data: the column to read, as fit's --column.",
        },
    ];

    /// <summary><c>greatmodel export</c>'s positional argument(s).</summary>
    public static ArgumentRow ExportArgument { get; } = new("DRAWS", nameof(ExportCommand.Settings.Draws), "A tidy draws file written by `greatmodel fit` or `merge` (grouped or not; its log_lik and y_rep columns too).", Many: false);

    /// <summary><c>greatmodel merge</c>.</summary>
    public static IReadOnlyList<OptionRow> Merge { get; } =
    [
        new()
        {
            Name = "--out",
            ValueName = "DIR",
            Property = nameof(MergeCommand.Settings.Out),
            Help = "Folder for the merged draws.csv, draws.manifest.json and summary.json (created if new; its parent must exist).",
            Required = "give the folder the merged run goes into",
        },
        Wide,
    ];

    /// <summary><c>greatmodel merge</c>'s positional argument(s).</summary>
    public static ArgumentRow MergeArgument { get; } = new("SHARD", nameof(MergeCommand.Settings.Shards), "Each shard: the folder of its draws (holding one NAME.manifest.json), or the manifest file itself.", Many: true);

    /// <summary><c>greatmodel bench</c>.</summary>
    public static IReadOnlyList<OptionRow> Bench { get; } =
    [
        new()
        {
            Name = "--out",
            ValueName = "DIR",
            Property = nameof(BenchCommand.Settings.Out),
            Default = "benchmarks/results/latest",
            Help = "Folder for bench.md, bench.csv and bench_throughput.png/.svg (created if new; its parent must exist). Not given: benchmarks/results/latest in a checkout of the repository, ./greatmodel-bench elsewhere.",
        },
        new()
        {
            Name = "--backends",
            ValueName = "LIST",
            Property = nameof(BenchCommand.Settings.Backends),
            Help = "Comma-separated backends to measure (names under BACKENDS below). Default: every backend; unavailable ones are reported and skipped.",
        },
        new()
        {
            Name = "--cell-seconds",
            ValueName = "S",
            Property = nameof(BenchCommand.Settings.CellSeconds),
            Default = 20.0,
            Help = "Skip a grid cell whose predicted wall time exceeds this many seconds (> 0).",
        },
        new()
        {
            Name = "--no-numpy",
            Property = nameof(BenchCommand.Settings.NoNumPy),
            Help = "Leave out the NumPy baseline.",
        },
        new()
        {
            Name = "--no-stan",
            Property = nameof(BenchCommand.Settings.NoStan),
            Help = "With --ess: leave out Stan (rstan compiles its model for about a minute first).",
        },
        new()
        {
            Name = "--no-peer",
            Property = nameof(BenchCommand.Settings.NoPeer),
            Help = "Leave out the compiled peer (the talk's sampler in Rust, built with the rustc found here).",
        },
        new()
        {
            Name = "--precision",
            ValueName = "PRECISION",
            Property = nameof(BenchCommand.Settings.Precision),
            Default = "double",
            Help = "double, or single: the kernel backends with single-precision chi-square variates (others are skipped, saying so).",
        },
        new()
        {
            Name = "--nu",
            ValueName = "NU",
            Property = nameof(BenchCommand.Settings.Nu),
            Default = "6",
            Help = "nu of every cell: a number (fixed; default 6, the data's), or 'estimate' (nu a parameter; the talk's workload then runs both moves of nu and nu | U alone, side by side; the baselines are skipped).",
        },
        new()
        {
            Name = "--groups",
            Property = nameof(BenchCommand.Settings.Groups),
            Help = "Instead of the grid: many data sets in one run (10^4 groups × 100, 10^3 × 1000, 500 ragged groups of 2-10^4; 4 chains) against one data set of the same total size, per backend (groups.md, groups.csv).",
        },
        new()
        {
            Name = "--ess",
            Property = nameof(BenchCommand.Settings.Ess),
            Help = "Instead of the grid: time to ESS >= 1000 on every parameter (a run until enough, warm-up included), ESS/s of each parameter and datum-updates/s, for n = 500, 10^4, 10^5 with nu fixed (6) and estimated, per backend, beside Stan's NUTS (rstan, 4 chains in parallel; skipped where Rscript with rstan is missing) (ess.md, ess.csv).",
        },
        new()
        {
            Name = "--quick",
            Property = nameof(BenchCommand.Settings.Quick),
            Help = "A small plan (talk workload 100 + 100 sweeps, grid 1-16 chains × 500-10^4 data) to check the set-up.",
        },
    ];
}
