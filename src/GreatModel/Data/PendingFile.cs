namespace GreatModel.Data;

/// <summary>
/// A file being written: <see cref="Writer"/> goes to a hidden temporary file beside the target;
/// <see cref="Commit"/> renames it into place; disposing without committing deletes it.
/// </summary>
internal sealed class PendingFile : IDisposable
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
