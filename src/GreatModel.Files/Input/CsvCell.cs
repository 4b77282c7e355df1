namespace GreatModel.Files.Input;

/// <summary>
/// A CSV cell as CsvHelper read it (and as the readers here still read them since they moved to Sep, which splits the
/// text quote-aware but is given cells raw): blanks trimmed outside its quotes, then a quoted cell's quotes taken off and
/// its doubled quotes made single; what is inside the quotes is kept as it is (' a,b' stays ' a,b').
/// </summary>
internal static class CsvCell
{
    /// <summary>Spaces and tabs: what a comma-separated file's cells are trimmed of.</summary>
    public static readonly char[] Blanks = [' ', '\t'];

    /// <summary>The cell's text from its raw characters <paramref name="raw"/>, trimmed of <paramref name="blank"/> outside its quotes.</summary>
    public static ReadOnlySpan<char> Of(ReadOnlySpan<char> raw, ReadOnlySpan<char> blank)
    {
        var cell = raw.Trim(blank);
        if (cell.Length < 2 || cell[0] != '"' || cell[^1] != '"') return cell;
        var inside = cell[1..^1];
        return inside.Contains('"') ? inside.ToString().Replace("\"\"", "\"", StringComparison.Ordinal) : inside;
    }
}
