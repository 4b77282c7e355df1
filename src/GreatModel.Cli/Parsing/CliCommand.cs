namespace GreatModel.Cli.Parsing;

/// <summary>A command of the program: its settings come filled from the command line, its result is the exit code.</summary>
/// <typeparam name="TSettings">Its settings class, whose properties <see cref="OptionTable"/>'s rows fill.</typeparam>
internal abstract class CliCommand<TSettings>
    where TSettings : CommandSettings
{
    /// <summary>Runs the command; returns its exit code (<see cref="ExitCodes"/>).</summary>
    public abstract int Execute(TSettings settings, CancellationToken cancellationToken);
}
