using System.Text.Json;
using GreatModel.Diagnostics;
using System.Text.Json.Nodes;
using GreatModel.Files.Draws;
using GreatModel.Files.Durability;
using GreatModel.Files.Export;
using GreatModel.Files.Input;

namespace GreatModel.Files.Runs;

/// <summary>The summary as JSON, one object per parameter keyed by name, with ArviZ's column names.</summary>
public static class SummaryJson
{
    /// <summary>Indented, and with '+' and '\'' written as themselves ("gamma(2, 0.1)", "0.1.0+abc"): a file for people too.</summary>
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The rows as indented JSON: {"mu": {"mean": …, "r_hat": …}, …}; undefined values are null; with <paramref name="loo"/>
    /// a "loo" entry (elpd_loo, p_loo, looic, their se_…, the Pareto k table). With
    /// <paramref name="run"/>, a "run" entry first says how the draws were made: the run's record (<see cref="RunRecord.ToJson"/>:
    /// version, seed, the backend by its CLI name with <c>auto</c> resolved, chains, the data's hash, every draw-shaping setting
    /// under "settings"), then the sampling time, datum-updates per second and draws per chain.
    /// </summary>
    public static string Serialize(IEnumerable<ParameterSummary> rows, Posterior? run = null, LooResult? loo = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var document = new Dictionary<string, object>();
        if (run is not null) document["run"] = RunEntry(run);
        if (loo is not null) document["loo"] = LooEntry(loo);
        foreach (var r in rows) document[r.Name] = Row(r);
        return JsonSerializer.Serialize(document, Indented);
    }

