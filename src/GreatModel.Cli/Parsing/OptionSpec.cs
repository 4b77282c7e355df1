using System.Reflection;
using Spectre.Console.Cli;

namespace GreatModel.Cli.Parsing;

/// <summary>One option of a command, as its settings class declares it with <see cref="CommandOptionAttribute"/>.</summary>
internal sealed record OptionSpec(IReadOnlyList<string> LongNames, IReadOnlyList<string> ShortNames, string? ValueName, bool ValueIsOptional, Type Type)
{
    public bool IsFlag => ValueName is null;

    /// <summary>How messages and the normalized command line spell it: the first long name, else the short one.</summary>
    public string Name => LongNames.Count > 0 ? "--" + LongNames[0] : "-" + ShortNames[0];

    public IEnumerable<string> Spellings => LongNames.Select(n => "--" + n).Concat(ShortNames.Select(n => "-" + n));
}
