using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GreatModel.Backends;
using GreatModel.Model;

namespace GreatModel;

/// <summary>
/// The one description of a run: what made its draws (every draw-shaping option, the seed, the backend, the data's hash,
/// the chains' range, the library version), in one canonical form. Every record of a run is a view of it: a checkpoint's
/// <see cref="Sampling.RunCheckpoint.Run"/> (a resumed run must match it: <see cref="FirstDifference"/>), a shard's manifest
/// (its <c>run</c>), the summary JSON's <c>run</c> entry, the CmdStan header's <c>greatmodel_…</c> lines and a merge's
/// comparison of shards (<see cref="Entries"/>). A new option of
/// <see cref="SamplerOptions"/> that shapes the draws is one row of <see cref="SettingsOf"/>'s table; a test fails while an
/// option is in neither that table nor the record's own fields. Immutable.
/// </summary>
public sealed record RunRecord
{
    /// <summary>The library's version (with its commit): another version may draw otherwise.</summary>
    public required string Version { get; init; }

    /// <summary>The run's seed: the Philox key of every stream.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The backend that ran, by its CLI name (never <c>auto</c>): draws differ between backends.</summary>
    public required string Backend { get; init; }

    /// <summary>The global id of the run's first chain (a shard's; 0 for a whole run). Range: ≥ 0.</summary>
    public required int FirstChain { get; init; }

    /// <summary>Chains per group this run (or shard) ran. Range: ≥ 1.</summary>
    public required int Chains { get; init; }

    /// <summary>Chains in the whole run the chains belong to. Range: ≥ FirstChain + Chains.</summary>
    public required int TotalChains { get; init; }

    /// <summary>Whether the run was over groups (its files carry group labels), even of one group.</summary>
    public required bool Grouped { get; init; }

    /// <summary>Groups in the data (1 for an ungrouped run). Range: ≥ 1.</summary>
    public required int Groups { get; init; }

    /// <summary>Observations over all groups. Range: ≥ 1.</summary>
    public required long DataCount { get; init; }

    /// <summary>SHA-256 (hex) of the data: every group's label and values, in order (<see cref="HashOf"/>).</summary>
    public required string DataSha256 { get; init; }

    /// <summary>Where the data came from (informational: the hash decides).</summary>
    public required string DataSource { get; init; }

