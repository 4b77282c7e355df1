namespace GreatModel.Data;

/// <summary>
/// Writes a file so that it appears complete or not at all: into a temporary file beside it, then a
/// rename over the target. An existing file is replaced only once the new one is whole.
/// </summary>
public static class AtomicFile
{
    /// <summary>Fails early (before any sampling) when the output cannot be written where asked; returns the absolute path.</summary>
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

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; the file appears only once whole.</summary>
    public static void Write(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var file = new PendingFile(path);
        write(file.Writer);
        file.Commit();
    }

    /// <summary>
    /// For writers that take a path (e.g. a plotting library): <paramref name="write"/> gets a temporary
    /// path beside <paramref name="path"/>, renamed into place once it returns; on failure it is deleted.
    /// </summary>
    public static void WriteToPath(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var file = new PendingFile(path);
        file.Writer.Dispose(); // the caller writes the temporary path itself
        write(file.TemporaryPath);
        file.Commit();
    }
}
