namespace GreatModel.Cli.Parsing;

/// <summary>What a command line asks for (<see cref="CommandLine.Parse"/>): a command to run, its help, or the version.</summary>
internal sealed record ParsedCommandLine
{
    /// <summary>The command named, or null for the program itself (its help, its version).</summary>
    public CommandTable? Command { get; init; }

    /// <summary>The command's settings, filled; null when help or the version is asked for.</summary>
    public CommandSettings? Settings { get; init; }

    /// <summary>Whether help is asked for (the command's, or the program's).</summary>
    public bool Help { get; init; }

    /// <summary>Whether the version is asked for.</summary>
    public bool Version { get; init; }
}
