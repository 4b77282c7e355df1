using System.Runtime.InteropServices;

namespace GreatModel.Files.Durability;

/// <summary>
/// Writes a folder's entries through to the disk (fsync on the folder, POSIX): after a rename into it, a power loss or a
/// lost node then keeps the new name, not the old file or none. .NET has no call for it; where the platform has no such
/// thing (Windows, whose renames are journaled), or the call fails, nothing is done: the rename itself stands.
/// </summary>
internal static partial class FolderSync
{
    private const int ReadOnly = 0;

    /// <summary>Best effort: fsync of <paramref name="folder"/>; never throws.</summary>
    public static void Flush(string folder)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())) return;
        try
        {
            int fd = Open(folder, ReadOnly);
            if (fd < 0) return;
            _ = FSync(fd);
            _ = Close(fd);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc to ask: the rename stands unflushed.
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
