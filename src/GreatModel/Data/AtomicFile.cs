namespace GreatModel.Data;

/// <summary>
/// Writes a file so that it appears complete or not at all: into a temporary file beside it, then a
/// rename over the target. An existing file is replaced only once the new one is whole.
/// </summary>
public static class AtomicFile
{
    /// <summary>Fails early (before any sampling) when the output cannot be written where asked.</summary>
    public static string CheckWritable(string path)
    {
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
            throw new InvalidInputException($"{path}: the folder '{folder}' does not exist");
        if (Directory.Exists(full))
            throw new InvalidInputException($"{path}: is a folder, not a file");
        return full;
    }

    public static void Write(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var file = new PendingFile(path);
        write(file.Writer);
        file.Commit();
    }
}

/// <summary>
/// A file being written: <see cref="Writer"/> goes to a hidden temporary file beside the target;
/// <see cref="Commit"/> renames it into place; disposing without committing deletes it.
/// </summary>
public sealed class PendingFile : IDisposable
{
    private readonly string _temp;
    private bool _done;

    public PendingFile(string path)
    {
        Path = AtomicFile.CheckWritable(path);
        _temp = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        Writer = new StreamWriter(_temp);
    }

    /// <summary>The final path (absolute).</summary>
    public string Path { get; }

    public StreamWriter Writer { get; }

    /// <summary>The temporary file, for writers that take a path (dispose <see cref="Writer"/> first).</summary>
    public string TemporaryPath => _temp;

    public void Commit()
    {
        Writer.Dispose();
        File.Move(_temp, Path, overwrite: true);
        _done = true;
    }

    public void Dispose()
    {
        if (_done) return;
        _done = true;
        Writer.Dispose();
        File.Delete(_temp);
    }
}
