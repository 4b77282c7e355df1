namespace GreatModel;

/// <summary>
/// A file could not be written while a run was under way or finishing: a full disk, a folder made
/// read-only or removed, a file too large for its file system. The message names the file the run was
/// writing (never a temporary name) and the system's reason, on one line; the temporary file is gone and
/// an earlier file at that path is as it was (the CLI exits with its I/O failure code).
/// </summary>
public sealed class FileWriteException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/> with its one-line message.</summary>
    /// <param name="path">The file that was being written (its final name).</param>
    /// <param name="message">The whole explanation, on one line, naming <paramref name="path"/>.</param>
    /// <param name="inner">The system's failure.</param>
    public FileWriteException(string path, string message, Exception inner) : base(message, inner)
    {
        Path = path;
    }

    /// <summary>The file that could not be written.</summary>
    public string Path { get; }
}
