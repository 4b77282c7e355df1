namespace GreatModel.Cli.Parsing;

/// <summary>The values of a command's options and arguments, as <see cref="CommandLine"/> fills them from its rows.</summary>
internal abstract class CommandSettings
{
    /// <summary>The options given on the command line (by <see cref="OptionRow.Name"/>), not left at their defaults, in the line's order.</summary>
    public IReadOnlyList<string> Given { get; set; } = [];

    /// <summary>Each given option's value as typed (by <see cref="OptionRow.Name"/>), so that messages quote what the user wrote ("--mu 1e400", not "Infinity").</summary>
    public IReadOnlyDictionary<string, string> Typed { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
