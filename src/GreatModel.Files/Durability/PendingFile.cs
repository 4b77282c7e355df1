using System.Globalization;
using System.Security.Cryptography;
using System.Collections.Concurrent;

namespace GreatModel.Files.Durability;

/// <summary>
/// A file being written: <see cref="Writer"/> goes to a hidden temporary file beside the target;
/// <see cref="Commit"/> renames it into place; disposing without committing deletes it, and so does
/// <see cref="DeleteAll"/> (for a signal that ends the process without running its finally blocks).
/// </summary>
internal sealed class PendingFile : IDisposable
{
    /// <summary>The temporary files not yet committed or deleted.</summary>
    private static readonly ConcurrentDictionary<PendingFile, byte> Pending = new();

    private bool _closed, _done;

    /// <summary>Deletes the temporary file of every write under way; those writes can no longer be committed.</summary>
    public static IReadOnlyList<string> DeleteAll()
    {
        var deleted = new List<string>();
        foreach (var file in Pending.Keys)
        {
            file._done = true;
            Pending.TryRemove(file, out _);
            if (TryDelete(file.TemporaryPath)) deleted.Add(file.TemporaryPath);
        }
        return deleted;
    }

    /// <exception cref="InvalidInputException">The target's folder is missing, or the target is not a regular file.</exception>
    /// <exception cref="FileWriteException">The temporary file cannot be created.</exception>
    public PendingFile(string path) : this(path, resumable: null)
    {
    }

    /// <summary>
    /// As <see cref="PendingFile(string)"/>, or, with <paramref name="resumable"/>, a checkpointed write: the rows go to its
    /// named partial file, locked against a second writer and kept when the process ends without committing (a killed run's
    /// checkpoint resumes from it), their bytes hashed as they are written; to resume, the rows so far are checked against
    /// the checkpoint's length and SHA-256 (in the partial file, or copied from a committed one) and continued.
    /// </summary>
    /// <exception cref="InvalidInputException">
    /// The target's folder is missing or a path is not a regular file; another run is writing the partial file; or the rows
    /// to resume are not those the checkpoint recorded (shorter, longer or altered).
    /// </exception>
    /// <exception cref="FileWriteException">The file cannot be created or opened.</exception>
    public PendingFile(string path, ResumableRows? resumable)
    {
        Path = AtomicFile.CheckTarget(path);
        TemporaryPath = resumable is null ? TemporaryFiles.PathFor(Path) : AtomicFile.CheckTarget(resumable.PartialPath);
        _kept = resumable is not null;
        try
        {
            Writer = resumable is null ? new StreamWriter(TemporaryPath) : new StreamWriter(OpenPartial(resumable));
        }
        catch (Exception e) when (AtomicFile.IsFileFailure(e))
        {
            throw Failed(e);
        }
        if (!_kept) Pending[this] = 0;
    }

