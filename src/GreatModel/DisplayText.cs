namespace GreatModel;

/// <summary>
/// A file's text as error messages quote it: control characters written as \uXXXX (a NUL or an escape sequence showed as ''
/// or worse in a terminal), and cut to <see cref="MaxShown"/> characters (a cell may be megabytes long).
/// </summary>
internal static class DisplayText
{
    /// <summary>Characters of a cell or line a message shows.</summary>
    public const int MaxShown = 80;

    /// <summary><paramref name="text"/> made printable and cut to <see cref="MaxShown"/> characters, "…" marking the cut.</summary>
    /// <param name="text">Any text, or null (shown as empty).</param>
    /// <returns>The text as a message may quote it.</returns>
    public static string Printable(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        string shown = text.Length > MaxShown ? text[..MaxShown] : text;
        if (shown.Any(IsHidden)) shown = string.Concat(shown.Select(c => IsHidden(c) ? $"\\u{(int)c:X4}" : c.ToString()));
        return text.Length > MaxShown ? shown + "…" : shown;
    }

    /// <summary>A control character other than tab (which a terminal shows as space, and a message about delimiters needs).</summary>
    private static bool IsHidden(char c) => char.IsControl(c) && c != '\t';
}
