namespace GreatModel.Files.Input;

/// <summary>Opens an input file for reading, turning every way that fails into one line naming the file.</summary>
internal static class ReadableFile
{
    /// <param name="path">The file.</param>
    /// <param name="what">What the file should be, for messages ("data file").</param>
    /// <exception cref="InvalidInputException">The path is a folder, missing, or cannot be read.</exception>
    public static StreamReader Open(string path, string what) => new(OpenStream(path, what));

    /// <summary>
    /// Refuses what is not a regular file (a device such as /dev/zero, a pipe, a socket): an input read twice, or read whole
    /// as a record, cannot be a stream, and a device may never end. A missing path or a folder is the open's to say.
    /// </summary>
    /// <exception cref="InvalidInputException">The path names something other than a regular file.</exception>
    public static void RequireRegular(string path, string what)
    {
        var kind = FileKinds.OfTarget(path);
        if (kind is not FileKind.Regular and not FileKind.None and not FileKind.Folder)
            throw new InvalidInputException($"{path}: is {FileKinds.Describe(kind)}, not {(what[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a")} {what} (a regular file)");
    }

    /// <summary>As <see cref="Open"/>, the bytes.</summary>
    /// <exception cref="InvalidInputException">The path is a folder, missing, or cannot be read.</exception>
    public static FileStream OpenStream(string path, string what)
    {
        if (Directory.Exists(path)) throw new InvalidInputException($"{path}: is a folder, not {(what[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a")} {what}");
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidInputException($"{path}: no such file", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidInputException($"{path}: permission denied", e);
        }
        catch (IOException e)
        {
            throw CannotRead(path, e);
        }
    }

    /// <summary>A read that failed part way (an I/O error, a vanished network file), as one line.</summary>
    public static InvalidInputException CannotRead(string source, IOException e) =>
        new($"{source}: cannot be read ({AtomicFile.Reason(e, source)})", e);
}
