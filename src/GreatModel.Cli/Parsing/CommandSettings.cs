namespace GreatModel.Cli.Parsing;

/// <summary>The values of a command's options and arguments, as <see cref="CommandLine"/> fills them from its rows.</summary>
internal abstract class CommandSettings
{
    /// <summary>The options given on the command line (by <see cref="OptionRow.Name"/>), not left at their defaults.</summary>
    public IReadOnlySet<string> Given { get; set; } = new HashSet<string>(StringComparer.Ordinal);
}
