using GreatModel.Cli.Commands;

namespace GreatModel.Cli.Parsing;

/// <summary>The program's commands, in the order its help lists them, each with its rows from <see cref="OptionTable"/>.</summary>
internal static class CommandCatalog
{
    /// <summary>Every command.</summary>
    public static IReadOnlyList<CommandTable> All { get; } =
    [
        CommandTable.Of<FitCommand, FitCommand.Settings>("fit",
            "Fit the Student-t model by multi-chain Gibbs sampling (no --data: the built-in example; --data -: standard input).",
            OptionTable.Fit,
            "fit",
            "fit --data data.csv --column value --chains 8 --summary summary.json --plots plots",
            "fit --data data.csv --nu estimate --nu-prior 'gamma(2,0.1)'",
            "fit --data data.csv --format cmdstan --out fit/draws.csv",
            "fit --data data.csv --format cmdstan --init init.json --save-warmup --log-lik --predictive --out loo/draws.csv",
            "fit --data long.csv --group sensor --column reading --summary groups.json --plots plots --plot-groups S01,S02",
            "fit --chains 1024 --backend cuda --precision single --quiet") with { ListsBackends = true },
        CommandTable.Of<SimulateCommand, SimulateCommand.Settings>("simulate",
            "Simulate x ~ t_nu(mu, sigma2) as the talk did and write it as CSV.",
            OptionTable.Simulate,
            "simulate --n 500 --nu 6 --mu -3.14 --sigma2 30 --seed 1 --out data.csv"),
        CommandTable.Of<PlotCommand, PlotCommand.Settings>("plot",
            "Trace, density and rank plots (PNG and SVG) of mu and sigma2 (and nu when it was estimated) from fit's draws files.",
            OptionTable.Plot,
            "plot draws.csv --out plots",
            "plot fit/draws_1.csv fit/draws_2.csv fit/draws_3.csv fit/draws_4.csv --out plots --true-mu -3.14") with { Argument = OptionTable.PlotArgument },
        CommandTable.Of<SummaryCommand, SummaryCommand.Settings>("summary",
            "The summary (and its JSON) of draws already written, as fit prints it: a tidy file, grouped or not, or a run's CmdStan files.",
            OptionTable.Summary,
            "summary draws.csv",
            "summary fit/draws_1.csv fit/draws_2.csv fit/draws_3.csv fit/draws_4.csv --summary summary.json") with { Argument = OptionTable.SummaryArgument },
        CommandTable.Of<ExportCommand, ExportCommand.Settings>("export",
            "A tidy draws file as ArviZ's InferenceData in a Zarr store (ArviZ 1.x, xarray): posterior, log_likelihood, posterior_predictive, observed_data.",
            OptionTable.Export,
            "export draws.csv --out fit.zarr",
            "export draws.csv --data d.csv --out fit.zarr") with { Argument = OptionTable.ExportArgument },
        CommandTable.Of<MergeCommand, MergeCommand.Settings>("merge",
            "Merge the shards of one run (fit --chain-range or --shard) into the draws one process would have written for all chains.",
            OptionTable.Merge,
            "merge shard1 shard2 shard3 shard4 --out run") with { Argument = OptionTable.MergeArgument },
        CommandTable.Of<BenchCommand, BenchCommand.Settings>("bench",
            "Throughput benchmark: the talk's workload and a chains × n grid on every backend (and NumPy), side by side.",
            OptionTable.Bench,
            "bench --out benchmarks/results/mine",
            "bench --quick --backends cpu-fast,cpu --out check",
            "bench --nu estimate --backends cpu-fast --out nu",
            "bench --ess --backends cpu-fast,cpu --out ess") with { ListsBackends = true },
        CommandTable.Of<DevicesCommand, DevicesCommand.Settings>("devices",
            "List the compute devices ILGPU sees and whether each backend can use them.",
            [],
            "devices"),
    ];

    /// <summary>Every option of every command.</summary>
    public static IEnumerable<OptionRow> AllOptions => All.SelectMany(c => c.Options);
}
