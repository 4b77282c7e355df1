namespace GreatModel.Files.Draws;

/// <summary>A checkpointed draws file's rows written through to the disk (<see cref="DrawsFileSink.Flush"/>): their length and SHA-256.</summary>
/// <param name="Bytes">The rows' length, header included. Range: ≥ 0.</param>
/// <param name="Sha256">SHA-256 (hex) of those bytes: a resumed run checks its rows against it.</param>
public readonly record struct FlushedRows(long Bytes, string Sha256);
