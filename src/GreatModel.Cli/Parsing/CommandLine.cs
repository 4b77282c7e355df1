namespace GreatModel.Cli.Parsing;

/// <summary>
/// Checks a command line against the registered commands before Spectre.Console.Cli binds it, and hands
/// Spectre an unambiguous spelling of it. Every unknown option, stray argument, repeated option, missing or
/// malformed value is an <see cref="InvalidInputException"/> naming the option and what it expects, e.g.
/// "--seed: '-1' is not a non-negative integer" or "--dat: unknown option; did you mean --data?".
/// Values are passed on as "--name=value", so that values starting with '-' ("--data -" for standard input)
/// reach the option, and a one-letter long spelling ("--n") is read as the short option ("-n") only where an
/// option may stand, never inside a value.
/// </summary>
internal static class CommandLine
{
    private static readonly string[] HelpTokens = ["-h", "--help", "-?"];
    private static readonly string[] RootTokens = [.. HelpTokens, "-v", "--version"];

    /// <summary>
    /// Whether <paramref name="args"/> run <c>fit</c> itself (not its help): that command prints plain lines only,
    /// so it needs nothing set up for Spectre's tables.
    /// </summary>
    public static bool IsPlainFit(IReadOnlyList<string> args) =>
        args.Count > 0 && args[0] == "fit" && !args.Any(HelpTokens.Contains);

    public static string[] Normalize(IReadOnlyList<string> args, IReadOnlyDictionary<string, CommandSpec> commands)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(commands);
        if (args.Count == 0 || RootTokens.Contains(args[0]) || args.Any(HelpTokens.Contains)) return [.. args];
        string name = args[0];
        if (!commands.TryGetValue(name, out var command))
        {
            string what = IsOption(name) ? "unknown option; give a command first" : "unknown command";
            throw new InvalidInputException($"{name}: {what}{Suggest(name, commands.Keys)} (commands: {string.Join(", ", commands.Keys)})");
        }

        var output = new List<string> { name };
        var given = new HashSet<OptionSpec>();
        int positionals = 0;
        for (int i = 1; i < args.Count; i++)
        {
            string token = args[i];
            if (!IsOption(token))
            {
                output.Add(Positional(command, token, positionals++));
                continue;
            }
            var (spelled, inline) = Split(token);
            foreach (var option in Options(command, spelled, token))
            {
                if (!given.Add(option)) throw new InvalidInputException($"{option.Name}: given more than once");
                string? value = inline;
                if (value is null && !option.IsFlag && (!option.ValueIsOptional || (i + 1 < args.Count && !IsOption(args[i + 1]))))
                {
                    if (i + 1 >= args.Count || IsOption(args[i + 1]))
                    {
                        string next = i + 1 < args.Count ? $"; if '{args[i + 1]}' is the value, write {option.Name}={args[i + 1]}" : "";
                        throw new InvalidInputException($"{option.Name}: missing value ({ValueName(option)}){next}");
                    }
                    value = args[++i];
                }
                else if (value is null && option.IsFlag && i + 1 < args.Count && bool.TryParse(args[i + 1], out _))
                {
                    value = args[++i]; // Spectre reads "-q false" as a value of the flag; say so explicitly
                }
                if (value is null)
                {
                    output.Add(option.Name);
                    continue;
                }
                if (value.Length == 0) throw new InvalidInputException($"{option.Name}: empty value ({ValueName(option)})");
                var type = option.IsFlag ? typeof(bool) : option.Type;
                if (ValueKinds.Problem(type, value) is { } problem)
                    throw new InvalidInputException($"{option.Name}: '{value}' {problem}");
                output.Add($"{option.Name}={value}");
            }
        }
        if (command.Arguments.Skip(positionals).FirstOrDefault(a => a.IsRequired) is { } missing)
            throw new InvalidInputException($"{command.Name}: missing argument <{missing.ValueName}>");
        return [.. output];
    }

    /// <summary>"--x", "-x", "-xy" and "--" are options; "-" (standard input) and "-1", "-.5" (numbers) are values.</summary>
    private static bool IsOption(string token) =>
        token.Length > 1 && token[0] == '-' && !char.IsAsciiDigit(token[1]) && token[1] != '.';

    /// <summary>"--out=x" → ("--out", "x"); Spectre also takes ':' between a name and its value.</summary>
    private static (string Name, string? Value) Split(string token)
    {
        int at = token.IndexOfAny(['=', ':']);
        return at < 0 ? (token, null) : (token[..at], token[(at + 1)..]);
    }

    /// <summary>The option(s) a token names: one long or short option, or a cluster of short flags ("-qx").</summary>
    private static IEnumerable<OptionSpec> Options(CommandSpec command, string spelled, string token)
    {
        if (spelled == "--") throw new InvalidInputException("--: not supported; name files directly and give values as --name=VALUE");
        bool isLong = spelled.StartsWith("--", StringComparison.Ordinal);
        string bare = spelled.TrimStart('-');
        // Spectre refuses one-letter long names, so "--n" stands for the short option "-n".
        var single = isLong && bare.Length > 1
            ? command.Options.FirstOrDefault(o => o.LongNames.Contains(bare))
            : command.Options.FirstOrDefault(o => o.ShortNames.Contains(bare));
        if (single is not null) return [single];
        if (!isLong && bare.Length > 1)
        {
            var cluster = bare.Select(c => command.Options.FirstOrDefault(o => o.IsFlag && o.ShortNames.Contains(c.ToString()))).ToArray();
            if (cluster.All(o => o is not null) && !token.Contains('=') && !token.Contains(':')) return cluster!;
        }
        throw new InvalidInputException($"{spelled}: unknown option{Suggest(spelled, command.Options.SelectMany(o => o.Spellings))}");
    }

    private static string Positional(CommandSpec command, string token, int index)
    {
        var spec = index < command.Arguments.Count ? command.Arguments[index]
            : command.Arguments.Count > 0 && command.Arguments[^1].TakesMany ? command.Arguments[^1] : null;
        if (spec is null)
        {
            string takes = command.Arguments.Count == 0 ? "takes options only" : $"takes {command.Arguments.Count} argument(s)";
            throw new InvalidInputException($"{token}: unexpected argument ({command.Name} {takes})");
        }
        if (token == "-") throw new InvalidInputException($"-: {command.Name} does not read standard input; name the file");
        if (ValueKinds.Problem(spec.ValueType, token) is { } problem)
            throw new InvalidInputException($"{spec.ValueName}: '{token}' {problem}");
        return token;
    }

    private static string ValueName(OptionSpec option) => option.ValueName ?? "true or false";

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
