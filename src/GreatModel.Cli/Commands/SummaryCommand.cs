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
/// decides which moments exist, is taken from what the files carry: the CmdStan header's <c># greatmodel: … n = N</c>, or
/// the run record beside a tidy file (its manifest or checkpoint).
/// </summary>
internal sealed partial class SummaryCommand : CliCommand<SummaryCommand.Settings>
{
    /// <summary>The values of <see cref="OptionTable.Summary"/>'s rows (each property's option, default and help are there).</summary>
    public sealed class Settings : CommandSettings
    {
        public string[] Draws { get; init; } = [];

        public string? Summary { get; init; }

        public bool Wide { get; init; }
    }

    public override int Execute(Settings settings, CancellationToken cancellationToken)
    {
        var plan = new OutputPlan();
        if (settings.Summary is not null) plan.File(nameof(settings.Summary), settings.Summary);
        foreach (string file in settings.Draws) plan.Input("DRAWS", file);
        plan.Check();
        string first = settings.Draws[0];
        string[] parameters = DrawsFileReader.HasColumn(first, "nu") ? ["mu", "sigma2", "nu"] : ["mu", "sigma2"];
        if (settings.Draws.Length == 1 && DrawsFileReader.HasColumn(first, "group"))
        {
            var counts = RunRecordBeside.Of(first)?.GroupCounts;
            var groups = DrawsFileReader.ReadGrouped(first, parameters)
                .AsParallel().AsOrdered() // each group's summary alone: the cores share them, in the file's order
                .Select((g, k) => (Group: g.Key, N: counts is { } c && k < c.Count ? c[k] : (int?)null,
                    Rows: (IReadOnlyList<ParameterSummary>)[.. parameters.Select(p => ParameterSummary.Of(p, g.Value[p], counts is { } n && k < n.Count ? n[k] : null))]))
                .ToList();
            GroupedFit.PrintGroups(groups, settings.Wide, settings.Summary);
            if (settings.Summary is not null)
            {
                SummaryJson.WriteGroups(settings.Summary, groups);
                Console.Out.WriteLine($"summary written to {settings.Summary}");
            }
            return 0;
        }
        int? observations = Observations(settings.Draws);
        var draws = DrawsFileReader.Read(settings.Draws, parameters);
        if (draws["mu"][0].Length < FitCommand.MinimumDrawsForSummary)
            throw new InvalidInputException($"{first}: {draws["mu"][0].Length} draws per chain; a summary needs at least {FitCommand.MinimumDrawsForSummary}");
        var rows = parameters.Select(p => ParameterSummary.Of(p, draws[p], observations)).ToList();
        Console.Out.Write(SummaryTable.Render(rows, null, settings.Wide));
        foreach (string warning in rows.SelectMany(r => r.Warnings())) Console.Error.WriteLine($"warning: {warning}");
        if (observations is null)
            Console.Error.WriteLine($"note: {first} does not say the data's n (no run record beside it), so every mean and sd is printed; with n < 6 some do not exist (docs/MODEL.md)");
        if (settings.Summary is not null)
        {
            SummaryJson.Write(settings.Summary, rows);
            Console.Out.WriteLine($"summary written to {settings.Summary}");
        }
        return 0;
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