    /// <summary>
    /// A grouped run's summary: {"run": {…, "groups": G, "datum_updates_per_s": over all groups}, "not_converged": [labels of
    /// the groups any of whose rows warns (<see cref="ParameterSummary.Warnings"/>)], "groups": {"LABEL": {"n": …, "mu": {…},
    /// …}, …}}, groups in the run's order.
    /// </summary>
    /// <param name="groups">Each group's label, n and rows, in order.</param>
    /// <param name="run">The grouped run.</param>
    /// <returns>Indented JSON.</returns>
    public static string SerializeGrouped(IReadOnlyList<(string Group, int N, IReadOnlyList<ParameterSummary> Rows)> groups, GroupedPosterior run)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(run);
        var entry = RunEntry(run.Groups[0]); // the record is the whole run's: its groups, data and hash
        entry["datum_updates_per_s"] = run.DatumUpdatesPerSecond;
        return GroupedDocument(entry, [.. groups.Select(g => (g.Group, (int?)g.N, g.Rows))]);
    }

    /// <summary>
    /// The summary of a run merged from shards (<see cref="ShardMerge"/>): as <see cref="Serialize"/>, with a "run" entry from
    /// the merged manifest (backend, seed, chains, draws per chain, the shards merged, version, the data's SHA-256, settings).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="rows">The parameters' summaries.</param>
    /// <param name="merged">The merged run's manifest.</param>
    /// <param name="shards">Shards merged. Range: ≥ 1.</param>
    public static void WriteMerged(string path, IEnumerable<ParameterSummary> rows, ShardManifest merged, int shards)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var document = new Dictionary<string, object> { ["run"] = MergedEntry(merged, shards) };
        foreach (var r in rows) document[r.Name] = Row(r);
        AtomicFile.Write(path, w => w.Write(JsonSerializer.Serialize(document, Indented)));
    }

    /// <summary>A grouped run merged from shards: as <see cref="SerializeGrouped"/>, the run entry from the manifest.</summary>
    /// <param name="path">The file.</param>
    /// <param name="groups">Each group's label, n (null where the shards' manifests do not record it) and rows, in the run's order.</param>
    /// <param name="merged">The merged run's manifest.</param>
    /// <param name="shards">Shards merged. Range: ≥ 1.</param>
    public static void WriteMergedGrouped(string path, IReadOnlyList<(string Group, int? N, IReadOnlyList<ParameterSummary> Rows)> groups, ShardManifest merged, int shards)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var entry = MergedEntry(merged, shards);
        AtomicFile.Write(path, w => w.Write(GroupedDocument(entry, groups)));
    }

    /// <summary>A merged run's entry: its record (<see cref="RunRecord.ToJson"/>), draws per chain and the shards merged.</summary>
    private static JsonObject MergedEntry(ShardManifest merged, int shards)
    {
        ArgumentNullException.ThrowIfNull(merged);
        var entry = merged.Run.ToJson();
        entry["draws_per_chain"] = merged.DrawsPerChain;
        entry["merged_shards"] = shards;
        return entry;
    }

    /// <summary>A grouped summary with no run to describe (<c>greatmodel summary</c> of a file): as <see cref="SerializeGrouped"/> without the "run" entry.</summary>
    /// <param name="path">The file.</param>
    /// <param name="groups">Each group's label, n (null where not known) and rows, in order.</param>
    public static void WriteGroups(string path, IReadOnlyList<(string Group, int? N, IReadOnlyList<ParameterSummary> Rows)> groups) =>
        AtomicFile.Write(path, w => w.Write(GroupedDocument(null, groups)));

    private static string GroupedDocument(JsonObject? entry, IReadOnlyList<(string Group, int? N, IReadOnlyList<ParameterSummary> Rows)> groups)
    {
        var byGroup = new Dictionary<string, object>();
        foreach (var (group, n, rows) in groups)
        {
            var entries = new Dictionary<string, object>();
            if (n is { } count) entries["n"] = count;
            foreach (var r in rows) entries[r.Name] = Row(r);
            byGroup[group] = entries;
        }
        var document = new Dictionary<string, object>();
        if (entry is not null) document["run"] = entry;
        document["not_converged"] = groups.Where(g => g.Rows.Any(r => r.ConvergenceWarnings().Any())).Select(g => g.Group).ToArray();
        document["groups"] = byGroup;
        return JsonSerializer.Serialize(document, Indented);
    }

    /// <summary>Writes <see cref="SerializeGrouped"/> to <paramref name="path"/> whole or not at all (<see cref="AtomicFile"/>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="groups">Each group's label, n and rows.</param>
    /// <param name="run">The grouped run.</param>
    public static void WriteGrouped(string path, IReadOnlyList<(string Group, int N, IReadOnlyList<ParameterSummary> Rows)> groups, GroupedPosterior run) =>
        AtomicFile.Write(path, w => w.Write(SerializeGrouped(groups, run)));

    /// <summary>
    /// A run's entry: its record (<see cref="RunRecord.ToJson"/>: version, seed, backend, chains, data, every draw-shaping
    /// setting), then how it went: the backend in words and why auto chose it, the sampling time, datum-updates per second,
    /// draws per chain, whether an ESS target was reached and the ν move's acceptance.
    /// </summary>
    private static JsonObject RunEntry(Posterior run)
    {
        var entry = run.Record.ToJson();
        entry["backend_description"] = run.BackendDescription;
        entry["backend_reason"] = run.BackendReason ?? "named";
        entry["sampling_ms"] = run.Elapsed.TotalMilliseconds;
        entry["datum_updates_per_s"] = run.DatumUpdatesPerSecond;
        entry["draws_per_chain"] = run.DrawsPerChain;
        if (run.Options.TargetEss is not null) entry["target_reached"] = run.TargetReached == true; // the target is a setting
        if (run.NuMoveAcceptance is { } acceptance) entry["nu_move_acceptance"] = acceptance;
        return entry;
    }

    private static Dictionary<string, object?> Row(ParameterSummary r)
    {
        var row = Numbers(r).ToDictionary(e => e.Key, e => (object?)e.Value);
        if (r.MomentsNote is { } note) row["moments_note"] = note; // why mean / sd are null
        return row;
    }

    private static Dictionary<string, double?> Numbers(ParameterSummary r) => new()
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
    };

    /// <summary>Writes <see cref="Serialize"/>'s JSON to <paramref name="path"/>, whole or not at all.</summary>
    public static void Write(string path, IEnumerable<ParameterSummary> rows, Posterior? run = null, LooResult? loo = null) =>
        AtomicFile.Write(path, w => w.Write(Serialize(rows, run, loo)));

    /// <summary>PSIS-LOO's estimates, loo's names: elpd_loo, p_loo, looic with se_…, and the Pareto k table's counts and least n_eff.</summary>
    private static Dictionary<string, object?> LooEntry(LooResult loo) => new()
    {
        ["elpd_loo"] = loo.ElpdLoo,
        ["se_elpd_loo"] = loo.ElpdLooSe,
        ["p_loo"] = loo.PLoo,
        ["se_p_loo"] = loo.PLooSe,
        ["looic"] = loo.LooIc,
        ["se_looic"] = loo.LooIcSe,
        ["draws"] = loo.Size.Draws,
        ["observations"] = loo.Size.Observations,
        ["pareto_k"] = loo.ParetoKTable.Select(r => new Dictionary<string, object?>
        {
            ["range"] = r.Range,
            ["label"] = r.Label,
            ["count"] = r.Count,
            ["min_n_eff"] = r.MinEffectiveSize,
        }).ToArray(),
    };

    /// <summary>JSON has no NaN: undefined diagnostics (too few draws) become null.</summary>
    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
