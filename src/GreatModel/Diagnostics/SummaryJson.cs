using System.Text.Json;
using GreatModel.Data;

namespace GreatModel.Diagnostics;

/// <summary>The summary as JSON, one object per parameter keyed by name, with ArviZ's column names.</summary>
public static class SummaryJson
{
    /// <summary>The rows as indented JSON: {"mu": {"mean": …, "r_hat": …}, …}; undefined values are null.</summary>
    public static string Serialize(IEnumerable<ParameterSummary> rows)
    {
        var byName = rows.ToDictionary(r => r.Name, r => new Dictionary<string, double?>
        {
            ["mean"] = Finite(r.Mean),
            ["sd"] = Finite(r.Sd),
            ["q5"] = Finite(r.Q05),
            ["q50"] = Finite(r.Q50),
            ["q95"] = Finite(r.Q95),
            ["hdi_3%"] = Finite(r.Hdi3),
            ["hdi_97%"] = Finite(r.Hdi97),
            ["mcse_mean"] = Finite(r.McseMean),
            ["mcse_sd"] = Finite(r.McseSd),
            ["ess_bulk"] = Finite(r.EssBulk),
            ["ess_tail"] = Finite(r.EssTail),
            ["r_hat"] = Finite(r.Rhat),
        });
        return JsonSerializer.Serialize(byName, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Writes <see cref="Serialize"/>'s JSON to <paramref name="path"/>, whole or not at all.</summary>
    public static void Write(string path, IEnumerable<ParameterSummary> rows) =>
        AtomicFile.Write(path, w => w.Write(Serialize(rows)));

    /// <summary>JSON has no NaN: undefined diagnostics (too few draws) become null.</summary>
    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
