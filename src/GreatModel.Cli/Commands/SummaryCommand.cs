using System.Globalization;
using System.Text.RegularExpressions;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;
using GreatModel.Diagnostics;
using GreatModel.Cli.Parsing;

namespace GreatModel.Cli.Commands;

/// <summary>
/// <c>greatmodel summary DRAWS...</c> (#30 item 4, as CmdStan's stansummary): the summary of draws already written — a tidy
/// file (grouped or not) or a run's CmdStan files — the same table, warnings and JSON <c>fit</c> makes. The data's n, which
/// decides which moments exist, is taken from <c>--data</c> when given (per group with <c>--group</c>), else from what the files
/// carry: the CmdStan header's <c># greatmodel: … n = N</c>, or the run record beside a tidy file (its manifest or
/// checkpoint); when none says, every mean and sd is printed with a note saying so.
/// </summary>
internal sealed partial class SummaryCommand : CliCommand<SummaryCommand.Settings>
{
    /// <summary>The values of <see cref="OptionTable.Summary"/>'s rows (each property's option, default and help are there).</summary>
    public sealed class Settings : CommandSettings
    {
        public string[] Draws { get; init; } = [];

        public string? Summary { get; init; }

        public bool Wide { get; init; }

        public string? Data { get; init; }

        public string? Column { get; init; }

        public string? Group { get; init; }
    }

    public override int Execute(Settings settings, CancellationToken cancellationToken)
    {
        var plan = new OutputPlan();
        if (settings.Summary is not null) plan.File(nameof(settings.Summary), settings.Summary);
        foreach (string file in settings.Draws) plan.Input("DRAWS", file);
        plan.Input("--data", settings.Data);
        plan.Check();
        string first = settings.Draws[0];
        bool grouped = settings.Draws.Length == 1 && DrawsFileReader.HasColumn(first, "group");
        CheckDataOptions(settings, grouped, first);
        string[] parameters = DrawsFileReader.HasColumn(first, "nu") ? ["mu", "sigma2", "nu"] : ["mu", "sigma2"];
        if (grouped)
        {
            var read = DrawsFileReader.ReadGrouped(first, parameters).ToList();
            var counts = GroupCounts(settings, first, [.. read.Select(g => g.Key)]);
            var groups = read
                .AsParallel().AsOrdered() // each group's summary alone: the cores share them, in the file's order
                .Select((g, k) => (Group: g.Key, N: counts?.Invoke(g.Key, k), Draws: g.Value))
                .Select(g => (g.Group, g.N, Rows: (IReadOnlyList<ParameterSummary>)[.. parameters.Select(p => ParameterSummary.Of(p, g.Draws[p], g.N))]))
                .ToList();
            GroupedFit.PrintGroups(groups, settings.Wide, settings.Summary);
            if (counts is null) Console.Error.WriteLine(NoCountNote(first));
            if (settings.Summary is not null)
            {
                SummaryJson.WriteGroups(settings.Summary, groups);
                Console.Out.WriteLine($"summary written to {settings.Summary}");
            }
            return 0;
        }
        int? observations = settings.Data is null ? Observations(settings.Draws) : DataFileReader.Read(settings.Data, settings.Column).Count;
        var draws = DrawsFileReader.Read(settings.Draws, parameters);
        if (draws["mu"][0].Length < FitCommand.MinimumDrawsForSummary)
            throw new InvalidInputException($"{first}: {draws["mu"][0].Length} draws per chain; a summary needs at least {FitCommand.MinimumDrawsForSummary}");
        var rows = parameters.Select(p => ParameterSummary.Of(p, draws[p], observations)).ToList();
        Console.Out.Write(SummaryTable.Render(rows, null, settings.Wide));
        foreach (string warning in rows.SelectMany(r => r.Warnings())) Console.Error.WriteLine($"warning: {warning}");
        if (observations is null) Console.Error.WriteLine(NoCountNote(first));
        if (settings.Summary is not null)
        {
            SummaryJson.Write(settings.Summary, rows);
            Console.Out.WriteLine($"summary written to {settings.Summary}");
        }
        return 0;
    }

    /// <summary>Said when nothing gives the data's n: the moments are printed unchecked, and how to have them checked.</summary>
    private static string NoCountNote(string draws) =>
        $"note: {draws} does not say the data's n (no run record beside it), so every mean and sd is printed; with n < 6 some do not exist (docs/MODEL.md): give the data with --data to have them checked";

    /// <summary>--column and --group need --data; --group goes with a grouped file, and a grouped file's data need it (and --column).</summary>
    private static void CheckDataOptions(Settings settings, bool grouped, string first)
    {
        if (settings.Data is null)
        {
            if (settings.Column is not null) throw new InvalidInputException($"--column {settings.Column}: needs --data (the data the run was fitted to)");
            if (settings.Group is not null) throw new InvalidInputException($"--group {settings.Group}: needs --data (the data the run was fitted to)");
            return;
        }
        if (grouped && (settings.Group is null || settings.Column is null))
            throw new InvalidInputException($"--data {settings.Data}: {first} holds a grouped run's draws: give the data's --group COLUMN and --column NAME, as fit was given them");
        if (!grouped && settings.Group is not null)
            throw new InvalidInputException($"--group {settings.Group}: {first} holds one data set's draws, not a grouped run's");
    }

    /// <summary>
    /// Each group's n by its label (from --data) or its place in the run (from the run record beside the file); null when
    /// neither is there. A group of the draws that the data lack is refused: the data are not the run's.
    /// </summary>
    private static Func<string, int, int?>? GroupCounts(Settings settings, string first, IReadOnlyList<string> labels)
    {
        if (settings.Data is not null)
        {
            var data = DataFileReader.ReadGrouped(settings.Data, settings.Group!, settings.Column!);
            var byLabel = data.Labels.Select((label, k) => (label, data.Groups[k].Count)).ToDictionary(x => x.label, x => x.Count, StringComparer.Ordinal);
            if (labels.FirstOrDefault(label => !byLabel.ContainsKey(label)) is { } missing)
                throw new InvalidInputException($"--data {settings.Data}: has no group '{DisplayText.Printable(missing)}', which {first} holds; give the data the run was fitted to");
            return (label, _) => byLabel[label];
        }
        return RunRecordBeside.Of(first)?.GroupCounts is { } counts ? (_, k) => k < counts.Count ? counts[k] : null : null;
    }

    /// <summary>The data's n: from a CmdStan header's <c># greatmodel: … n = N</c>, or the record beside a tidy file; null when neither says.</summary>
    private static int? Observations(IReadOnlyList<string> files)
    {
        foreach (string line in File.ReadLines(files[0]).TakeWhile(l => l.StartsWith('#')))
        {
            if (HeaderCount().Match(line) is { Success: true } m && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int n)) return n;
        }
        return RunRecordBeside.Of(files[0]) is { } record && record.Run.DataCount <= int.MaxValue ? (int)record.Run.DataCount : null;
    }

    [GeneratedRegex(@"^# greatmodel: .*\bn = ([0-9]+)")]
    private static partial Regex HeaderCount();
}
