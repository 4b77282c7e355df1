namespace GreatModel.Cli.Parsing;

/// <summary>A command of the program: its name, what it does, its options and arguments, examples, and how it runs.</summary>
internal sealed record CommandTable
{
    /// <summary>The command's name ("fit").</summary>
    public required string Name { get; init; }

    /// <summary>One sentence on what it does.</summary>
    public required string Description { get; init; }

    /// <summary>Its options (<see cref="OptionTable"/>).</summary>
    public IReadOnlyList<OptionRow> Options { get; init; } = [];

    /// <summary>Its positional argument(s), or null when it takes options only.</summary>
    public ArgumentRow? Argument { get; init; }

    /// <summary>Command lines shown under EXAMPLES in its help, each without the program's name.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>Whether its help lists the backends (the commands with --backend or --backends).</summary>
    public bool ListsBackends { get; init; }

    /// <summary>Its settings class, whose properties the rows fill.</summary>
    public required Type Settings { get; init; }

    /// <summary>Runs it with its filled settings; returns the exit code.</summary>
    public required Func<CommandSettings, CancellationToken, int> Execute { get; init; }

    /// <summary>A command run by <typeparamref name="TCommand"/> with settings of <typeparamref name="TSettings"/>.</summary>
    public static CommandTable Of<TCommand, TSettings>(string name, string description, IReadOnlyList<OptionRow> options, params string[] examples)
        where TCommand : CliCommand<TSettings>, new()
        where TSettings : CommandSettings => new()
        {
            Name = name,
            Description = description,
            Options = options,
            Examples = examples,
            Settings = typeof(TSettings),
            Execute = (settings, cancellationToken) => new TCommand().Execute((TSettings)settings, cancellationToken),
        };
}