    /// <summary>Every other option that shapes the draws, by snake-case name, in canonical text (<see cref="SettingsOf"/>); sorted.</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    /// <summary>The GreatModel library's version, as records state it.</summary>
    public static string LibraryVersion { get; } =
        typeof(Sampler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>
    /// The properties of <see cref="SamplerOptions"/> the record holds as fields of its own, not in <see cref="Settings"/>.
    /// Every other settable property must be a row of the settings table (a test holds both lists to the options' properties).
    /// </summary>
    public static IReadOnlyList<string> OptionsRecordedAsFields { get; } =
        [nameof(SamplerOptions.Seed), nameof(SamplerOptions.Backend), nameof(SamplerOptions.FirstChain), nameof(SamplerOptions.Chains), nameof(SamplerOptions.TotalChains)];

    /// <summary>
    /// The settings table: each draw-shaping option's key, the properties it reads, and its canonical text (null: not recorded,
    /// as an option unset or unused in this run). Doubles round-trip ("R"); ν's own options appear only when ν is estimated.
    /// </summary>
    private static readonly (string Key, string[] Properties, Func<SamplerOptions, string?> Text)[] Table =
    [
        ("nu", [nameof(SamplerOptions.Nu), nameof(SamplerOptions.EstimateNu)], o => o.EstimateNu ? "estimated" : Number(o.Nu)),
        ("nu_prior", [nameof(SamplerOptions.NuPrior)], o => o.EstimateNu ? o.NuPrior.ToString() : null),
        ("nu_min", [nameof(SamplerOptions.NuMin)], o => o.EstimateNu ? Number(o.NuMin) : null),
        ("nu_max", [nameof(SamplerOptions.NuMax)], o => o.EstimateNu ? Number(o.NuMax) : null),
        ("nu_move", [nameof(SamplerOptions.NuMove)], o => o.EstimateNu ? NuMoveNames.Name(o.NuMove) : null),
        // Unset, each chain's log ν is dispersed around the prior's mean; set, every chain starts there: other draws.
        ("initial_nu", [nameof(SamplerOptions.InitialNu)], o => !o.EstimateNu ? null : o.InitialNu is { } nu ? Number(nu) : $"dispersed around {Number(o.StartingNu)}"),
        ("burn_in", [nameof(SamplerOptions.BurnIn)], o => Number(o.BurnIn)),
        ("samples", [nameof(SamplerOptions.Samples)], o => Number(o.Samples)),
        ("thin", [nameof(SamplerOptions.Thin)], o => Number(o.Thin)),
        ("target_ess", [nameof(SamplerOptions.TargetEss)], o => o.TargetEss is { } target ? Number(target) : null),
        ("precision", [nameof(SamplerOptions.Precision)], o => o.Precision == Precision.Single ? "single" : "double"),
        // Unset (CUDA's device path on CUDA only, as the backend field says) is not recorded: records before the option stay equal.
        ("device_math", [nameof(SamplerOptions.DeviceMath)], o => o.DeviceMath is { } on ? (on ? "on" : "off") : null),
        ("initial_mu", [nameof(SamplerOptions.InitialMu)], o => o.InitialMu is { } mu ? Number(mu) : null),
        ("initial_alpha2", [nameof(SamplerOptions.InitialAlpha2)], o => o.InitialAlpha2 is { } alpha2 ? Number(alpha2) : null),
        ("initial_tau2", [nameof(SamplerOptions.InitialTau2)], o => o.InitialTau2 is { } tau2 ? Number(tau2) : null),
        ("inits", [nameof(SamplerOptions.Inits)], o => o.Inits is { } inits
            ? string.Join(';', inits.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Mu:R},{i.Sigma2:R},{(i.Nu is { } nu ? Number(nu) : "")}")))
            : null),
    ];

    /// <summary>The properties of <see cref="SamplerOptions"/> the settings table reads.</summary>
    public static IReadOnlyList<string> OptionsRecordedAsSettings { get; } = [.. Table.SelectMany(row => row.Properties)];

    /// <summary>The settings of <paramref name="options"/> that shape the draws, besides those the record holds as fields (<see cref="OptionsRecordedAsFields"/>).</summary>
    public static IReadOnlyDictionary<string, string> SettingsOf(SamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, _, text) in Table)
        {
            if (text(options) is { } value) settings[key] = value;
        }
        return settings;
    }

    /// <summary>The record of a run of <paramref name="groups"/> with <paramref name="options"/> (seed filled in) on <paramref name="backend"/>.</summary>
    /// <param name="groups">Each group's label (null for an ungrouped run's one group) and data, in the run's order.</param>
    /// <param name="grouped">Whether the run was over groups.</param>
    /// <param name="dataSource">Where the data came from.</param>
    /// <param name="options">The options as run; <see cref="SamplerOptions.Seed"/> must be set.</param>
    /// <param name="backend">The backend that ran (not <see cref="GreatModel.Backend.Auto"/>).</param>
    public static RunRecord Of(IReadOnlyList<(string? Label, ObservedData Data)> groups, bool grouped, string dataSource, SamplerOptions options, Backend backend)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(options);
        return new RunRecord
        {
            Version = LibraryVersion,
            Seed = options.Seed ?? throw new ArgumentException("the options carry no seed: a record states the run's", nameof(options)),
            Backend = BackendRegistry.NameOf(backend),
            FirstChain = options.FirstChain,
            Chains = options.Chains,
            TotalChains = options.RunChains,
            Grouped = grouped,
            Groups = groups.Count,
            DataCount = groups.Sum(g => (long)g.Data.Count),
            DataSha256 = HashOf(groups),
            DataSource = dataSource,
            Settings = SettingsOf(options),
        };
    }

    /// <summary>SHA-256 (hex) of <paramref name="groups"/>' labels and values, in order (an ungrouped run: one unlabelled group).</summary>
    public static string HashOf(IEnumerable<(string? Label, ObservedData Data)> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> value = stackalloc byte[sizeof(double)];
        foreach (var (label, data) in groups)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes((label ?? "") + "\n"));
            foreach (double v in data.Values)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(value, v);
                sha.AppendData(value);
            }
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>
    /// Every entry of the record as (key, canonical text), in a fixed order: the fields, then the settings. Views that
    /// list or compare a run (the CmdStan header, a merge's check of its shards) go through these, so a new setting reaches
    /// all of them.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> Entries()
    {
        yield return new("version", Version);
        yield return new("seed", Seed.ToString(CultureInfo.InvariantCulture));
        yield return new("backend", Backend);
        yield return new("first_chain", Number(FirstChain));
        yield return new("chains", Number(Chains));
        yield return new("total_chains", Number(TotalChains));
        yield return new("grouped", Grouped ? "true" : "false");
        yield return new("groups", Number(Groups));
        yield return new("data_count", DataCount.ToString(CultureInfo.InvariantCulture));
        yield return new("data_sha256", DataSha256);
        yield return new("data_source", DataSource);
        foreach (var setting in Settings) yield return setting;
    }

    /// <summary>
    /// The first entry (<see cref="Entries"/>' order) in which this record and <paramref name="other"/> differ, leaving out the
    /// keys in <paramref name="ignoring"/>; null when they agree. An entry one record lacks reads <c>(none)</c>.
    /// </summary>
    public (string Key, string This, string Other)? FirstDifference(RunRecord other, params string[] ignoring)
    {
        ArgumentNullException.ThrowIfNull(other);
        var mine = Entries().ToDictionary(e => e.Key, e => e.Value);
        var theirs = other.Entries().ToDictionary(e => e.Key, e => e.Value);
        foreach (string key in mine.Keys.Concat(theirs.Keys.Except(mine.Keys)).Where(k => !ignoring.Contains(k)))
        {
            string a = mine.GetValueOrDefault(key, "(none)"), b = theirs.GetValueOrDefault(key, "(none)");
            if (a != b) return (key, a, b);
        }
        return null;
    }

    /// <summary>An entry as messages name it: <c>seed 6</c>, <c>GreatModel version 0.1.0</c>, <c>setting burn_in = 21</c>.</summary>
    public static string Describe(string key, string value) => key switch
    {
        "version" => $"GreatModel version {value}",
        "data_sha256" => $"data (SHA-256) {value}",
        "data_count" => $"observations {value}",
        "first_chain" or "total_chains" or "data_source" => $"{key.Replace('_', ' ')} {value}",
        "seed" or "backend" or "chains" or "grouped" or "groups" => $"{key} {value}",
        _ => $"setting {key} = {value}",
    };

    /// <summary>
    /// The entries as one flat JSON object (the summary's <c>run</c> entry): numbers as numbers, booleans as booleans, the
    /// rest as strings (<c>"nu": 6</c>, or <c>"nu": "estimated"</c> with <c>nu_prior</c>, <c>nu_min</c>, …).
    /// </summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        foreach (var (key, text) in Entries()) json[key] = Value(key, text);
        return json;
    }

    /// <summary>Typed JSON for canonical text: a number where it is one (except the version, hash and seed, which are names), else text.</summary>
    private static JsonNode? Value(string key, string text) =>
        key is "version" or "data_sha256" or "data_source" or "backend" ? JsonValue.Create(text)
        : text is "true" or "false" ? JsonValue.Create(text == "true")
        : key == "seed" && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed) ? JsonValue.Create(seed)
        : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole) ? JsonValue.Create(whole)
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number) ? JsonValue.Create(number)
        : JsonValue.Create(text);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
