using System.CommandLine;
using System.CommandLine.Parsing;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace GreatModel.Cli.Parsing;

/// <summary>
/// Reads a command line by the rows of <see cref="OptionTable"/> with System.CommandLine's grammar (POSIX and GNU: "--out
/// x", "--out=x", "--out:x", "-qw", "--" before operands; no response files, no directives), and fills the command's
/// settings. Every problem is found at once, each one line naming the option or argument: an unknown option ("--dat:
/// unknown option; did you mean --data?"), one given twice, a missing or malformed value ("--seed: '-1' is not a
/// non-negative integer"), a missing or stray argument. Values may start with '-' ("--data -", "--mu -3.14").
/// </summary>
internal static class CommandLine
{
    /// <summary>The spellings that ask for help, anywhere on the line (help wins over every other problem).</summary>
    public static readonly IReadOnlyList<string> HelpSpellings = ["--help", "-h", "-?"];

    /// <summary>The spellings that ask for the version, in place of a command.</summary>
    public static readonly IReadOnlyList<string> VersionSpellings = ["--version", "-v"];

    /// <summary>
    /// Whether <paramref name="args"/> run <c>fit</c> itself (not its help): that command prints plain lines only,
    /// so it needs nothing set up for Spectre's tables.
    /// </summary>
    public static bool IsPlainFit(IReadOnlyList<string> args) =>
        args.Count > 0 && args[0] == "fit" && !args.Any(HelpSpellings.Contains);

