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
        var command = args.Count > 0 ? commands.FirstOrDefault(c => c.Name == args[0]) : null;
        // Help wins over every problem (an unknown command's gets the program's help), as long as it stands before "--".
        int endOfOptions = args.ToList().IndexOf("--");
        var beforeEnd = args.Take(endOfOptions < 0 ? args.Count : endOfOptions).ToList();
        if (args.Count == 0 || (command is null && beforeEnd.Any(HelpSpellings.Contains))) return new ParsedCommandLine { Help = true };
        if (command is null)
        {
            string name = args[0];
            if (VersionSpellings.Contains(name))
            {
                if (args.Count == 1) return new ParsedCommandLine { Version = true };
                throw new CommandLineException([$"{Shown(args[1])}: unexpected argument ({name} takes none)"]);
            }
            string what = IsOption(name) ? "unknown option; give a command first" : "unknown command";
            throw new CommandLineException([$"{(name.Length == 0 ? "''" : Shown(name))}: {what}{Suggest(name, commands.Select(c => c.Name))} (commands: {string.Join(", ", commands.Select(c => c.Name))})"]);
        }
        return Read(command, [.. args.Skip(1)]);
    }

    /// <summary>The settings <paramref name="tokens"/> give <paramref name="command"/>, or every problem with them.</summary>
    private static ParsedCommandLine Read(CommandTable command, string[] tokens)
    {
        // Help wins even where the grammar would take it as a value ("--out --help").
        int end = Array.IndexOf(tokens, "--");
        if (tokens.Take(end < 0 ? tokens.Length : end).Any(HelpSpellings.Contains)) return new ParsedCommandLine { Command = command, Help = true };
        var options = command.Options.ToDictionary(row => row, row => row.IsFlag
            ? (Option)new Option<bool>(row.Name, [.. row.Aliases])
            : new Option<string>(row.Name, [.. row.Aliases]) { Arity = ArgumentArity.ExactlyOne });
        // Every word that is not an option or its value lands here (System.CommandLine would call some unmatched): the
        // checks below tell an argument from an unknown option by its place on the line.
        var operands = new Argument<string[]>(command.Argument?.ValueName ?? "ARGUMENTS") { Arity = ArgumentArity.ZeroOrMore };
        var help = new Option<bool>(HelpSpellings[0], [.. HelpSpellings.Skip(1)]);
        var grammar = new Command(command.Name) { operands, help };
        foreach (var option in options.Values) grammar.Options.Add(option);
        var result = grammar.Parse(tokens, new ParserConfiguration { ResponseFileTokenReplacer = null });
        // Help wins: "-qh", "--help=true" and "fit --bogus --help" show it too.
        if (result.GetResult(help) is { Implicit: false } asked && (asked.Tokens.Count == 0 || bool.TryParse(asked.Tokens[0].Value, out bool yes) && yes))
            return new ParsedCommandLine { Command = command, Help = true };
        // Each word's place among the grammar's tokens (the same objects the results hold), so that two equal words are two places.
        var place = new Dictionary<Token, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < result.Tokens.Count; i++) place[result.Tokens[i]] = i;
        int PlaceOf(Token? token) => token is not null && place.TryGetValue(token, out int i) ? i : int.MaxValue;
        int endOfOptions = result.Tokens.Select((t, i) => (t, i)).FirstOrDefault(x => x.t.Type == TokenType.DoubleDash, (null!, int.MaxValue)).Item2;

        var problems = new List<(int At, string Message)>();
        var given = new List<(int At, string Name)>();
        var values = new Dictionary<OptionRow, string?>();
        foreach (var (row, option) in options)
        {
            if (result.GetResult(option) is not { Implicit: false } found) continue;
            int at = PlaceOf(found.IdentifierToken);
            given.Add((at, row.Name));
            if (found.IdentifierTokenCount > 1) problems.Add((at, $"{row.Name}: given more than once"));
            else if (Problem(row, found, tokens, command) is { } problem) problems.Add((at, problem));
            else values[row] = found.Tokens.Count > 0 ? found.Tokens[0].Value : null;
        }

        foreach (var row in command.Options.Where(r => r.Required is not null && !given.Any(g => g.Name == r.Name)))
            problems.Add((int.MaxValue, $"{row.Name}: {row.Required}"));

        var arguments = new List<(int At, string Value)>();
        foreach (var token in result.GetResult(operands)?.Tokens ?? [])
        {
            int at = PlaceOf(token);
            var before = at > 0 && at < result.Tokens.Count ? result.Tokens[at - 1] : null;
            if (at < endOfOptions && IsOption(token.Value))
            {
                string spelled = token.Value.Split('=', ':')[0];
                problems.Add((at, $"{Shown(spelled)}: unknown option{Suggest(spelled, command.Options.SelectMany(o => o.Spellings).Concat(HelpSpellings))}"));
            }
            else if (at < endOfOptions && before is not null && (IsFlagValue(before, token, tokens, command) || TakesNextWord(before, command)))
            {
                // Not an argument: what "--quiet=maybe" left over (the flag's problem is told), or the value of an option whose
                // own problem is told ("--dat x"; "--data --seed 1", where --seed stood in --data's value).
            }
            else if (at < endOfOptions && command.Argument is null && before is not null && FlagNamed(before, command) is { } flag)
            {
                problems.Add((at, $"{flag.Name}: '{Shown(token.Value)}' is not true or false (a flag needs no value)"));
            }
            else
            {
                arguments.Add((at, token.Value));
            }
        }
        // After an unknown option the next word may have been its value or an argument: no "missing argument" is told then.
        bool unknownOption = problems.Any(p => p.Message.Contains(": unknown option", StringComparison.Ordinal));
        problems.AddRange(ArgumentProblems(command, arguments, unknownOption));
        // A backstop: whatever the grammar found wrong that the rules above do not name.
        if (problems.Count == 0)
            problems.AddRange(result.Errors.Select(e => (0, e.Message.TrimEnd('.'))).Concat(result.UnmatchedTokens.Select(t => (0, $"{t}: unexpected argument"))));
        if (problems.Count > 0) throw new CommandLineException([.. problems.OrderBy(p => p.At).Select(p => p.Message)]);
        return new ParsedCommandLine { Command = command, Settings = Bind(command, values, [.. arguments.Select(a => a.Value)], [.. given.OrderBy(g => g.At).Select(g => g.Name)]) };
    }

    /// <summary>What is wrong with the value <paramref name="found"/> gives <paramref name="row"/>, or null.</summary>
    private static string? Problem(OptionRow row, OptionResult found, string[] tokens, CommandTable command)
    {
        string? inline = InlineValue(row, tokens);
        // "--out=" is an empty value, never the next word ("--out= --seed 5" wrote a file named --seed).
        if (inline is { Length: 0 }) return $"{row.Name}: empty value ({row.ValueName ?? "true or false"})";
        if (row.IsFlag)
        {
            string? value = inline ?? (found.Tokens.Count > 0 ? found.Tokens[0].Value : null);
            return value is null || bool.TryParse(value, out _) ? null : $"{row.Name}: '{Shown(value)}' is not true or false";
        }
        if (found.Tokens.Count == 0)
        {
            return $"{row.Name}: missing value ({row.ValueName})";
        }
        string text = found.Tokens[0].Value;
        // The grammar takes the next word as the value whatever it is; a word spelled as an option there is a value left out
        // ("--out --chians 8" wrote a file named --chians). A value that starts with '-' is written --out=-x.
        if (inline is null && IsOption(text))
            return $"{row.Name}: missing value ({row.ValueName}); if '{Shown(text)}' is the value, write {row.Name}={Shown(text)}";
        if (text.Length == 0) return $"{row.Name}: empty value ({row.ValueName})";
        return ValueKinds.Problem(PropertyOf(command, row.Property).PropertyType, text) is { } problem ? $"{row.Name}: '{Shown(text)}' {problem}" : null;
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

    /// <summary>Whether <paramref name="token"/> is what the grammar left over from the inline value of the flag <paramref name="before"/> ("--quiet=maybe").</summary>
    private static bool IsFlagValue(Token before, Token token, string[] tokens, CommandTable command) =>
        command.Options.Any(o => o.IsFlag && o.Spellings.Contains(before.Value) && InlineValue(o, tokens) == token.Value);

    /// <summary>
    /// Whether <paramref name="before"/> is an option-like word that is not one of this command's flags: an unknown option,
    /// or a word that stood in a value (both told as problems), so the word after it is its value, not an argument.
    /// </summary>
    private static bool TakesNextWord(Token before, CommandTable command) =>
        before.Type != TokenType.DoubleDash && IsOption(before.Value) && !before.Value.Contains('=') && !before.Value.Contains(':')
        && !command.Options.Any(o => o.IsFlag && o.Spellings.Contains(before.Value));

    /// <summary>The problems with the positional arguments, each at its place: none expected, too many, a missing one, standard input.</summary>
    private static IEnumerable<(int At, string Message)> ArgumentProblems(CommandTable command, List<(int At, string Value)> arguments, bool unknownOption)
    {
        if (command.Argument is not { } argument)
        {
            foreach (var (at, extra) in arguments) yield return (at, $"{Shown(extra)}: unexpected argument ({command.Name} takes options only)");
            yield break;
        }
        if (arguments.Count == 0 && !unknownOption) yield return (int.MaxValue, $"{command.Name}: missing argument <{argument.ValueName}>");
        if (!argument.Many)
        {
            foreach (var (at, extra) in arguments.Skip(1)) yield return (at, $"{Shown(extra)}: unexpected argument ({command.Name} takes 1 argument)");
        }
        foreach (var (at, _) in arguments.Where(a => a.Value == "-")) yield return (at, $"-: {command.Name} does not read standard input; name the file");
    }

    /// <summary>The command's settings with every row's value, or its default, and its argument(s).</summary>
    private static CommandSettings Bind(CommandTable command, Dictionary<OptionRow, string?> values, List<string> arguments, IReadOnlyList<string> given)
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
            // A row without a default must fill a property that can be empty: else it would be 0 or null unseen.
            if (value is null && !IsNullable(property))
                throw new InvalidOperationException($"{command.Name} {row.Name}: no value and no default for {property.Name}, which cannot be empty (OptionTable)");
            property.SetValue(settings, value);
        }
        if (command.Argument is { } argument)
        {
            var property = PropertyOf(command, argument.Property);
            property.SetValue(settings, argument.Many ? arguments.ToArray() : arguments.FirstOrDefault() ?? "");
        }
        settings.Given = given;
        settings.Typed = values.Where(v => v.Value is not null).ToDictionary(v => v.Key.Name, v => v.Value!, StringComparer.Ordinal);
        return settings;
    }

    /// <summary>Whether <paramref name="property"/> may hold null (a nullable value type, or a reference type annotated so).</summary>
    private static bool IsNullable(PropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
        || (!property.PropertyType.IsValueType && new NullabilityInfoContext().Create(property).WriteState != NullabilityState.NotNull);

    private static object? Convert(string text, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target == typeof(string) ? text : TypeDescriptor.GetConverter(target).ConvertFromInvariantString(text);
    }

    private static PropertyInfo PropertyOf(CommandTable command, string property) =>
        command.Settings.GetProperty(property, BindingFlags.Public | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"{command.Name}: its settings have no property {property} (OptionTable)");

    /// <summary>Text the user typed, as a message quotes it: control characters made visible, cut to 80 characters.</summary>
    private static string Shown(string text) => DisplayText.Printable(text);

    /// <summary>The flag of this command that <paramref name="token"/> names, or null.</summary>
    private static OptionRow? FlagNamed(Token token, CommandTable command) =>
        token.Type == TokenType.Option ? command.Options.FirstOrDefault(o => o.IsFlag && o.Spellings.Contains(token.Value)) : null;

    /// <summary>"--x", "-x", "-xy" are options; "-" (standard input) and "-1", "-.5" (numbers) are values.</summary>
    private static bool IsOption(string token) =>
        token.Length > 1 && token[0] == '-' && !char.IsAsciiDigit(token[1]) && token[1] != '.';

    /// <summary>
    /// "; did you mean --data?": the one known name the typed one begins (--q → --quiet), else the nearest within two edits
    /// (case aside; a swap of two letters is one edit), the longer shared beginning breaking a tie; else "".
    /// </summary>
    private static string Suggest(string typed, IEnumerable<string> known)
    {
        string t = typed.ToLowerInvariant();
        var names = known.Distinct().ToList();
        var begun = names.Where(k => k.Length > t.Length && k.StartsWith(t, StringComparison.Ordinal) && t.TrimStart('-').Length >= 1).ToList();
        if (begun.Count == 1) return $"; did you mean {begun[0]}?";
        var best = names
            .Select(k => (Name: k, Distance: EditDistance(t, k.ToLowerInvariant()), Shared: SharedBeginning(t, k.ToLowerInvariant())))
            .Where(k => k.Distance <= 2 && k.Distance < k.Name.Length - 1)
            .OrderBy(k => k.Distance).ThenByDescending(k => k.Shared)
            .FirstOrDefault();
        return best.Name is null ? "" : $"; did you mean {best.Name}?";
    }

    private static int SharedBeginning(string a, string b)
    {
        int n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours.</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
