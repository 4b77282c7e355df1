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
        string full = CheckWritable(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new StreamWriter(temp))
                write(writer);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
