using System.Globalization;
using GreatModel.Backends;
using GreatModel.Cli.Parsing;
using GreatModel.Sampling;

namespace GreatModel.Cli;

/// <summary>
/// Turns the library's exceptions into the CLI's one-line messages. The library names option
/// properties (<c>BurnIn</c>) and arguments (<c>sigma2</c>); the CLI spells them as the options that set them
/// (<c>--burn-in</c>, <c>--sigma2</c>), as <see cref="OptionTable"/> says.
/// </summary>
internal static class CliErrors
{
    /// <summary>The exit code for an error <see cref="Describe"/> knows.</summary>
    public static int ExitCode(Exception e) => e switch
    {
        SamplingFailedException => ExitCodes.NumericalFailure,
        IOException or UnauthorizedAccessException => ExitCodes.IoFailure,
        _ => ExitCodes.BadInput,
    };

    /// <summary>The one-line message for an error the user can fix, or null for a bug (which keeps its stack trace).</summary>
    /// <param name="e">The error.</param>
    /// <param name="typed">The command line's values as typed, by option (<see cref="CommandSettings.Typed"/>): an option out of
    /// range is quoted as the user wrote it ("--mu 1e400"), not as the library holds it ("Infinity").</param>
    public static string? Describe(Exception e, IReadOnlyDictionary<string, string>? typed = null) => e switch
    {
        SamplingFailedException failed => failed.Message,
        InvalidInputException { RemedyOption: { } remedy } input => $"{input.Message} ({Flag(remedy)})",
        InvalidInputException input => input.Message,
        OptionOutOfRangeException option => string.Create(CultureInfo.InvariantCulture,
            $"{Flag(option.ParamName)} {(typed is not null && typed.TryGetValue(Flag(option.ParamName), out string? text) ? DisplayText.Printable(text) : option.ActualValue)}: {RuleOf(option)}"),
        // The library names the file it was writing; any other failure of the system (a closed pipe on
        // standard output, a folder removed mid-run) is the environment, not a bug: one line too.
        FileWriteException write => write.Message,
        UnauthorizedAccessException denied => $"permission denied ({denied.Message.TrimEnd('.')})",
        IOException io => io.Message.TrimEnd('.'),
        BackendUnavailableException backend =>
            $"--backend {BackendRegistry.NameOf(backend.Backend)}: {backend.Reason}; run `greatmodel devices` to see why",
        _ => null,
    };

    /// <summary>An option's rule, with the option it conflicts with named as the command line spells it.</summary>
    public static string RuleOf(OptionOutOfRangeException option) =>
        option.ConflictsWith is { } other ? $"{option.Rule} ({Flag(other)})" : option.Rule;

    /// <summary>
    /// The CLI flag of a library option or argument, or of a command's settings property (<c>BurnIn</c> → <c>--burn-in</c>,
    /// <c>Inits</c> → <c>--init</c>, <c>sigma2</c> → <c>--sigma2</c>): the option whose row in <see cref="OptionTable"/> sets
    /// it, or fills it; a name that is neither (a library-only option, which the command line never sets) is returned as it is.
    /// </summary>
    public static string Flag(string? property)
    {
        if (string.IsNullOrEmpty(property)) return "an option";
        return Spelled.Value.TryGetValue(property, out string? flag) ? flag : property;
    }

    /// <summary>
    /// Each name the rows set or fill, and its option. What a row sets comes first (the library's names), then the settings
    /// properties; the first row wins (--chain-range before --shard). Case aside: the library names its arguments as C#
    /// does (column, sigma2), its options as properties (Column).
    /// </summary>
    private static readonly Lazy<Dictionary<string, string>> Spelled = new(() =>
    {
        var flags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in CommandCatalog.AllOptions)
        {
            foreach (string name in row.Sets) flags.TryAdd(name, row.Name);
        }
        foreach (var row in CommandCatalog.AllOptions) flags.TryAdd(row.Property, row.Name);
        return flags;
    });

    /// <summary>Every property name <see cref="Flag"/> spells as a command-line option (for the test that holds it to the commands).</summary>
    public static IEnumerable<string> SpelledProperties => Spelled.Value.Keys;
}