    /// <summary>What <paramref name="args"/> ask for: a command with its settings, or help, or the version.</summary>
    /// <exception cref="CommandLineException">The line cannot be read; every problem, one line each.</exception>
    public static ParsedCommandLine Parse(IReadOnlyList<string> args, IReadOnlyList<CommandTable> commands)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(commands);
        if (args.Count == 0 || HelpSpellings.Contains(args[0])) return new ParsedCommandLine { Help = true };
        if (VersionSpellings.Contains(args[0])) return new ParsedCommandLine { Version = true };
        var command = commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            string name = args[0];
            string what = IsOption(name) ? "unknown option; give a command first" : "unknown command";
            throw new CommandLineException([$"{name}: {what}{Suggest(name, commands.Select(c => c.Name))} (commands: {string.Join(", ", commands.Select(c => c.Name))})"]);
        }
        var rest = args.Skip(1).ToArray();
        int endOfOptions = Array.IndexOf(rest, "--");
        if (rest.Take(endOfOptions < 0 ? rest.Length : endOfOptions).Any(HelpSpellings.Contains)) return new ParsedCommandLine { Command = command, Help = true };
        return new ParsedCommandLine { Command = command, Settings = Read(command, rest) };
    }

    /// <summary>The settings <paramref name="tokens"/> give <paramref name="command"/>, or every problem with them.</summary>
    private static CommandSettings Read(CommandTable command, string[] tokens)
    {
        var options = command.Options.ToDictionary(row => row, row => row.IsFlag
            ? (Option)new Option<bool>(row.Name, [.. row.Aliases])
            : new Option<string>(row.Name, [.. row.Aliases]) { Arity = ArgumentArity.ExactlyOne });
        var operands = new Argument<string[]>(command.Argument?.ValueName ?? "ARGUMENTS") { Arity = ArgumentArity.ZeroOrMore };
        var grammar = new Command(command.Name) { operands };
        foreach (var option in options.Values) grammar.Options.Add(option);
        var result = grammar.Parse(tokens, new ParserConfiguration { ResponseFileTokenReplacer = null });

        // Each problem with where it stands on the line, so that they are told in the line's order.
        var problems = new List<(int At, string Message)>();
        var given = new HashSet<string>(StringComparer.Ordinal);
        var values = new Dictionary<OptionRow, string?>();
        foreach (var (row, option) in options)
        {
            if (result.GetResult(option) is not { Implicit: false } found) continue;
            given.Add(row.Name);
            if (found.IdentifierTokenCount > 1) problems.Add((FirstIndex(tokens, row), $"{row.Name}: given more than once"));
            else if (Problem(row, found, tokens, command) is { } problem) problems.Add((FirstIndex(tokens, row), problem));
            else values[row] = found.Tokens.Count > 0 ? found.Tokens[0].Value : null;
        }

        int endOfOptions = Array.IndexOf(tokens, "--");
        var arguments = new List<string>();
        foreach (string token in (result.GetResult(operands)?.Tokens.Select(t => t.Value) ?? []).Concat(result.UnmatchedTokens))
        {
            int at = Array.IndexOf(tokens, token);
            if (IsOption(token) && (endOfOptions < 0 || at < endOfOptions))
            {
                string spelled = token.Split('=', ':')[0];
                problems.Add((at, $"{spelled}: unknown option{Suggest(spelled, command.Options.SelectMany(o => o.Spellings))}"));
            }
            else if (IsFlagValue(token, tokens, command) || (at > 0 && TakesNextWord(tokens[at - 1], command)))
            {
                // Not an argument: "--quiet=maybe" left 'maybe' over (the flag's problem is told), or the value of an option
                // whose own problem is told ("--dat x", "--data --seed 1").
            }
            else
            {
                arguments.Add(token);
            }
        }
        problems.AddRange(ArgumentProblems(command, arguments).Select(p => (tokens.Length, p)));
        // A backstop: whatever the grammar found wrong that the rules above do not name.
        if (problems.Count == 0 && result.Errors.Count > 0) problems.AddRange(result.Errors.Select(e => (0, e.Message.TrimEnd('.'))));
        if (problems.Count > 0) throw new CommandLineException([.. problems.OrderBy(p => p.At).Select(p => p.Message)]);
        return Bind(command, values, arguments, given);

    }

    /// <summary>What is wrong with the value <paramref name="found"/> gives <paramref name="row"/>, or null.</summary>
    private static string? Problem(OptionRow row, OptionResult found, string[] tokens, CommandTable command)
    {
        string? inline = InlineValue(row, tokens);
        if (row.IsFlag)
        {
            string? value = inline ?? (found.Tokens.Count > 0 ? found.Tokens[0].Value : null);
            return value is null || bool.TryParse(value, out _) ? null : $"{row.Name}: '{value}' is not true or false";
        }
        if (found.Tokens.Count == 0)
        {
            return inline is { Length: 0 } ? $"{row.Name}: empty value ({row.ValueName})" : $"{row.Name}: missing value ({row.ValueName})";
        }
        string text = found.Tokens[0].Value;
        // The grammar takes the next word as the value whatever it is; an option's spelling there is a value left out.
        if (inline is null && IsOption(text) && command.Options.Any(o => o.Spellings.Contains(text.Split('=', ':')[0])))
            return $"{row.Name}: missing value ({row.ValueName}); if '{text}' is the value, write {row.Name}={text}";
        if (text.Length == 0) return $"{row.Name}: empty value ({row.ValueName})";
        return ValueKinds.Problem(PropertyOf(command, row.Property).PropertyType, text) is { } problem ? $"{row.Name}: '{text}' {problem}" : null;
    }

    /// <summary>The value written after '=' or ':' in one of <paramref name="row"/>'s spellings ("--out=x"), or null.</summary>
    private static string? InlineValue(OptionRow row, string[] tokens)
    {
        foreach (string token in tokens)
        {
            foreach (string spelling in row.Spellings)
            {
                if (token.Length > spelling.Length && token.StartsWith(spelling, StringComparison.Ordinal) && token[spelling.Length] is '=' or ':')
                    return token[(spelling.Length + 1)..];
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="token"/> is what the grammar left over from a flag's inline value ("--quiet=maybe").</summary>
    private static bool IsFlagValue(string token, string[] tokens, CommandTable command) =>
        command.Options.Any(o => o.IsFlag && InlineValue(o, tokens) == token);

    /// <summary>Whether <paramref name="token"/> is an option, not a flag of this command, with no value attached: the word after it is its value.</summary>
    private static bool TakesNextWord(string token, CommandTable command) =>
        IsOption(token) && !token.Contains('=') && !token.Contains(':') && token != "--" && !command.Options.Any(o => o.IsFlag && o.Spellings.Contains(token));

    /// <summary>The problems with the positional arguments: none expected, too many, a missing one, standard input.</summary>
    private static IEnumerable<string> ArgumentProblems(CommandTable command, List<string> arguments)
    {
        if (command.Argument is not { } argument)
        {
            foreach (string extra in arguments) yield return $"{extra}: unexpected argument ({command.Name} takes options only)";
            yield break;
        }
        if (arguments.Count == 0) yield return $"{command.Name}: missing argument <{argument.ValueName}>";
        if (!argument.Many)
        {
            foreach (string extra in arguments.Skip(1)) yield return $"{extra}: unexpected argument ({command.Name} takes 1 argument)";
        }
        if (arguments.Contains("-")) yield return $"-: {command.Name} does not read standard input; name the file";
    }

    /// <summary>The command's settings with every row's value, or its default, and its argument(s).</summary>
    private static CommandSettings Bind(CommandTable command, Dictionary<OptionRow, string?> values, List<string> arguments, HashSet<string> given)
    {
        var settings = (CommandSettings)Activator.CreateInstance(command.Settings)!;
        foreach (var row in command.Options)
        {
            var property = PropertyOf(command, row.Property);
            object? value = values.TryGetValue(row, out string? text)
                ? row.IsFlag ? text is null || bool.Parse(text) : Convert(text!, property.PropertyType)
                : row.Default is string defaultText && property.PropertyType != typeof(string) ? Convert(defaultText, property.PropertyType)
                : row.Default is { } typed ? System.Convert.ChangeType(typed, Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, CultureInfo.InvariantCulture)
                : row.IsFlag ? false : null;
            property.SetValue(settings, value);
        }
        if (command.Argument is { } argument)
        {
            var property = PropertyOf(command, argument.Property);
            property.SetValue(settings, argument.Many ? arguments.ToArray() : arguments.FirstOrDefault() ?? "");
        }
        settings.Given = given;
        return settings;
    }

    private static object? Convert(string text, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target == typeof(string) ? text : TypeDescriptor.GetConverter(target).ConvertFromInvariantString(text);
    }

    private static PropertyInfo PropertyOf(CommandTable command, string property) =>
        command.Settings.GetProperty(property, BindingFlags.Public | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"{command.Name}: its settings have no property {property} (OptionTable)");

    /// <summary>Where <paramref name="row"/> first appears on the line, so that problems are told in the line's order.</summary>
    private static int FirstIndex(string[] tokens, OptionRow row)
    {
        int index = Array.FindIndex(tokens, t => row.Spellings.Any(s => t == s || (t.StartsWith(s, StringComparison.Ordinal) && t.Length > s.Length && t[s.Length] is '=' or ':')));
        return index < 0 ? int.MaxValue : index; // a cluster ("-qw") sorts last
    }

    /// <summary>"--x", "-x", "-xy" are options; "-" (standard input) and "-1", "-.5" (numbers) are values.</summary>
    private static bool IsOption(string token) =>
        token.Length > 1 && token[0] == '-' && !char.IsAsciiDigit(token[1]) && token[1] != '.';

    /// <summary>"; did you mean --data?" for the nearest known name within two edits (case aside) or starting with it, else "".</summary>
    private static string Suggest(string typed, IEnumerable<string> known)
    {
        string t = typed.ToLowerInvariant();
        var best = known
            .Select(k => (Name: k, Distance: k.StartsWith(t, StringComparison.Ordinal) && t.TrimStart('-').Length >= 2 ? 1 : EditDistance(t, k.ToLowerInvariant())))
            .Where(k => k.Distance <= 2 && k.Distance < k.Name.Length - 1)
            .OrderBy(k => k.Distance)
            .FirstOrDefault();
        return best.Name is null ? "" : $"; did you mean {best.Name}?";
    }

    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
