using System.Globalization;
using System.Text;
using GreatModel.Backends;

namespace GreatModel.Cli.Parsing;

/// <summary>
/// The help of the program and of each command, written from <see cref="CommandCatalog"/> and <see cref="OptionTable"/>
/// at the terminal's width (80 columns when the output is not a terminal): usage, examples, arguments, each option with
/// its default and its help as a paragraph below it, and the backends for the commands that take one.
/// </summary>
internal static class HelpText
{
    /// <summary>Columns a help paragraph is indented by (deeper than any option row, so a wrapped line never reads as one).</summary>
    private const int ParagraphIndent = 12;

    /// <summary>The width help is laid out for: the terminal's (60 to 120 columns), or 80 when the output is redirected.</summary>
    public static int Width()
    {
        if (Console.IsOutputRedirected) return 80;
        try
        {
            return Math.Clamp(Console.WindowWidth, 60, 120);
        }
        catch (IOException)
        {
            return 80; // no terminal to ask
        }
    }

    /// <summary>The program's help: usage, examples, its own options and the commands.</summary>
    public static string ForProgram(IReadOnlyList<CommandTable> commands, string version, int width)
    {
        var text = new StringBuilder();
        text.AppendLine("greatmodel: robust (Student-t) models by multi-chain Gibbs sampling.");
        text.AppendLine(CultureInfo.InvariantCulture, $"version {version}").AppendLine();
        text.AppendLine("USAGE:").AppendLine("    greatmodel COMMAND [OPTIONS]").AppendLine();
        Examples(text, commands.Select(c => c.Examples[0]), width);
        text.AppendLine("OPTIONS:");
        text.AppendLine("    -h, --help").Append(Paragraph("Prints help information (greatmodel COMMAND --help: the command's).", width));
        text.AppendLine("    -v, --version").Append(Paragraph("Prints version information.", width)).AppendLine();
        text.AppendLine("COMMANDS:");
        Rows(text, commands.Select(c => (c.Name, c.Description)), width);
        return text.ToString();
    }

    /// <summary>A command's help.</summary>
    public static string For(CommandTable command, int width)
    {
        var text = new StringBuilder();
        text.AppendLine("DESCRIPTION:").Append(Paragraph(command.Description, width, indent: 0)).AppendLine();
        string operands = command.Argument is { } a ? $" <{a.ValueName}>{(a.Many ? "..." : "")}" : "";
        text.AppendLine("USAGE:").AppendLine(CultureInfo.InvariantCulture, $"    greatmodel {command.Name}{operands} [OPTIONS]").AppendLine();
        Examples(text, command.Examples, width);
        if (command.Argument is { } argument)
        {
            text.AppendLine("ARGUMENTS:").AppendLine(CultureInfo.InvariantCulture, $"    <{argument.ValueName}>{(argument.Many ? "..." : "")}");
            text.Append(Paragraph(argument.Help, width)).AppendLine();
        }
        text.AppendLine("OPTIONS:");
        // A flag may also be given a value, as scripts pass one through.
        if (command.Options.Any(o => o.IsFlag)) text.Append(Paragraph("Options without <VALUE> are flags: given alone, true; --FLAG=false sets one false.", width, indent: 4));
        text.AppendLine("    -h, -?, --help").Append(Paragraph("Prints help information.", width));
        foreach (var row in command.Options)
        {
            // Short spellings first, as help usually lists them ("-q, --quiet"; "-n, --n").
            string spellings = string.Join(", ", row.Spellings.OrderBy(s => s.StartsWith("--", StringComparison.Ordinal)));
            string value = row.IsFlag ? "" : $" <{row.ValueName}>";
            string fallback = row.Required is not null ? "    required"
                : row.Default is { } d ? $"    default: {string.Format(CultureInfo.InvariantCulture, "{0}", d)}" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"    {spellings}{value}{fallback}");
            text.Append(Paragraph(row.Help, width));
        }
        if (command.ListsBackends)
        {
            text.AppendLine().AppendLine("BACKENDS:");
            Rows(text, BackendRegistry.All.Select(b => (b.Name, b.Summary)).Prepend((BackendRegistry.AutoName, BackendRegistry.AutoSummary)), width);
        }
        return text.ToString();
    }

    /// <summary>
    /// Each example as a command line, long ones continued over lines with a backslash (as a shell reads them), broken
    /// between options, never between an option and its value.
    /// </summary>
    private static void Examples(StringBuilder text, IEnumerable<string> examples, int width)
    {
        text.AppendLine("EXAMPLES:");
        foreach (string example in examples)
        {
            var line = new StringBuilder("    greatmodel");
            foreach (string word in OptionsWithValues(example.Split(' ')))
            {
                if (line.Length + 1 + word.Length + 2 > width)
                {
                    text.Append(line).AppendLine(" \\");
                    line.Clear().Append("        ");
                }
                else
                {
                    line.Append(' ');
                }
                line.Append(word);
            }
            text.Append(line).AppendLine();
        }
        text.AppendLine();
    }

    /// <summary>The words of a command line, each option joined to its value ("--out x.csv").</summary>
    private static IEnumerable<string> OptionsWithValues(string[] words)
    {
        for (int i = 0; i < words.Length; i++)
        {
            bool valued = words[i].StartsWith('-') && i + 1 < words.Length && !words[i + 1].StartsWith("--", StringComparison.Ordinal);
            yield return valued ? $"{words[i]} {words[++i]}" : words[i];
        }
    }

    /// <summary>Name and description rows: names four columns in, descriptions in a column of their own, wrapped within it.</summary>
    private static void Rows(StringBuilder text, IEnumerable<(string Name, string Description)> rows, int width)
    {
        var list = rows.ToList();
        int column = 4 + list.Max(r => r.Name.Length) + 3;
        foreach (var (name, description) in list)
        {
            string[] lines = Wrap(description, width - column);
            text.Append("    ").Append(name.PadRight(column - 4)).AppendLine(lines[0]);
            foreach (string more in lines.Skip(1)) text.Append(' ', column).AppendLine(more);
        }
    }

    /// <summary><paramref name="words"/> wrapped to <paramref name="width"/>, each line indented.</summary>
    private static string Paragraph(string words, int width, int indent = ParagraphIndent)
    {
        var text = new StringBuilder();
        foreach (string line in Wrap(words, width - indent)) text.Append(' ', indent).AppendLine(line);
        return text.ToString();
    }

    /// <summary>Lines of at most <paramref name="width"/> characters, broken at spaces (a longer word stands alone).</summary>
    private static string[] Wrap(string words, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (string word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        lines.Add(line.ToString());
        return [.. lines];
    }
}
