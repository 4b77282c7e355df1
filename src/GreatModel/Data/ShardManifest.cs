using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using GreatModel.Model;

namespace GreatModel.Data;

/// <summary>
/// What a shard of a run wrote and how (<c>NAME.manifest.json</c> beside its tidy draws file <c>NAME.csv</c>): its chain
/// range within the whole run, the seed, the backend, every setting that shapes the draws, a hash of the data, and the
/// GreatModel version. <see cref="ShardMerge"/> merges shards only when all of these agree and the ranges tile the run.
/// </summary>
public sealed record ShardManifest
{
    /// <summary>The manifest layout's name and version, written first.</summary>
    public const string FormatName = "greatmodel-shard-1";

    /// <summary>The layout (<see cref="FormatName"/>).</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>The GreatModel library version (with its commit) that ran the shard: another version may draw otherwise.</summary>
    public required string Version { get; init; }

    /// <summary>The shard's tidy draws file, by name, in the manifest's folder.</summary>
    public required string DrawsFile { get; init; }

    /// <summary>The global id of the shard's first chain. Range: ≥ 0.</summary>
    public required int FirstChain { get; init; }

    /// <summary>Chains the shard ran. Range: ≥ 1.</summary>
    public required int Chains { get; init; }

    /// <summary>Chains in the whole run. Range: ≥ FirstChain + Chains.</summary>
    public required int TotalChains { get; init; }

    /// <summary>The run's seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The backend that ran it (by registry name): draws are the same across shards only on the same backend.</summary>
    public required string Backend { get; init; }

    /// <summary>Draws per chain the shard recorded (fewer than the samples asked for when it was stopped).</summary>
    public required int DrawsPerChain { get; init; }

    /// <summary>Groups in the data (1 for an ungrouped run).</summary>
    public required int Groups { get; init; }

    /// <summary>Observations over all groups.</summary>
    public required long DataCount { get; init; }

    /// <summary>
    /// Each group's observations, in the run's group order (a grouped run's: the merged summary's per-group n); null for an
    /// ungrouped run, or a manifest written before they were recorded.
    /// </summary>
    public IReadOnlyList<int>? GroupCounts { get; init; }

    /// <summary>SHA-256 (hex) of the draws file's bytes as written: merge refuses a shard whose rows were changed since. Empty: not recorded (an older manifest).</summary>
    public string DrawsSha256 { get; init; } = "";

    /// <summary>SHA-256 (hex) of a file's bytes (<see cref="DrawsSha256"/>).</summary>
    /// <exception cref="InvalidInputException">The file cannot be read.</exception>
    public static string FileSha256(string path)
    {
        using var stream = ReadableFile.OpenStream(path, "draws file");
        try
        {
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (IOException e)
        {
            throw ReadableFile.CannotRead(path, e);
        }
    }

    /// <summary>SHA-256 of the data (labels and values, in order), hex.</summary>
    public required string DataSha256 { get; init; }

    /// <summary>Where the data came from (informational; the hash decides).</summary>
    public required string DataSource { get; init; }

    /// <summary>Every setting that shapes the draws, by name (ν, its prior and range, burn-in, samples, thin, precision, inits, the file's columns).</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    /// <summary>The manifest path of the draws file <paramref name="drawsPath"/>: NAME.manifest.json beside NAME.csv.</summary>
    public static string PathFor(string drawsPath) => Path.ChangeExtension(FilePaths.FullPath(drawsPath), ".manifest.json");

    /// <summary>The GreatModel library's version, as manifests record it.</summary>
    public static string LibraryVersion { get; } =
        typeof(Sampler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The settings of <paramref name="options"/> that shape the draws, and the draws file's header line.</summary>
    public static IReadOnlyDictionary<string, string> SettingsOf(SamplerOptions options, string header)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["nu"] = options.DescribeNu(),
            ["burn_in"] = options.BurnIn.ToString(CultureInfo.InvariantCulture),
            ["samples"] = options.Samples.ToString(CultureInfo.InvariantCulture),
            ["thin"] = options.Thin.ToString(CultureInfo.InvariantCulture),
            ["precision"] = options.Precision.ToString().ToLowerInvariant(),
            ["columns"] = header,
        };
        if (options.EstimateNu)
        {
            settings["nu_move"] = NuMoveNames.Name(options.NuMove);
            settings["initial_nu"] = options.InitialNu?.ToString("R", CultureInfo.InvariantCulture) ?? "default";
        }
        if (options.InitialMu is { } mu) settings["initial_mu"] = mu.ToString("R", CultureInfo.InvariantCulture);
        if (options.InitialAlpha2 is { } alpha2) settings["initial_alpha2"] = alpha2.ToString("R", CultureInfo.InvariantCulture);
        if (options.InitialTau2 is { } tau2) settings["initial_tau2"] = tau2.ToString("R", CultureInfo.InvariantCulture);
        if (options.Inits is { } inits)
            settings["inits"] = string.Join(';', inits.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Mu:R},{i.Sigma2:R},{i.Nu:R}")));
        return settings;
    }

    /// <summary>SHA-256 of <paramref name="groups"/>' labels and values, in order (an ungrouped run: one unlabelled group).</summary>
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

    /// <summary>Writes the manifest to <paramref name="path"/> whole, or not at all (<see cref="AtomicFile"/>).</summary>
    public void Write(string path) => JsonRecordFile.Write(path, this);

    /// <summary>Reads a manifest.</summary>
    /// <exception cref="InvalidInputException">The file is missing, unreadable, not a shard manifest, or malformed (named with the reason).</exception>
    public static ShardManifest Read(string path) => JsonRecordFile.Read<ShardManifest>(path, "shard manifest", m => m.Format, FormatName);
}
