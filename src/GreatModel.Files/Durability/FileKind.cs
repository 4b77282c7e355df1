namespace GreatModel.Files.Durability;

/// <summary>What a path names, without following a symbolic link at its end.</summary>
internal enum FileKind
{
    /// <summary>Nothing is there.</summary>
    None,
    /// <summary>A regular file (or, where the system cannot tell devices apart, any file that is not a folder or link).</summary>
    Regular,
    /// <summary>A folder.</summary>
    Folder,
    /// <summary>A symbolic link (dangling or not).</summary>
    SymbolicLink,
    /// <summary>A character device such as /dev/null.</summary>
    CharacterDevice,
    /// <summary>A block device such as a disk.</summary>
    BlockDevice,
    /// <summary>A named pipe.</summary>
    Fifo,
    /// <summary>A Unix domain socket.</summary>
    Socket,
}
