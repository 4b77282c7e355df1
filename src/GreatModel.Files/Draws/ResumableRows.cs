namespace GreatModel.Files.Draws;

/// <summary>
/// How a checkpointed run writes its tidy rows (<see cref="DrawsFileOptions.Resumable"/>): into a named partial file that
/// stays when the process is killed, locked against a second writer, with a running SHA-256 of its bytes; and, to resume,
/// where the rows so far are and what they must hash to.
/// </summary>
public sealed record ResumableRows
{
    /// <summary>The partial file (e.g. <c>draws.csv.partial</c>); committing renames it to the draws file.</summary>
    public required string PartialPath { get; init; }

    /// <summary>Resume: the rows' length at the checkpoint; what follows it in the partial file is cut off. Null: a new file. Range: ≥ 0.</summary>
    public long? ResumeAt { get; init; }

    /// <summary>Resume: SHA-256 (hex) of those <see cref="ResumeAt"/> bytes, as <see cref="DrawsFileSink.Flush"/> gave it; the rows are refused when they differ.</summary>
    public string? RowsSha256 { get; init; }

    /// <summary>
    /// Resume from a committed file (a finished or stopped run being extended): the partial file is made from this file,
    /// which must be exactly <see cref="ResumeAt"/> bytes; it stays as it is until the extension commits. Null: the partial file holds the rows.
    /// </summary>
    public string? CopyFrom { get; init; }
}
