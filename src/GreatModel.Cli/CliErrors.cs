using System.Globalization;
using System.Text;
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
            $"{Flag(option.ParamName)} {option.ActualValue}: {option.Rule}"),
        // The library names the file it was writing; any other failure of the system (a closed pipe on
        // standard output, a folder removed mid-run) is the environment, not a bug: one line too.
        FileWriteException write => write.Message,
        UnauthorizedAccessException denied => $"permission denied ({denied.Message.TrimEnd('.')})",
        IOException io => io.Message.TrimEnd('.'),
        BackendUnavailableException backend =>
            $"--backend {BackendRegistry.NameOf(backend.Backend)}: {backend.Reason}; run `greatmodel devices` to see why",
        _ => null,
    };

    /// <summary>The CLI flag of a library option or argument name: <c>BurnIn</c> → <c>--burn-in</c>.</summary>
    public static string Flag(string? property)
    {
        if (string.IsNullOrEmpty(property)) return "an option";
        if (property == nameof(SamplerOptions.Inits)) return "--init"; // the file fills the list
        if (property == nameof(SamplerOptions.TargetEss)) return "--ess";
        var flag = new StringBuilder("--");
        for (int i = 0; i < property.Length; i++)
        {
            char c = property[i];
            if (char.IsUpper(c) && i > 0) flag.Append('-');
            flag.Append(char.ToLowerInvariant(c));
        }
        return flag.ToString();
    }
}
