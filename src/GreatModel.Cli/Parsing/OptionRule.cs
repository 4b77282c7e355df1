namespace GreatModel.Cli.Parsing;

/// <summary>
/// A rule between a command's options that no single option's range can say ("--save-warmup needs --format cmdstan"),
/// declared in <see cref="OptionTable"/> beside the options. The command checks every rule before it reads any file, and
/// tells every broken one at once with the library's own refusals (<see cref="CliErrors.Problems"/>).
/// </summary>
/// <typeparam name="TSettings">The command's settings.</typeparam>
/// <param name="Option">The option the message names (its value is shown after it when it has one).</param>
/// <param name="Broken">Whether <paramref name="Option"/>'s use breaks the rule, from the command's settings.</param>
/// <param name="Reason">Why, and what to do instead.</param>
internal sealed record OptionRule<TSettings>(OptionRow Option, Func<TSettings, bool> Broken, string Reason)
    where TSettings : CommandSettings
{
    /// <summary>"--init i.json: not available with --group (…)": the option, its value as typed (as every message quotes one), and the reason.</summary>
    public string Message(TSettings settings)
    {
        string shown = !Option.IsFlag && settings.Typed.TryGetValue(Option.Name, out string? typed) ? " " + DisplayText.Printable(typed) : "";
        return $"{Option.Name}{shown}: {Reason}";
    }
}