    /// <summary>The partial file, locked, holding exactly the rows to continue (none for a new run), hashed; positioned at its end.</summary>
    private HashingWriteStream OpenPartial(ResumableRows rows)
    {
        FileStream file;
        try
        {
            // OpenOrCreate, not Create: nothing is cut before the lock is held (on Unix an exclusive flock), so a second run
            // into the same --out is refused here instead of truncating the first's rows under it.
            file = new FileStream(TemporaryPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e.HResult is SharingViolation or WouldBlock)
        {
            throw new InvalidInputException($"{TemporaryPath}: another run is writing it (two runs into one draws file?); wait for it, or write the draws elsewhere");
        }
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            if (rows.ResumeAt is not { } at)
            {
                file.SetLength(0);
            }
            else if (rows.CopyFrom is { } committed)
            {
                file.SetLength(0);
                using var source = ReadableFile.OpenStream(committed, "draws file");
                if (source.Length != at)
                    throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                        $"{committed}: {source.Length} bytes, but its checkpoint recorded {at}; the file was changed or replaced since, so the run cannot be extended from it"));
                CopyHashed(source, file, at, hash);
            }
            else
            {
                if (file.Length < at)
                    throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                        $"{TemporaryPath}: {file.Length} bytes, shorter than the {at} its checkpoint wrote; it was altered, and cannot be resumed"));
                CopyHashed(file, null, at, hash);
                file.SetLength(at); // rows written after the checkpoint are drawn again from its state
            }
            string sha = Convert.ToHexStringLower(hash.GetCurrentHash());
            if (rows.RowsSha256 is { } expected && !string.Equals(sha, expected, StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException($"{rows.CopyFrom ?? TemporaryPath}: its first {rows.ResumeAt} bytes are not the rows its checkpoint recorded (SHA-256 differs); it was altered, and cannot be resumed");
            file.Seek(0, SeekOrigin.End);
            return new HashingWriteStream(file, hash);
        }
        catch
        {
            file.Dispose();
            hash.Dispose();
            if (rows.CopyFrom is not null) TryDelete(TemporaryPath); // a copy of committed rows, refused: nothing of anyone's
            throw;
        }
    }

    /// <summary>Feeds the first <paramref name="count"/> bytes of <paramref name="source"/> (from its start) to <paramref name="hash"/>, and to <paramref name="target"/> when given.</summary>
    private static void CopyHashed(FileStream source, FileStream? target, long count, IncrementalHash hash)
    {
        source.Seek(0, SeekOrigin.Begin);
        var buffer = new byte[1 << 20];
        for (long left = count; left > 0;)
        {
            int read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) throw new EndOfStreamException();
            hash.AppendData(buffer, 0, read);
            target?.Write(buffer, 0, read);
            left -= read;
        }
    }

    /// <summary>The HResult .NET gives an open refused by another process's lock (ERROR_SHARING_VIOLATION).</summary>
    private const int SharingViolation = unchecked((int)0x80070020);

    /// <summary>The HResult .NET on Linux gives the same refusal: the lock's errno, EWOULDBLOCK.</summary>
    private const int WouldBlock = 11;

    /// <summary>Whether the file is a checkpointed run's named partial file, kept when the write is not committed.</summary>
    private readonly bool _kept;

    /// <summary>Writes everything so far through to the disk (fsync) and returns the rows' length and SHA-256: a point a checkpoint can resume from.</summary>
    /// <exception cref="InvalidOperationException">Not a checkpointed write.</exception>
    /// <exception cref="FileWriteException">The disk refused it (e.g. full).</exception>
    public FlushedRows Flush()
    {
        if (Writer.BaseStream is not HashingWriteStream rows) throw new InvalidOperationException("only a checkpointed write's rows are flushed for a checkpoint");
        try
        {
            Writer.Flush();
            rows.File.Flush(flushToDisk: true);
            return new FlushedRows(rows.File.Length, rows.CurrentSha256);
        }
        catch (Exception e) when (AtomicFile.IsFileFailure(e))
        {
            throw Failed(e);
        }
    }

    /// <summary>The final path (absolute).</summary>
    public string Path { get; }

    public StreamWriter Writer { get; }

    /// <summary>The temporary file, for writers that take a path (call <see cref="Close"/> first).</summary>
    public string TemporaryPath { get; }

    /// <summary>The one-line failure of writing this file, naming <see cref="Path"/>.</summary>
    public FileWriteException Failed(Exception e) => AtomicFile.WriteFailed(Path, TemporaryPath, e);

    /// <summary>Flushes and closes the temporary file, which stays until <see cref="Commit"/> or <see cref="Dispose"/>.</summary>
    /// <exception cref="FileWriteException">The last of the file could not be written (e.g. the disk is full).</exception>
    public void Close()
    {
        if (_closed) return;
        _closed = true;
        try
        {
            // Through to the disk before the rename: after a power loss the file is then whole or the old one, never empty.
            Writer.Flush();
            if (Writer.BaseStream is FileStream file) file.Flush(flushToDisk: true);
            else if (Writer.BaseStream is HashingWriteStream rows) rows.File.Flush(flushToDisk: true);
            Writer.Dispose();
        }
        catch (Exception e) when (AtomicFile.IsFileFailure(e))
        {
            throw Failed(e);
        }
    }

    /// <summary>Closes the temporary file and renames it over the target (which must still be absent or a regular file).</summary>
    public void Commit()
    {
        Close();
        AtomicFile.CheckTarget(Path);
        try
        {
            File.Move(TemporaryPath, Path, overwrite: true);
        }
        catch (Exception e) when (AtomicFile.IsFileFailure(e))
        {
            throw Failed(e);
        }
        _done = true;
        Pending.TryRemove(this, out _);
        FolderSync.Flush(System.IO.Path.GetDirectoryName(Path)!); // the new name, too, through to the disk
    }

    public void Dispose()
    {
        if (_done) return;
        _done = true;
        _closed = true;
        try
        {
            Writer.Dispose();
        }
        catch (Exception e) when (AtomicFile.IsFileFailure(e))
        {
            // Already failing (a full disk): the temporary file goes all the same.
        }
        if (_kept) return; // a checkpointed run's rows: its checkpoint resumes from them
        TryDelete(TemporaryPath);
        Pending.TryRemove(this, out _);
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (AtomicFile.IsFileFailure(e))
        {
            return false; // the folder went away or became read-only: nothing more can be done here
        }
    }
}
