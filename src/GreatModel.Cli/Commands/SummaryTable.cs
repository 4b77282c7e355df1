using System.Globalization;
using GreatModel.Diagnostics;
using Spectre.Console;

namespace GreatModel.Cli.Commands;

internal static class SummaryTable
{
    public static Table Build(IReadOnlyList<ParameterSummary> rows, IReadOnlyDictionary<string, double>? truth)
    {
        var table = new Table().Border(TableBorder.Rounded);
        string[] headers = ["parameter", "mean", "sd", "5%", "50%", "95%", "hdi_3%", "hdi_97%", "mcse_mean", "mcse_sd", "ess_bulk", "ess_tail", "r_hat"];
        foreach (var h in headers) table.AddColumn(new TableColumn(h).RightAligned());
        if (truth is not null) table.AddColumn(new TableColumn("true").RightAligned());
        foreach (var r in rows)
        {
            var cells = new List<string>
            {
                r.Name, F(r.Mean), F(r.Sd), F(r.Q05), F(r.Q50), F(r.Q95), F(r.Hdi3), F(r.Hdi97), F(r.McseMean), F(r.McseSd),
                r.EssBulk.ToString("F0", CultureInfo.InvariantCulture), r.EssTail.ToString("F0", CultureInfo.InvariantCulture),
                r.Rhat.ToString("F3", CultureInfo.InvariantCulture),
            };
            if (truth is not null) cells.Add(truth.TryGetValue(r.Name, out double t) ? F(t) : "");
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        return table;
    }

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
