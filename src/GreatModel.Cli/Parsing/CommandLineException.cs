namespace GreatModel.Cli.Parsing;

/// <summary>A command line that cannot be read: every problem found in it, each one line naming the option or argument.</summary>
internal sealed class CommandLineException(IReadOnlyList<string> problems) : Exception(string.Join("; ", problems))
{
    /// <summary>The problems, in the order of the command line.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
