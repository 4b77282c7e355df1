using GreatModel;
using GreatModel.Cli;
using GreatModel.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

// Redirected output (pipes, CI logs) would otherwise be cut to 80 columns and wrap the summary table.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 160;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("greatmodel");
    config.SetHelpProvider(new BackendHelpProvider(config.Settings));
    config.PropagateExceptions();
    config.AddCommand<FitCommand>("fit")
        .WithDescription("Fit the Student-t model by multi-chain Gibbs sampling (no --data: the built-in example).");
    config.AddCommand<SimulateCommand>("simulate")
        .WithDescription("Simulate x ~ t_nu(mu, sigma2) as the talk did and write it as CSV.");
    config.AddCommand<PlotCommand>("plot")
        .WithDescription("Trace, density and rank plots (PNG and SVG) of mu and sigma2 from a tidy draws CSV.");
    config.AddCommand<BenchCommand>("bench")
        .WithDescription("Throughput benchmark: the talk's workload and a chains × n grid on every backend (and NumPy), side by side.");
    config.AddCommand<DevicesCommand>("devices")
        .WithDescription("List the compute devices ILGPU sees and whether each backend can use them.");
});

// Spectre.Console.Cli refuses one-letter long options, but `simulate --n 500` is the documented spelling.
string[] normalized = [.. args.Select(a => a == "--n" ? "-n" : a.StartsWith("--n=", StringComparison.Ordinal) ? "-n=" + a[4..] : a)];

try
{
    return app.Run(normalized);
}
catch (Exception e) when (CliErrors.Describe(e) is { } message)
{
    return ExitCodes.Fail(message);
}
catch (CommandAppException e)
{
    return ExitCodes.Fail(e.Message.ReplaceLineEndings(" "));
}
catch (OperationCanceledException)
{
    return ExitCodes.Fail("cancelled");
}
