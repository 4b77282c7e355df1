using System.Reflection;
using GreatModel;
using GreatModel.Cli;
using GreatModel.Cli.Commands;
using GreatModel.Cli.Parsing;
using Spectre.Console;
using Spectre.Console.Cli;

// Redirected output (pipes, CI logs) would otherwise be cut to 80 columns and wrap the wider tables (bench,
// devices, help). Not for fit: it prints plain lines, and setting up Spectre's console first cost the talk's
// workload 20 of its 125 ms (measured); its summary table sets up its own.
if (Console.IsOutputRedirected && !CommandLine.IsPlainFit(args)) AnsiConsole.Profile.Width = 160;

// The sampler's hot code compiles on the other core while the command line, the data and the plan are read.
StartupWarmUp.StartFor(args);

string version = typeof(FitCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
var catalog = new CommandCatalog();
var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("greatmodel");
    config.SetApplicationVersion($"greatmodel {version}");
    config.SetHelpProvider(new BackendHelpProvider(config.Settings));
    config.PropagateExceptions();
    config.Settings.StrictParsing = true; // a backstop: CommandLine.Normalize has refused unknown options already
    catalog.Add<FitCommand>(config, "fit",
        "Fit the Student-t model by multi-chain Gibbs sampling (no --data: the built-in example; --data -: standard input).",
        ["fit"],
        ["fit", "--data", "data.csv", "--column", "value", "--chains", "8", "--summary", "summary.json", "--plots", "plots"],
        ["fit", "--data", "data.csv", "--nu", "estimate", "--nu-prior", "'gamma(2,0.1)'"],
        ["fit", "--data", "data.csv", "--format", "cmdstan", "--out", "fit/draws.csv"],
        ["fit", "--data", "data.csv", "--format", "cmdstan", "--init", "init.json", "--save-warmup", "--log-lik", "--predictive", "--out", "loo/draws.csv"],
        ["fit", "--data", "long.csv", "--group", "sensor", "--column", "reading", "--summary", "groups.json", "--plots", "plots", "--plot-groups", "S01,S02"],
        ["fit", "--chains", "1024", "--backend", "cuda", "--precision", "single", "--quiet"]);
    catalog.Add<SimulateCommand>(config, "simulate",
        "Simulate x ~ t_nu(mu, sigma2) as the talk did and write it as CSV.",
        ["simulate", "--n", "500", "--nu", "6", "--mu", "-3.14", "--sigma2", "30", "--seed", "1", "--out", "data.csv"]);
    catalog.Add<PlotCommand>(config, "plot",
        "Trace, density and rank plots (PNG and SVG) of mu and sigma2 (and nu when it was estimated) from fit's draws files.",
        ["plot", "draws.csv", "--out", "plots"],
        ["plot", "fit/draws_1.csv", "fit/draws_2.csv", "fit/draws_3.csv", "fit/draws_4.csv", "--out", "plots", "--true-mu", "-3.14"]);
    catalog.Add<SummaryCommand>(config, "summary",
        "The summary (and its JSON) of draws already written, as fit prints it: a tidy file, grouped or not, or a run's CmdStan files.",
        ["summary", "draws.csv"],
        ["summary", "fit/draws_1.csv", "fit/draws_2.csv", "fit/draws_3.csv", "fit/draws_4.csv", "--summary", "summary.json"]);
    catalog.Add<ExportCommand>(config, "export",
        "A tidy draws file as ArviZ's InferenceData in a Zarr store (ArviZ 1.x, xarray): posterior, log_likelihood, posterior_predictive, observed_data.",
        ["export", "draws.csv", "--out", "fit.zarr"],
        ["export", "draws.csv", "--data", "d.csv", "--out", "fit.zarr"]);
    catalog.Add<MergeCommand>(config, "merge",
        "Merge the shards of one run (fit --chain-range or --shard) into the draws one process would have written for all chains.",
        ["merge", "shard1", "shard2", "shard3", "shard4", "--out", "run"]);
    catalog.Add<BenchCommand>(config, "bench",
        "Throughput benchmark: the talk's workload and a chains × n grid on every backend (and NumPy), side by side.",
        ["bench", "--out", "benchmarks/results/mine"],
        ["bench", "--quick", "--backends", "cpu-fast,cpu", "--out", "check"],
        ["bench", "--nu", "estimate", "--backends", "cpu-fast", "--out", "nu"],
        ["bench", "--ess", "--backends", "cpu-fast,cpu", "--out", "ess"]);
    catalog.Add<DevicesCommand>(config, "devices",
        "List the compute devices ILGPU sees and whether each backend can use them.",
        ["devices"]);
});

if (args.Length == 0)
{
    // The help, and an exit code a script can see: no command ran (it was 0, as if something had).
    app.Run(["--help"]);
    return ExitCodes.Fail("no command given; 'greatmodel fit' fits the built-in example, 'greatmodel COMMAND --help' says more");
}

try
{
    return app.Run(CommandLine.Normalize(args, catalog.Commands));
}
catch (InvalidOptionsException e)
{
    // Every option out of range at once, one line each, so all are fixed in one go.
    foreach (var problem in e.Problems) ExitCodes.Fail(CliErrors.Describe(problem)!);
    return ExitCodes.BadInput;
}
catch (Exception e) when (CliErrors.Describe(e) is { } message)
{
    return ExitCodes.Fail(message.ReplaceLineEndings(" "), CliErrors.ExitCode(e)); // a quoted cell may span lines
}
catch (CommandAppException e)
{
    return ExitCodes.Fail(e.Message.ReplaceLineEndings(" "));
}
catch (OperationCanceledException)
{
    return ExitCodes.Fail("cancelled");
}
finally
{
    OutputLocks.ReleaseAll(); // the outputs' claims, however the command ended
}
