using GreatModel.Files.Durability;
namespace GreatModel.Cli.Commands;

/// <summary>
/// The outputs this process is writing, each claimed by an exclusive lock on a file beside it (<c>.NAME.lock</c>) from the
/// moment its command checked them (<see cref="OutputPlan.Check"/>) until the process ends: a second command writing any of
/// the same files meanwhile is refused before it samples. Two fits into one <c>--out</c> at once both said "draws written"
/// while the file held one of the runs (each wrote its own temporary and renamed it over the other's). The lock is the
/// operating system's (flock on Unix, a share mode on Windows), so a killed run holds nothing: its lock file is taken over by
/// the next run and removed when that one ends. A folder option (plots) is not claimed: it is written after the draws, which are.
/// </summary>
internal static class OutputLocks
{
    private static readonly List<(FileStream Stream, string Path)> Held = [];
    private static readonly HashSet<string> HeldPaths = new(FilePathsComparer());

    private static StringComparer FilePathsComparer() =>
        FilePaths.Comparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    /// <summary>The lock file of output <paramref name="path"/>: <c>.NAME.lock</c> in its folder.</summary>
    public static string LockPathOf(string path)
    {
        string full = FilePaths.FullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.lock");
    }

    /// <summary>Claims <paramref name="path"/> (named in messages as <paramref name="described"/>) for this process, or refuses.</summary>
    /// <exception cref="InvalidInputException">Another live process holds the output's lock.</exception>
    public static void Claim(string path, string described)
    {
        string lockPath = LockPathOf(path);
        lock (Held)
        {
            if (!HeldPaths.Add(lockPath)) return; // this process's own (a resumed run checks its outputs twice)
            try
            {
                Held.Add((Locked(lockPath), lockPath));
            }
            catch (IOException) when (File.Exists(lockPath))
            {
                HeldPaths.Remove(lockPath);
                throw new InvalidInputException($"{described}: another greatmodel command is writing it now ({lockPath} is locked); wait for it to finish, or give another name");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                HeldPaths.Remove(lockPath);
                throw new InvalidInputException($"{described}: cannot claim it for this run ({lockPath}: {e.Message})");
            }
        }
    }

    /// <summary>
    /// The lock file at <paramref name="lockPath"/>, opened and locked. A holder that ends deletes its lock file before it
    /// unlocks it, so an opener that came in between may hold a file no longer at the path while a third locks a new one: the
    /// lock is taken again until the file held is the one at the path (Linux says so in /proc/self/fd: "(deleted)"). Not
    /// FileOptions.DeleteOnClose: a refused open would delete, by its path, the lock file another run holds.
    /// </summary>
    private static FileStream Locked(string lockPath)
    {
        for (int attempt = 0; ; attempt++)
        {
            var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            if (!OperatingSystem.IsLinux() || attempt == 3) return stream;
            string? held = new FileInfo($"/proc/self/fd/{stream.SafeFileHandle.DangerousGetHandle()}").LinkTarget;
            if (held is null || !held.EndsWith(" (deleted)", StringComparison.Ordinal)) return stream;
            stream.Dispose();
        }
    }

    /// <summary>Releases every claim (the lock files go with them); called when the command ends, however it ends.</summary>
    public static void ReleaseAll()
    {
        lock (Held)
        {
            foreach (var (stream, path) in Held)
            {
                try
                {
                    File.Delete(path); // while still locked: a run that opens it meanwhile finds it gone once it gets the lock
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Left behind: it blocks nothing once unlocked.
                }
                stream.Dispose();
            }
            Held.Clear();
            HeldPaths.Clear();
        }
    }
}
