namespace GreatModel.Cli.Parsing;

/// <summary>
/// One option of a command, as <see cref="OptionTable"/> declares it: how it is spelled, what value it takes, its default,
/// its help, the settings property it fills, the library options it sets, and what it means for a run. The parser, the
/// help, the error messages' spelling of library options and the rules of <c>fit --resume</c> are all read from these rows.
/// </summary>
internal sealed record OptionRow
{
    /// <summary>How help and messages spell it: a long name ("--chains"), or a short one ("-n") where that is its name.</summary>
    public required string Name { get; init; }

    /// <summary>Other spellings: "-q" for "--quiet", "--n" for "-n".</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>What its value is called in help and messages ("N", "FILE"); null for a flag (true when given, or "--quiet false").</summary>
    public string? ValueName { get; init; }

    /// <summary>The command's settings property it fills (its type says which values are accepted: <see cref="ValueKinds"/>).</summary>
    public required string Property { get; init; }

    /// <summary>Its value when not given (of the property's type, or text the property's type reads), shown in help; null: none.</summary>
    public object? Default { get; init; }

    /// <summary>One paragraph of help.</summary>
    public required string Help { get; init; }

    /// <summary>
    /// The library's options and arguments this option sets (<c>SamplerOptions.BurnIn</c>, <c>Simulation.StudentT</c>'s
    /// <c>sigma2</c>), so that the library's refusals are told with this option's name (<see cref="CliErrors.Flag"/>).
    /// </summary>
    public IReadOnlyList<string> Sets { get; init; } = [];

    /// <summary>
    /// Whether the run's draws depend on it: what it sets is recorded in the run record (<c>RunRecord</c>), and a resumed run
    /// takes it from its checkpoint (a test holds these rows to the record's table).
    /// </summary>
    public bool ShapesDraws { get; init; }

    /// <summary>
    /// Whether <c>fit --resume</c> takes it: what neither shapes the draws nor names the run's files (the data's place, the
    /// reports, the devices), and <c>--samples</c> to extend the run.
    /// </summary>
    public bool WithResume { get; init; }

    /// <summary>Null when it may be left out; else what to give, said when it is missing ("give the Zarr store to write").</summary>
    public string? Required { get; init; }

    /// <summary>Whether it takes no value.</summary>
    public bool IsFlag => ValueName is null;

    /// <summary>Every spelling: the name, then the aliases.</summary>
    public IEnumerable<string> Spellings => Aliases.Prepend(Name);
}
