using System.Reflection;
using GreatModel;
using GreatModel.Cli;
using GreatModel.Cli.Commands;
using GreatModel.Cli.Parsing;
using Spectre.Console;

// Redirected output (pipes, CI logs) would otherwise be cut to 80 columns and wrap the wider tables (bench,
// devices, the summary); help lays itself out (HelpText.Width). Not for fit: it prints plain lines, and setting up Spectre's console first cost the talk's
// workload 20 of its 125 ms (measured); its summary table sets up its own.
if (Console.IsOutputRedirected && !CommandLine.IsPlainFit(args)) AnsiConsole.Profile.Width = 160;

// The sampler's hot code compiles on the other core while the command line, the data and the plan are read.
StartupWarmUp.StartFor(args);

string version = typeof(FitCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
var commands = CommandCatalog.All;

ParsedCommandLine? line = null;
try
{
    line = CommandLine.Parse(args, commands);
    if (line.Version)
    {
        Console.WriteLine($"greatmodel {version}");
        return 0;
    }
    if (line.Help)
    {
        Console.Write(line.Command is { } command ? HelpText.For(command, HelpText.Width()) : HelpText.ForProgram(commands, version, HelpText.Width()));
        // No command at all: the help, and an exit code a script can see: nothing ran (it was 0, as if something had).
        return args.Length == 0 ? ExitCodes.Fail("no command given; 'greatmodel fit' fits the built-in example, 'greatmodel COMMAND --help' says more") : 0;
    }
    return line.Command!.Execute(line.Settings!, CancellationToken.None); // signals: StopSignals, per command
}
catch (CommandLineException e)
{
    // Every problem with the command line at once, one line each, so all are fixed in one go.
    foreach (string problem in e.Problems) ExitCodes.Fail(problem.ReplaceLineEndings(" "));
    return ExitCodes.BadInput;
}
catch (InvalidOptionsException e)
{
    // Every option out of range at once, one line each, so all are fixed in one go.
    foreach (var problem in e.Problems) ExitCodes.Fail(CliErrors.Describe(problem, line?.Settings?.Typed)!);
    return ExitCodes.BadInput;
}
catch (Exception e) when (CliErrors.Describe(e, line?.Settings?.Typed) is { } message)
{
    return ExitCodes.Fail(message.ReplaceLineEndings(" "), CliErrors.ExitCode(e)); // a quoted cell may span lines
}
catch (OperationCanceledException)
{
    return ExitCodes.Fail("cancelled");
}
finally
{
    OutputLocks.ReleaseAll(); // the outputs' claims, however the command ended
}
