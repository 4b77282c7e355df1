using System.Runtime.InteropServices;

namespace GreatModel.Files.Durability;

/// <summary>
/// Tells regular files from links, folders, devices, pipes and sockets. .NET reports devices and pipes as
/// ordinary files, so on Linux the type comes from <c>statx</c> (whose layout is the same on every
/// architecture); elsewhere links and folders are told apart and, on Windows, devices.
/// </summary>
internal static partial class FileKinds
{
    private const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28, BufferSize = 256;
    private const int TypeMask = 0xF000;

    /// <summary>What <paramref name="path"/> names; a link at its end is reported, not followed.</summary>
    public static FileKind Of(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return FileKind.SymbolicLink;
        if (Directory.Exists(path)) return FileKind.Folder;
        if (!info.Exists) return FileKind.None;
        if (OperatingSystem.IsWindows())
            return info.Attributes.HasFlag(FileAttributes.Device) ? FileKind.CharacterDevice : FileKind.Regular;
        return OperatingSystem.IsLinux() && TypeBits(path) is { } type ? type switch
        {
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x4000 => FileKind.Folder,
            0x6000 => FileKind.BlockDevice,
            0xA000 => FileKind.SymbolicLink,
            0xC000 => FileKind.Socket,
            _ => FileKind.Regular,
        } : FileKind.Regular;
    }

    /// <summary>What <paramref name="path"/> leads to, links followed (a link that leads nowhere: <see cref="FileKind.None"/>).</summary>
    public static FileKind OfTarget(string path)
    {
        try
        {
            return Of(File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path);
        }
        catch (IOException)
        {
            return FileKind.None; // a loop of links
        }
    }

    /// <summary>A phrase for messages: "a character device".</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Folder => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Fifo => "a named pipe",
        FileKind.Socket => "a socket",
        _ => "nothing",
    };

    /// <summary>The S_IFMT bits of the file's mode, or null when statx is not available.</summary>
    private static unsafe int? TypeBits(string path)
    {
        byte* buffer = stackalloc byte[BufferSize];
        try
        {
            if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        if ((*(uint*)buffer & StatxType) == 0) return null;
        return *(ushort*)(buffer + ModeOffset) & TypeMask;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
