using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GreatModel.Files.Durability;

/// <summary>
/// The hidden temporary files that whole-or-nothing writes go through: <c>.NAME.&lt;32 hex digits&gt;.tmp</c>
/// beside NAME. A run removes its own on every error, and a program's signal handler can remove them with
/// <see cref="DeletePending"/>; one that was killed outright (SIGKILL, a power cut) cannot, so the next
/// run into that folder removes them (<see cref="RemoveStale"/>).
/// </summary>
public static partial class TemporaryFiles
{
    private static readonly DateTime ProcessStarted = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    /// <summary>The longest file name most file systems take, in UTF-8 bytes (ext4, XFS, APFS, NTFS's 255 UTF-16 units).</summary>
    public const int MaxNameBytes = 255;

    /// <summary>What a temporary name adds to its target's: '.', '.', 32 hex digits and ".tmp".</summary>
    private const int AddedBytes = 38;

    /// <summary>
    /// A fresh temporary path beside <paramref name="target"/> (a full path). A target name of over 217 bytes is cut in
    /// the temporary's name (on a character's boundary): whole, a legal name of 218 to 255 bytes made the temporary's too
    /// long, and the write failed after the run.
    /// </summary>
    internal static string PathFor(string target)
    {
        string name = Path.GetFileName(target);
        while (System.Text.Encoding.UTF8.GetByteCount(name) > MaxNameBytes - AddedBytes)
            name = name[..^(char.IsLowSurrogate(name[^1]) && name.Length > 1 ? 2 : 1)];
        return Path.Combine(Path.GetDirectoryName(target)!, $".{name}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>
    /// Deletes the temporary files of every write this process has under way and returns their paths: for
    /// a handler of a signal that will end the process (SIGTERM and SIGHUP end .NET at once, without
    /// running finally blocks). Those writes can no longer be committed.
    /// </summary>
    public static IReadOnlyList<string> DeletePending() => PendingFile.DeleteAll();

    /// <summary>
    /// Removes the temporary files an interrupted run left in <paramref name="folder"/> and returns their
    /// paths. Only files named as this library names them are touched, and only stale ones: written before
    /// this process started and not held open by a live run (a writer holds a lock on its temporary file).
    /// </summary>
    public static IReadOnlyList<string> RemoveStale(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder)) return [];
        var removed = new List<string>();
        foreach (string file in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            if (!OurName().IsMatch(Path.GetFileName(file)) || FileKinds.Of(file) != FileKind.Regular) continue;
            try
            {
                if (File.GetLastWriteTimeUtc(file) >= ProcessStarted) continue; // perhaps a run that started with us
                // An exclusive open fails while a live run holds the file; deleting through it leaves no window.
                using (new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
                removed.Add(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use, or not ours to remove: leave it.
            }
        }
        return removed;
    }

    [GeneratedRegex(@"^\..+\.[0-9a-f]{32}\.tmp$")]
    private static partial Regex OurName();
}
