using System.Text.RegularExpressions;

namespace GreatModel.Files.Durability;

/// <summary>
/// Writes a file so that it appears complete or not at all: into a temporary file beside it, then a
/// rename over the target. An existing file is replaced only once the new one is whole, and only a
/// regular file is ever replaced: never a folder, a symbolic link, a device, a pipe or a socket.
/// </summary>
public static partial class AtomicFile
{
    /// <summary>
    /// Fails early (before any sampling) when <paramref name="path"/> cannot be an output file: its folder
    /// is missing or not writable (a file is created and deleted there to find out), or the path names
    /// something other than a regular file. Returns the absolute path.
    /// </summary>
    /// <param name="path">The output file.</param>
    /// <param name="option">The option or argument that named it (as in C#, e.g. <c>Out</c>), for the error's remedy.</param>
    /// <exception cref="InvalidInputException">The path cannot be written; the message names it and why.</exception>
    public static string CheckWritable(string path, string? option = null)
    {
        string full = CheckTarget(path, option);
        ProbeFolder(Path.GetDirectoryName(full)!, path, option);
        return full;
    }

    /// <summary>
    /// Fails when files cannot be created in <paramref name="folder"/> (read-only, no permission, not a
    /// real folder): a temporary file is created there and deleted.
    /// </summary>
    /// <param name="folder">The folder to probe.</param>
    /// <param name="path">The path the user gave, named in the message.</param>
    /// <param name="option">The option or argument that named it, for the error's remedy.</param>
    /// <exception cref="InvalidInputException">Nothing can be written there.</exception>
    public static void ProbeFolder(string folder, string path, string? option = null)
    {
        string probe = TemporaryFiles.PathFor(Path.Combine(folder, "greatmodel-probe"));
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (IsFileFailure(e))
        {
            throw Refused($"{path}: cannot write in the folder '{folder}': {Reason(e, probe)}", option);
        }
    }

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; the file appears only once whole.</summary>
    /// <exception cref="FileWriteException">The file could not be written; no temporary file is left.</exception>
    public static void Write(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var file = new PendingFile(path);
        try
        {
            write(file.Writer);
        }
        catch (Exception e) when (IsFileFailure(e))
        {
            throw file.Failed(e);
        }
        file.Commit();
    }

    /// <summary>
    /// For writers that take a path (e.g. a plotting library): <paramref name="write"/> gets a temporary
    /// path beside <paramref name="path"/>, renamed into place once it returns; on failure it is deleted.
    /// </summary>
    /// <exception cref="FileWriteException">The file could not be written; no temporary file is left.</exception>
    public static void WriteToPath(string path, Action<string> write) => WriteSetToPaths([(path, write)]);

    /// <summary>
    /// <see cref="WriteToPath"/> for a set of files that belong together (a run's plots): every file is
    /// written to its temporary path first, and only when all are whole are they renamed into place, so a
    /// failure (a full disk) leaves the earlier set as it was rather than a mix of two runs.
    /// </summary>
    /// <exception cref="FileWriteException">A file could not be written; no temporary file is left and no target was replaced (the renames themselves, within one folder, are not expected to fail; if one did, the files before it would be the new ones).</exception>
    public static void WriteSetToPaths(IReadOnlyList<(string Path, Action<string> Write)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var pending = new List<PendingFile>();
        try
        {
            foreach (var (path, write) in files)
            {
                var file = new PendingFile(path);
                pending.Add(file);
                file.Close(); // the caller writes the temporary path itself
                try
                {
                    write(file.TemporaryPath);
                }
                catch (Exception e) when (IsFileFailure(e))
                {
                    throw file.Failed(e);
                }
            }
            foreach (var file in pending) file.Commit();
        }
        finally
        {
            foreach (var file in pending) file.Dispose(); // deletes what was not committed
        }
    }

    /// <summary>
    /// The checks that need no writing: the folder exists, and the path is absent or a regular file (not a
    /// folder, a link, a device, a pipe or a socket, which a rename would replace). Returns the absolute path.
    /// </summary>
    internal static string CheckTarget(string path, string? option = null)
    {
        string full = FilePaths.FullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is null || Path.EndsInDirectorySeparator(path))
            throw Refused($"{path}: names a folder, not a file", option);
        var folderKind = FileKinds.Of(folder);
        if (folderKind is FileKind.Regular or FileKind.CharacterDevice or FileKind.BlockDevice or FileKind.Fifo or FileKind.Socket)
            throw Refused($"{path}: '{folder}' is {FileKinds.Describe(folderKind)}, not a folder", option);
        if (!Directory.Exists(folder))
            throw Refused($"{path}: the folder '{folder}' does not exist", option);
        var kind = FileKinds.Of(full);
        return kind switch
        {
            FileKind.None or FileKind.Regular => full,
            FileKind.Folder => throw Refused($"{path}: is a folder, not a file", option),
            FileKind.SymbolicLink => throw Refused(
                $"{path}: is a symbolic link (to {new FileInfo(full).LinkTarget}); only regular files are written, so give the file's own path or another name", option),
            _ => throw Refused($"{path}: is {FileKinds.Describe(kind)}, not a regular file; only regular files are written", option),
        };
    }

    /// <summary>Whether <paramref name="e"/> is the system failing a file operation (not a bug).</summary>
    internal static bool IsFileFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException
        // .NET reports EFBIG (the file system's or the process's file size limit) as an argument out of range.
        || (e is ArgumentOutOfRangeException && e is not OptionOutOfRangeException && e.TargetSite?.DeclaringType?.Namespace == "System.IO");

    /// <summary>The failure of writing <paramref name="path"/> (through <paramref name="temporary"/>), as one line naming the file.</summary>
    internal static FileWriteException WriteFailed(string path, string temporary, Exception e) =>
        new(path, $"{path}: could not be written ({Reason(e, temporary)}); an earlier file there is unchanged", e);

    /// <summary>The system's reason, on one line, without the path .NET appends (a temporary path is never shown).</summary>
    internal static string Reason(Exception e, string temporary)
    {
        if (e is UnauthorizedAccessException) return "permission denied";
        if (e is DirectoryNotFoundException) return "the folder no longer exists";
        if (e is FileNotFoundException) return "the file system takes no new files there";
        if (e is ArgumentOutOfRangeException) return "file too large: over the file system's or the process's file size limit"; // EFBIG
        string message = PathSuffix().Replace(e.Message.Replace(temporary, Path.GetFileName(temporary), StringComparison.Ordinal), "");
        return message.ReplaceLineEndings(" ").TrimEnd('.', ' ');
    }

    private static InvalidInputException Refused(string message, string? option) =>
        option is null ? new InvalidInputException(message) : new InvalidInputException(message, option);

    [GeneratedRegex(@"\s*:\s*'[^']*'\s*\.?$")]
    private static partial Regex PathSuffix();
}
