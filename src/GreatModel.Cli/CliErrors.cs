using System.Globalization;
using GreatModel.Backends;
using GreatModel.Sampling;

namespace GreatModel.Cli;

/// <summary>
/// Turns the library's exceptions into the CLI's one-line messages. The library names option
/// properties (<c>BurnIn</c>) and arguments (<c>sigma2</c>); the CLI spells them as its flags, which are
/// the same names in kebab case (<c>--burn-in</c>, <c>--sigma2</c>).
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
    public static string? Describe(Exception e) => e switch
    {
        SamplingFailedException failed => failed.Message,
        InvalidInputException { RemedyOption: { } remedy } input => $"{input.Message} ({Flag(remedy)})",
        InvalidInputException input => input.Message,
        OptionOutOfRangeException option => string.Create(CultureInfo.InvariantCulture,
            $"{Flag(option.ParamName)} {option.ActualValue}: {RuleOf(option)}"),
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
    /// The library's options that the command line sets through an option of another name (or shape): <c>--init FILE</c>
    /// fills <see cref="SamplerOptions.Inits"/>, <c>--nu estimate</c> sets <see cref="SamplerOptions.EstimateNu"/>, a shard's
    /// range sets the first and total chains, <c>--resume</c> the checkpoint to resume.
    /// </summary>
    private static readonly Dictionary<string, string> SpelledOtherwise = new(StringComparer.Ordinal)
    {
        [nameof(SamplerOptions.Inits)] = "--init",
        [nameof(SamplerOptions.TargetEss)] = "--ess",
        [nameof(SamplerOptions.EstimateNu)] = "--nu",
        [nameof(SamplerOptions.FirstChain)] = "--chain-range",
        [nameof(SamplerOptions.TotalChains)] = "--chain-range",
        [nameof(RunHooks.ResumeFrom)] = "--resume",
    };

    /// <summary>
    /// Each settings property's option as the commands declare it (<c>Out</c> → <c>--out</c>), read from their
    /// <see cref="Spectre.Console.Cli.CommandOptionAttribute"/>s: the grammar is the one source of a flag's spelling.
    /// </summary>
    private static readonly Lazy<Dictionary<string, string>> Declared = new(() =>
    {
        // Case aside: the library names its arguments as C# does (column, sigma2), its options as properties (Column).
        var flags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var settings in typeof(CliErrors).Assembly.GetTypes().Where(t => t.IsAssignableTo(typeof(Spectre.Console.Cli.CommandSettings))))
        {
            foreach (var property in settings.GetProperties())
            {
                // The same property means the same option in every command. A one-letter option (simulate's -n) is spelled
                // --n, as the command line also takes it and the help's examples write it.
                if (System.Reflection.CustomAttributeExtensions.GetCustomAttribute<Spectre.Console.Cli.CommandOptionAttribute>(property) is { } option)
                    flags.TryAdd(property.Name, "--" + (option.LongNames.Count > 0 ? option.LongNames[0] : option.ShortNames[0]));
            }
        }
        return flags;
    });

    /// <summary>
    /// The CLI flag of a library option or a command's settings property (<c>BurnIn</c> → <c>--burn-in</c>): from the
    /// commands' declared options, or <see cref="SpelledOtherwise"/>; a name that is neither (a library-only option, which the
    /// command line never sets) is returned as it is.
    /// </summary>
    public static string Flag(string? property)
    {
        if (string.IsNullOrEmpty(property)) return "an option";
        return SpelledOtherwise.TryGetValue(property, out string? flag) || Declared.Value.TryGetValue(property, out flag) ? flag : property;
    }

    /// <summary>Every property name <see cref="Flag"/> spells as a command-line option (for the test that holds it to the commands).</summary>
    public static IEnumerable<string> SpelledProperties => SpelledOtherwise.Keys.Concat(Declared.Value.Keys);
}
