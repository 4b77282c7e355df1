using System.Collections.Concurrent;

namespace GreatModel.Data;

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
    public PendingFile(string path) : this(path, partialPath: null, resumeAt: null)
    {
    }

    /// <summary>
    /// As <see cref="PendingFile(string)"/>, or, with <paramref name="partialPath"/>, a checkpointed write: the rows go to that
    /// named file, which stays when the process ends without committing (a killed run's checkpoint resumes from it), and with
    /// <paramref name="resumeAt"/> it is continued from that byte (a checkpoint's <see cref="Flush"/>), anything after cut off.
    /// </summary>
    /// <exception cref="InvalidInputException">The target's folder is missing, the target is not a regular file, or the partial file is shorter than <paramref name="resumeAt"/>.</exception>
    /// <exception cref="FileWriteException">The file cannot be created or opened.</exception>
    public PendingFile(string path, string? partialPath, long? resumeAt)
    {
        Path = AtomicFile.CheckTarget(path);
        TemporaryPath = partialPath is null ? TemporaryFiles.PathFor(Path) : AtomicFile.CheckTarget(partialPath);
        _kept = partialPath is not null;
        try
        {
            var stream = new FileStream(TemporaryPath, resumeAt is null ? FileMode.Create : FileMode.Open, FileAccess.Write, FileShare.Read);
            if (resumeAt is { } at)
            {
                if (stream.Length < at)
                {
                    stream.Dispose();
                    throw new InvalidInputException($"{TemporaryPath}: {stream.Length} bytes, shorter than the {at} its checkpoint wrote; it was altered, and cannot be resumed");
                }
                stream.SetLength(at); // rows written after the checkpoint were drawn again from its state
                stream.Seek(at, SeekOrigin.Begin);
            }
            Writer = new StreamWriter(stream);
        }
        catch (Exception e) when (AtomicFile.IsFileFailure(e))
        {
            throw Failed(e);
        }
        if (!_kept) Pending[this] = 0;
    }

    /// <summary>Whether the file is a checkpointed run's named partial file, kept when the write is not committed.</summary>
    private readonly bool _kept;

    /// <summary>Writes everything so far through to the disk (fsync) and returns the file's length: a point a checkpoint can resume from.</summary>
    /// <exception cref="FileWriteException">The disk refused it (e.g. full).</exception>
    public long Flush()
    {
        try
        {
            Writer.Flush();
            var stream = (FileStream)Writer.BaseStream;
            stream.Flush(flushToDisk: true);
            return stream.Length;
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
