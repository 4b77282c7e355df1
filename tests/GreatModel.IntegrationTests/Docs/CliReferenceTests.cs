using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using GreatModel.Tests.Cli;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Docs;

/// <summary>
/// docs/CLI.md and the program's <c>--help</c> in step: every long option a command's help lists appears in that
/// command's section of docs/CLI.md (a "## `greatmodel COMMAND`" heading up to the next "## "), and every <c>--option</c>
/// a command's section names is one that command's help lists. A new option without its documentation, or a page that
/// still describes a removed or renamed one, fails here naming the command and the option. Sections that are not a
/// command's (running the program, exit codes, backends) may name any option.
/// </summary>
public partial class CliReferenceTests
{
    /// <summary>Every command, and "" for the program itself (<c>greatmodel --help</c>: --help, --version).</summary>
    private static readonly string[] CommandNames = ["", "fit", "simulate", "plot", "summary", "export", "merge", "bench", "devices"];

    public static TheoryData<string> Commands => [.. CommandNames];

    /// <summary>One help text per command: both directions read it, and starting the program costs a few hundred ms.</summary>
    private static readonly ConcurrentDictionary<string, string> HelpTexts = new(StringComparer.Ordinal);

    /// <summary>An option row of a help table: at most 8 spaces in (descriptions wrap far deeper), then its spelling column.</summary>
    [GeneratedRegex(@"^\s{1,8}(?<spec>-\S.*?)(?:\s{2,}|$)")]
    private static partial Regex OptionRow();

    /// <summary>A long option, written anywhere: not the tail of a longer word or of "---".</summary>
    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9-]*")]
    private static partial Regex LongOption();

    /// <summary>
    /// A second spelling a description gives (simulate's "-n ... (also spelled --n)": Spectre takes no one-letter long
    /// name, so the program reads --n as -n and says so in the help instead of the option column).
    /// </summary>
    [GeneratedRegex(@"also spelled (?<long>--[a-z][a-z0-9-]*)")]
    private static partial Regex AlsoSpelled();

    /// <summary>A command row of the program's COMMANDS table: exactly four spaces in, then the command's name.</summary>
    [GeneratedRegex(@"^ {4}(?<name>[a-z][a-z-]*)(?=\s|$)")]
    private static partial Regex CommandRow();

    /// <summary>A section heading of docs/CLI.md that belongs to a command (or, without a name, to the program).</summary>
    [GeneratedRegex(@"^## `greatmodel(?: (?<command>[a-z][a-z-]*))?`\s*$")]
    private static partial Regex CommandHeading();

    private static string Shown(string command) => command.Length == 0 ? "greatmodel --help" : $"greatmodel {command} --help";

    private static string Help(string command) => HelpTexts.GetOrAdd(command, c =>
    {
        var (code, stdout, err) = CliTests.Run(c.Length == 0 ? ["--help"] : [c, "--help"]);
        Assert.True(code == 0, $"{Shown(c)} exited {code}: {err}");
        return stdout.ReplaceLineEndings("\n");
    });

    /// <summary>The lines of one upper-case block of a help text ("OPTIONS:", "COMMANDS:"), up to the next such heading.</summary>
    private static IEnumerable<string> Block(string help, string heading)
    {
        bool inside = false;
        foreach (string line in help.Split('\n'))
        {
            // Headings start at the margin; every row of a block is indented.
            if (line.Length > 0 && !char.IsWhiteSpace(line[0])) inside = line.StartsWith(heading, StringComparison.Ordinal);
            else if (inside) yield return line;
        }
    }

    /// <summary>The long options <c>--help</c> lists for a command: its option column, and any second spelling it gives.</summary>
    private static SortedSet<string> ListedOptions(string command)
    {
        var options = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string line in Block(Help(command), "OPTIONS:"))
        {
            // Only the spelling column: descriptions name other options ("with --nu estimate"), which are not this row's.
            if (OptionRow().Match(line) is { Success: true } row)
                options.UnionWith(LongOption().Matches(row.Groups["spec"].Value).Select(m => m.Value));
            options.UnionWith(AlsoSpelled().Matches(line).Select(m => m.Groups["long"].Value));
        }
        return options;
    }

    private static string Reference() => RepositoryFiles.Text("docs/CLI.md");

    /// <summary>Each command's section of docs/CLI.md ("" for the program's), from its heading to the next "## " heading.</summary>
    private static Dictionary<string, string> Sections()
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var text = new List<string>();
        void Close()
        {
            if (current is null) return;
            Assert.False(sections.ContainsKey(current), $"docs/CLI.md has two sections for '{Shown(current)}'");
            sections[current] = string.Join('\n', text);
        }
        foreach (string line in Reference().Split('\n'))
        {
            if (!line.StartsWith("## ", StringComparison.Ordinal))
            {
                text.Add(line);
                continue;
            }
            Close();
            var heading = CommandHeading().Match(line);
            current = heading.Success ? heading.Groups["command"].Value : null;
            text.Clear();
        }
        Close();
        return sections;
    }

    private static string Section(string command)
    {
        if (!Sections().TryGetValue(command, out string? section))
            Assert.Fail($"docs/CLI.md has no section '## `greatmodel{(command.Length == 0 ? "" : " " + command)}`' for {Shown(command)}");
        return section;
    }

    [Fact]
    public void EveryCommandTheProgramListsHasASectionAndNoSectionIsForACommandThatIsGone()
    {
        var listed = Block(Help(""), "COMMANDS:").Select(l => CommandRow().Match(l)).Where(m => m.Success)
            .Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(listed);
        var documented = Sections().Keys.Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal);
        var missing = listed.Except(documented).Order(StringComparer.Ordinal).ToList();
        var gone = documented.Except(listed).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"commands 'greatmodel --help' lists with no section in docs/CLI.md: {string.Join(", ", missing)}");
        Assert.True(gone.Count == 0, $"docs/CLI.md has sections for commands 'greatmodel --help' does not list: {string.Join(", ", gone)}");
        // The theories below cover a fixed list: a new command must join it (its options are checked only there).
        var notChecked = listed.Except(CommandNames).Order(StringComparer.Ordinal).ToList();
        Assert.True(notChecked.Count == 0, $"commands whose options no theory here checks (add them to CommandNames): {string.Join(", ", notChecked)}");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void TheHelpFitsEightyColumnsWhenPiped(string command)
    {
        // Read through a pipe, as a pager, a CI log or `| less` gets it: laid out for 80 columns, not a wide terminal's.
        var wide = Help(command).Split('\n').Where(line => line.Length > 80).ToList();
        Assert.True(wide.Count == 0, $"{Shown(command)} has lines wider than 80 columns: {string.Join(" | ", wide)}");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryOptionTheHelpListsIsInTheCommandsSection(string command)
    {
        var listed = ListedOptions(command);
        Assert.Contains("--help", listed); // the parse found the table at all
        var named = LongOption().Matches(Section(command)).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var missing = listed.Where(o => !named.Contains(o)).ToList();
        Assert.True(missing.Count == 0,
            $"{Shown(command)} lists {string.Join(", ", missing)}, which docs/CLI.md's section for it does not document");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryOptionTheCommandsSectionNamesIsOneTheHelpLists(string command)
    {
        var listed = ListedOptions(command);
        var unknown = LongOption().Matches(Section(command)).Select(m => m.Value).Distinct(StringComparer.Ordinal)
            .Where(o => !listed.Contains(o)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unknown.Count == 0,
            $"docs/CLI.md's section for {Shown(command)} names {string.Join(", ", unknown)}, which that help does not list " +
            $"(it lists {string.Join(", ", listed)})");
    }
}
