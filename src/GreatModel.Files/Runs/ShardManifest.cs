using System.Security.Cryptography;

namespace GreatModel.Files.Runs;

/// <summary>
/// What a shard of a run wrote and how (<c>NAME.manifest.json</c> beside its tidy draws file <c>NAME.csv</c>): the shard's
/// <see cref="RunRecord"/> (its chain range within the whole run, the seed, the backend, every setting that shapes the draws,
/// a hash of the data, the GreatModel version), the draws it wrote and their columns. <see cref="ShardMerge"/> merges shards
/// only when their records agree in every entry but the chain range and the data's source, and the ranges tile the run.
/// </summary>
public sealed record ShardManifest
{
    /// <summary>The manifest layout's name and version, written first.</summary>
    public const string FormatName = "greatmodel-shard-2";

    /// <summary>The layout (<see cref="FormatName"/>).</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>The shard's run: its chains (<see cref="RunRecord.FirstChain"/>, <see cref="RunRecord.Chains"/> of <see cref="RunRecord.TotalChains"/>), seed, backend, settings, data and version.</summary>
    public required RunRecord Run { get; init; }

    /// <summary>The shard's tidy draws file, by name, in the manifest's folder.</summary>
    public required string DrawsFile { get; init; }

    /// <summary>The draws file's header line: its columns, which every shard of a run shares.</summary>
    public required string Columns { get; init; }

    /// <summary>Draws per chain the shard recorded (fewer than the samples asked for when it was stopped).</summary>
    public required int DrawsPerChain { get; init; }

    /// <summary>
    /// Each group's observations, in the run's group order (a grouped run's: the merged summary's per-group n); null for an
    /// ungrouped run.
    /// </summary>
    public IReadOnlyList<int>? GroupCounts { get; init; }

    /// <summary>SHA-256 (hex) of the draws file's bytes as written: merge refuses a shard whose rows were changed since.</summary>
    public required string DrawsSha256 { get; init; }

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

    /// <summary>The manifest path of the draws file <paramref name="drawsPath"/>: NAME.manifest.json beside NAME.csv.</summary>
    public static string PathFor(string drawsPath) => Path.ChangeExtension(FilePaths.FullPath(drawsPath), ".manifest.json");

    /// <summary>Writes the manifest to <paramref name="path"/> whole, or not at all (<see cref="AtomicFile"/>).</summary>
    public void Write(string path) => JsonRecordFile.Write(path, this);

    /// <summary>Reads a manifest.</summary>
    /// <exception cref="InvalidInputException">The file is missing, unreadable, not a shard manifest, or malformed (named with the reason).</exception>
    public static ShardManifest Read(string path) => JsonRecordFile.Read<ShardManifest>(path, "shard manifest", m => m.Format, FormatName);
}
