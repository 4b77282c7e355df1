namespace GreatModel.Files.Durability;

/// <summary>
/// Where a path really leads, so that two spellings of one file are seen as one: the full path with
/// <c>.</c> and <c>..</c> taken as the system takes them and every symbolic link resolved, as far as the
/// path exists (the part that does not exist yet is kept as written).
/// </summary>
public static partial class FilePaths
{
    /// <summary>Links followed in one path before giving up (the system's own limit is 40).</summary>
    private const int MaxLinks = 40;

    /// <summary>Names compare exactly on Linux, ignoring case where the file system usually does (Windows, macOS).</summary>
    public static StringComparison Comparison { get; } = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>The full path of <paramref name="path"/> with its links resolved where they exist.</summary>
    public static string Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.IsPathRooted(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path);
        int links = 0;
        return Resolve(full, ref links);
    }

    /// <summary>
    /// <see cref="Path.GetFullPath(string)"/> as the system reads the path: its folder part with a <c>..</c> taken after any link
    /// in front of it (<c>lnk/../x.csv</c>, lnk a link to sub/deep, is sub/x.csv, where the text's reading is ./x.csv: a file
    /// the user never named was written, and the check that an output is not the input missed it), its last name as
    /// written (a link there stays one, for the callers that refuse to write through it). A path with no <c>..</c> is the
    /// text's full path, unchanged.
    /// </summary>
    /// <param name="path">A file or folder path, relative to the current folder or rooted.</param>
    /// <returns>The full path.</returns>
    public static string FullPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        var parts = path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]);
        if (!parts.Contains("..")) return full; // without a step up, the text and the system name the same file
        string trimmed = Path.TrimEndingDirectorySeparator(path);
        string name = Path.GetFileName(trimmed);
        if (name is "" or "." or "..") return Resolve(trimmed);
        string folder = Path.GetDirectoryName(trimmed) is { Length: > 0 } d ? d : ".";
        return Path.Combine(Resolve(folder), name);
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> lead to the same place.</summary>
    public static bool Same(string a, string b) => string.Equals(Resolve(a), Resolve(b), Comparison);

    private static string Resolve(string full, ref int links)
    {
        string root = Path.GetPathRoot(full) ?? "";
        string current = Path.GetFullPath(root);
        string[] parts = full[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i] == ".") continue;
            if (parts[i] == "..")
            {
                current = Path.GetDirectoryName(current) ?? current; // the parent of what the path has really reached
                continue;
            }
            string next = Path.Combine(current, parts[i]);
            string? target = new FileInfo(next).LinkTarget;
            if (target is not null && links++ < MaxLinks)
            {
                string rest = string.Join(Path.DirectorySeparatorChar, parts[(i + 1)..]);
                string linked = Path.IsPathRooted(target) ? target : Path.Combine(current, target);
                return Resolve(rest.Length == 0 ? linked : Path.Combine(linked, rest), ref links);
            }
            current = next;
        }
        return current;
    }

    /// <summary>
    /// <paramref name="label"/> as a file or folder name on any system: every character other than a letter or digit (of any
    /// script: labels in Chinese or Cyrillic all became '_' and collided), a combining mark, '.', '-' or '_' written as '_',
    /// and a leading '.' too (a group's CmdStan files and plot folder are named so; labels
    /// such as "..", ".hidden" or "../x" gave hidden files that `ls` and a *.csv glob miss).
    /// </summary>
    /// <param name="label">A group's label. Range: non-empty.</param>
    /// <returns>The name.</returns>
    public static string SafeName(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        string name = UnsafeCharacter().Replace(label, "_");
        return name.StartsWith('.') ? "_" + name[1..] : name;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[^\p{L}\p{M}\p{Nd}._-]")]
    private static partial System.Text.RegularExpressions.Regex UnsafeCharacter();
}
