using GreatModel.Sampling;

namespace GreatModel.Files.Runs;

/// <summary>
/// A checkpointed run's record (<c>NAME.checkpoint.json</c> beside its tidy draws file <c>NAME.csv</c>): what ran (the
/// <see cref="RunRecord"/> in its state; the options as given, to run them again; where the data came from), where its rows are and how many bytes of them the state
/// belongs to, and the run's <see cref="RunCheckpoint"/>. Written whole or not at all every few seconds while the run goes,
/// and once more when it ends, so a run killed at any moment (SIGKILL, a lost node) resumes from the last one, and a
/// finished one extends from its end.
/// </summary>
public sealed record CheckpointFile
{
    /// <summary>The layout's name and version, written first.</summary>
    public const string FormatName = "greatmodel-checkpoint-2";

    /// <summary>The layout (<see cref="FormatName"/>).</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>The tidy draws file, by name, in the checkpoint's folder (its rows are there once the run has ended).</summary>
    public required string DrawsFile { get; init; }

    /// <summary>The file the rows are written to while the run goes (<see cref="ResumableRows.PartialPath"/>), by name, in the same folder.</summary>
    public required string PartialFile { get; init; }

    /// <summary>Whether the run has ended and its rows are in <see cref="DrawsFile"/> (finished or stopped); false: in <see cref="PartialFile"/>.</summary>
    public required bool Ended { get; init; }

    /// <summary>The rows' length in bytes, header included, at <see cref="State"/>: a resumed run continues from here. Range: &gt; 0.</summary>
    public required long Bytes { get; init; }

    /// <summary>SHA-256 (hex) of those bytes: a resumed run's rows must hash the same (any change to the file is refused).</summary>
    public required string RowsSha256 { get; init; }

    /// <summary>Draws per chain in those bytes. Range: ≥ 0.</summary>
    public required int DrawsPerChain { get; init; }

    /// <summary>Where the data came from: a file's full path, or null for the built-in example.</summary>
    public required string? DataFile { get; init; }

    /// <summary>The data file's column, when one was named.</summary>
    public string? DataColumn { get; init; }

    /// <summary>A grouped run's group column (<c>--group</c>); null for an ungrouped run.</summary>
    public string? GroupColumn { get; init; }

    /// <summary>Whether each row carries log_lik.1 … log_lik.n (<c>--log-lik</c>): a resumed run's rows must too.</summary>
    public bool LogLikelihood { get; init; }

    /// <summary>With y_rep.1 … y_rep.n in each row (<c>--predictive</c>): the predictive streams and check at <see cref="State"/>; else null.</summary>
    public PointwiseCheckpoint? Predictive { get; init; }

    /// <summary>The options as run: seed filled in, backend resolved.</summary>
    public required SamplerOptions Options { get; init; }

    /// <summary>The devices it ran on (<see cref="Sampling.RunHooks.Devices"/>): a resumed run uses them again unless told otherwise; null: one device.</summary>
    public IReadOnlyList<int>? Devices { get; init; }

    /// <summary>Wall seconds between two checkpoints. Range: &gt; 0.</summary>
    public required double CheckpointSeconds { get; init; }

    /// <summary>
    /// The run's state after <see cref="RunCheckpoint.Sweeps"/> sweeps, with the run's record (<see cref="RunCheckpoint.Run"/>:
    /// version, seed, backend, the data's SHA-256, every draw-shaping setting), which a resumed run must match.
    /// </summary>
    public required RunCheckpoint State { get; init; }

    /// <summary>The checkpoint path of the draws file <paramref name="drawsPath"/>: NAME.checkpoint.json beside NAME.csv.</summary>
    public static string PathFor(string drawsPath) => Path.ChangeExtension(FilePaths.FullPath(drawsPath), ".checkpoint.json");

    /// <summary>The partial file of the draws file <paramref name="drawsPath"/>: NAME.csv.partial beside it.</summary>
    public static string PartialPathFor(string drawsPath) => FilePaths.FullPath(drawsPath) + ".partial";

    /// <summary>
    /// SHA-256 (hex) of the record's own JSON with this field empty: a checkpoint edited by hand (a state, a seed, a stream
    /// position) would continue the run with other draws, so it is refused rather than resumed.
    /// </summary>
    public string Checksum { get; init; } = "";

    /// <summary>The checksum of this record's content (<see cref="Checksum"/> left out).</summary>
    private string ContentSha256() =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            System.Text.Json.JsonSerializer.Serialize(this with { Checksum = "" }, JsonRecordFile.Options))));

    /// <summary>Writes the checkpoint to <paramref name="path"/> whole, or not at all (the previous one stays until then), with its <see cref="Checksum"/>.</summary>
    public void Write(string path) => JsonRecordFile.Write(path, this with { Checksum = ContentSha256() });

    /// <summary>Reads a checkpoint and checks its <see cref="Checksum"/>.</summary>
    /// <exception cref="InvalidInputException">The file is missing, unreadable, not a checkpoint, malformed or edited (named with the reason).</exception>
    public static CheckpointFile Read(string path)
    {
        var checkpoint = JsonRecordFile.Read<CheckpointFile>(path, "checkpoint", c => c.Format, FormatName);
        return checkpoint.Checksum == checkpoint.ContentSha256() ? checkpoint
            : throw new InvalidInputException($"{path}: its checksum does not match its content; the checkpoint was edited, and a run resumed from it would draw otherwise");
    }
}
