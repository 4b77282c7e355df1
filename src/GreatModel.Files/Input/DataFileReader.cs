using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using nietras.SeparatedValues;
using GreatModel.Model;
using System.Runtime.CompilerServices;

namespace GreatModel.Files.Input;

/// <summary>
/// Reads observations from a CSV, TSV or plain text file: one numeric column (an optional header line is
/// recognised), or the column named by <c>column</c> in a wider file with a header. The delimiter (comma or
/// tab) is the one the first line uses; lines starting with '#' and blank lines are skipped. Every row must
/// have as many cells as the first line. Every problem is reported with file, line and value; nothing is guessed.
/// </summary>
public static partial class DataFileReader
{
    /// <summary>The path that means standard input, and the name messages give it.</summary>
    public const string StandardInputPath = "-", StandardInputName = "standard input";

    /// <summary>Reads the observations of the file at <paramref name="path"/> (<see cref="StandardInputPath"/>: standard input).</summary>
    /// <param name="path">A CSV, TSV or text file, or "-".</param>
    /// <param name="column">The column to read from a file with a header; null for a one-column file.</param>
    /// <exception cref="InvalidInputException">The file is missing, unreadable or malformed; the message names file, line and value.</exception>
    public static ObservedData Read(string path, string? column = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == StandardInputPath) return Read(StandardInput(), StandardInputName, column);
        if (Columnar(path, column, groupColumn: null) is var (values, _)) return new ObservedData(values, path);
        using var reader = ReadableFile.Open(path, "data file");
        return Read(reader, path, column);
    }

    /// <summary>A Parquet or Arrow file's values (and group labels), by the format its bytes say; null for text.</summary>
    private static (double[] Values, List<string>? Groups)? Columnar(string path, string? column, string? groupColumn) => DataFileFormats.Of(path) switch
    {
        DataFileFormat.Parquet => ParquetDataFile.Read(path, column, groupColumn),
        DataFileFormat.ArrowFile => ArrowDataFile.Read(path, isFile: true, column, groupColumn),
        DataFileFormat.ArrowStream => ArrowDataFile.Read(path, isFile: false, column, groupColumn),
        _ => null,
    };

    /// <summary>
    /// Standard input decoded as a file is (a byte-order mark says UTF-16 or UTF-32, else UTF-8): Console.In took a piped
    /// UTF-16 file as UTF-8, cells of NULs.
    /// </summary>
    private static StreamReader StandardInput() => new(Console.OpenStandardInput(), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

    /// <summary>Reads observations from <paramref name="text"/>; <paramref name="source"/> names it in messages.</summary>
    public static ObservedData Read(TextReader text, string source, string? column = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return ReadRows(text, source, column);
        }
        catch (IOException e)
        {
            throw ReadableFile.CannotRead(source, e);
        }
    }

    /// <summary>
    /// Reads long-format data: one row per observation, its group's label in column <paramref name="groupColumn"/> and its
    /// value in column <paramref name="valueColumn"/> (a header is required). Groups keep the order of their first row;
    /// each is validated on its own, its messages naming the group and its lines (e.g. <c>long.csv, group 'B' (lines 4, 9)</c>).
    /// </summary>
    /// <param name="path">The file, or "-" for standard input.</param>
    /// <param name="groupColumn">The header's name of the group column.</param>
    /// <param name="valueColumn">The header's name of the value column.</param>
    /// <returns>The groups.</returns>
    /// <exception cref="InvalidInputException">The file, a row, a cell or a group is unusable; the message names it.</exception>
    public static GroupedData ReadGrouped(string path, string groupColumn, string valueColumn)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(groupColumn);
        ArgumentNullException.ThrowIfNull(valueColumn);
        if (path == StandardInputPath) return ReadGrouped(StandardInput(), StandardInputName, groupColumn, valueColumn);
        CheckTwoColumns(path, groupColumn, valueColumn);
        if (Columnar(path, valueColumn, groupColumn) is var (values, groups))
            return Grouped(new Rows([.. values], groups, [.. Enumerable.Range(1, values.Length)]), path, groupColumn, "row");
        using var reader = ReadableFile.Open(path, "data file");
        return ReadGrouped(reader, path, groupColumn, valueColumn);
    }

    /// <summary>As <see cref="ReadGrouped(string, string, string)"/>, from <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="source">Its name in messages.</param>
    /// <param name="groupColumn">The header's name of the group column.</param>
    /// <param name="valueColumn">The header's name of the value column.</param>
    /// <returns>The groups.</returns>
    public static GroupedData ReadGrouped(TextReader text, string source, string groupColumn, string valueColumn)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        CheckTwoColumns(source, groupColumn, valueColumn);
        Rows rows;
        try
        {
            rows = ReadRows(text, source, valueColumn, groupColumn);
        }
        catch (IOException e)
        {
            throw ReadableFile.CannotRead(source, e);
        }
        return Grouped(rows, source, groupColumn, "line");
    }

    private static void CheckTwoColumns(string source, string groupColumn, string valueColumn)
    {
        if (groupColumn == valueColumn) // each value would be its own group's label
            throw new InvalidInputException($"{source}: the group column and the value column are both '{valueColumn}'; they must be two columns");
    }

    /// <summary>The rows' values split by their labels, groups in the order of their first row; <paramref name="unit"/> ("line", "row") names a row in messages.</summary>
    private static GroupedData Grouped(Rows rows, string source, string groupColumn, string unit)
    {
        var byGroup = new Dictionary<string, (List<double> Values, List<int> Lines)>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int i = 0; i < rows.Values.Count; i++)
        {
            string label = rows.Groups![i];
            if (label.Length == 0)
                throw new InvalidInputException($"{source}, {unit} {rows.Lines![i]}: the {groupColumn} cell is empty; every row needs its group");
            if (label.Any(char.IsControl))
                throw new InvalidInputException($"{source}, {unit} {rows.Lines![i]}: group '{DisplayText.Printable(label)}': {GroupedData.ControlCharacterInLabel}");
            if (!byGroup.TryGetValue(label, out var group))
            {
                byGroup[label] = group = ([], []);
                order.Add(label);
            }
            group.Values.Add(rows.Values[i]);
            group.Lines.Add(rows.Lines![i]);
        }
        return new GroupedData(order.Select(label => KeyValuePair.Create(label,
            new ObservedData(byGroup[label].Values, $"{source}, group '{label}' ({LineList(byGroup[label].Lines, unit)})"))), source);
    }

    /// <summary>"line 4", "lines 4, 9", "lines 4–9, 12 and 30 more" (or "row …"): a group's rows for a message.</summary>
    private static string LineList(List<int> lines, string unit)
    {
        var runs = new List<string>();
        int shown = 0;
        for (int i = 0; i < lines.Count && runs.Count < 3; i++)
        {
            int start = lines[i];
            while (i + 1 < lines.Count && lines[i + 1] == lines[i] + 1) i++;
            runs.Add(lines[i] == start ? $"{start}" : $"{start}–{lines[i]}");
            shown = i + 1;
        }
        string more = shown < lines.Count ? $" and {lines.Count - shown} more" : "";
        return $"{(lines.Count == 1 ? unit : unit + "s")} {string.Join(", ", runs)}{more}";
    }

    /// <summary>Rows read before the value list is sized from the file's length.</summary>
    private const int RowsBeforeSizing = 1 << 16;

    /// <summary>
    /// The rows a file holds, estimated from its length and the bytes read for its first <paramref name="rows"/> (the position
    /// includes what the readers buffered ahead, so the estimate is on the low side: 10% is added), at most what a quarter of
    /// the memory available holds: a file whose later part is comments or longer rows must not make a huge list. Too low an
    /// estimate only lets the list grow by doubling as before.
    /// </summary>
    private static int ExpectedRows(Stream file, int rows)
    {
        double bytesPerRow = Math.Max(1, file.Position) / (double)rows;
        double quarterOfMemory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4.0 / sizeof(double);
        return (int)Math.Clamp(Math.Min(file.Length / bytesPerRow * 1.1, quarterOfMemory), rows, Array.MaxLength);
    }

    /// <summary>The values read, with each one's line and group label when a group column was asked for.</summary>
    private sealed record Rows(List<double> Values, List<string>? Groups, List<int>? Lines);

    private static ObservedData ReadRows(TextReader text, string source, string? column)
    {
        var rows = ReadRows(text, source, column, group: null);
        return new ObservedData(rows.Values, source);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one long loop per file: tier-0 code would run it until on-stack replacement
    private static Rows ReadRows(TextReader text, string source, string? column, string? group)
    {
        // A file's size, when known, sizes the value list once its first rows give the bytes per row (growing it by doubling
        // copied 10⁷ values four times over and touched twice their memory).
        var file = text is StreamReader { BaseStream: { CanSeek: true } stream } ? stream : null;
        text = new LineLengthGuard(text, source);
        // The delimiter is the first line's, so read up to it and hand the parser those lines again.
        var skipped = new StringBuilder();
        string? first;
        while ((first = text.ReadLine()) is not null && (first.AsSpan().Trim(' ').IsEmpty || first.StartsWith('#')))
            skipped.Append(first).Append('\n');
        char delimiter = Delimiter(first, source, skipped.ToString().Count(c => c == '\n') + 1);
        // Cells are trimmed of spaces and, in a comma-separated file, tabs (as CsvHelper's Trim did; a tab is a TSV's delimiter).
        char[] blank = delimiter == '\t' ? [' '] : [' ', '\t'];
        using var replay = new ReplayReader(first is null ? "" : $"{skipped}{first}\n", text);
        SepReader? csv = null;
        var values = new List<double>();
        var groups = group is null ? null : new List<string>();
        var lines = group is null ? null : new List<int>();
        int columnIndex = column is null ? 0 : -1, groupIndex = -1, width = 0;
        string widthFrom = "";
        string? header = null; // a one-column file's first line, when it was taken as its header
        bool firstRow = true;
        int line = 0;
        try
        {
            // Sep: SIMD over the text, cells as spans (no string per value). It splits quote-aware; a cell's blanks and quotes
            // are taken off here (CsvCell), as CsvHelper did: blanks outside the quotes only. Opening it reads the first row.
            csv = Sep.New(delimiter).Reader(o => o with
            {
                HasHeader = false,
                DisableColCountCheck = true, // widths are checked here, with the file's line and a hint
                CultureInfo = CultureInfo.InvariantCulture,
            }).From(replay);
            foreach (var row in csv)
            {
                // Sep gives its first row's end line as its start (the first row starts on line 1, whatever it spans).
                line = line == 0 ? 1 : row.LineNumberFrom;
                var rowText = row.Span;
                // A line of spaces is blank (a line of tabs is a row of empty cells); a line starting with '#' is a comment.
                if (rowText.Trim([' ', '\r', '\n']).IsEmpty) continue;
                if (rowText[0] == '#')
                {
                    // A quote in a comment opens a quoted cell to the parser, which would take the lines after it into the
                    // comment: refused rather than dropped unseen.
                    if (row.LineNumberToExcl - line > 1)
                        throw new InvalidInputException($"{source}, line {line}: a comment with a quote (\") that is not closed runs on over the lines after it; remove the quote or close it");
                    continue;
                }
                int cells = row.ColCount;
                if (firstRow)
                {
                    firstRow = false;
                    string raw = rowText.Trim().ToString();
                    var names = new string[cells];
                    for (int i = 0; i < cells; i++) names[i] = CsvCell.Of(row[i].Span, blank).ToString();
                    width = cells;
                    widthFrom = $"line {line}";
                    if (column is not null)
                    {
                        // A one-cell first row that is a number is data, not a header: taken as one, a column named "1" was
                        // the first value, and it was dropped. (Wider headers may name columns 2019, 2020, …)
                        if (cells == 1 && LooksNumeric(names[0]))
                        {
                            throw new InvalidInputException($"{source}, line {line}: '{DisplayText.Printable(raw)}' is a number, not a header naming columns; " +
                                "a column is picked by its header's name (add a header line, or read the file as one column)", remedyOption: nameof(column));
                        }
                        columnIndex = ColumnIndex(names, column, source, line);
                        if (group is not null) groupIndex = ColumnIndex(names, group, source, line);
                        widthFrom = "the header";
                        continue;
                    }
                    if (cells > 1)
                    {
                        throw new InvalidInputException(names.All(LooksNumeric)
                            ? $"{source}, line {line}: {cells} cells ('{DisplayText.Printable(raw)}') and no header; write decimals with a point{DecimalHint(raw)}, or add a header line and pick a column by name"
                            : $"{source}, line {line}: {cells} columns; pick one by name", remedyOption: nameof(column));
                    }
                    if (!LooksNumeric(names[0]))
                    {
                        widthFrom = "the header";
                        header = raw;
                        continue;
                    }
                }
                if (cells != width)
                {
                    string raw = rowText.Trim().ToString();
                    throw new InvalidInputException($"{source}, line {line}: {cells} cells ('{DisplayText.Printable(raw)}') where {widthFrom} has {width}{WidthHint(raw, cells > width, delimiter)}");
                }
                values.Add(ParseValue(CsvCell.Of(row[columnIndex].Span, blank), source, line));
                if (values.Count == RowsBeforeSizing && file is not null) values.Capacity = ExpectedRows(file, values.Count);
                groups?.Add(CsvCell.Of(row[groupIndex].Span, blank).ToString());
                lines?.Add(line);
            }
        }
        catch (NotSupportedException e) // Sep's longest row, 16 Mi characters: lines are shorter, so a quote runs on over many
        {
            throw new InvalidInputException($"{source}, after line {Math.Max(line, 1)}: not readable as CSV (a quoted cell runs on over 16 Mi characters: a quote that is not closed?)", e);
        }
        finally
        {
            csv?.Dispose();
        }
        if (values.Count == 0 && header is not null)
            throw new InvalidInputException($"{source}: no observations (its only row, '{DisplayText.Printable(header)}', is not a number, so it was read as a header)");
        if (values.Count == 0)
            throw new InvalidInputException($"{source}: no observations (the {(source == StandardInputName ? "input" : "file")} {(firstRow ? "is empty" : "has no data rows")})");
        return new Rows(values, groups, lines);
    }

    /// <summary>Tab if the first line has tabs, else comma; a first line with both is refused.</summary>
    private static char Delimiter(string? first, string source, int line)
    {
        if (first is null) return ',';
        bool tab = HasUnquoted(first, '\t'), comma = HasUnquoted(first, ',');
        if (tab && comma)
            throw new InvalidInputException($"{source}, line {line}: mixes tabs and commas; separate the columns with one of them");
        return tab ? '\t' : ',';
    }

    private static string WidthHint(string raw, bool more, char delimiter)
    {
        if (HasUnquoted(raw, delimiter == ',' ? '\t' : ','))
            return "; tabs and commas mixed? separate the columns with one of them";
        return more && CommaBetweenDigits().IsMatch(raw) ? $"; a decimal comma? write decimals with a point{DecimalHint(raw)}" : "";
    }

    private static int ColumnIndex(string[] header, string column, string source, int line)
    {
        int index = Array.IndexOf(header, column);
        if (index < 0)
            throw new InvalidInputException($"{source}, line {line}: no column named '{DisplayText.Printable(column)}' in the header (columns: {DisplayText.Printable(string.Join(", ", header))})");
        if (Array.LastIndexOf(header, column) != index)
            throw new InvalidInputException($"{source}, line {line}: the header names column '{column}' more than once");
        return index;
    }

    /// <summary>Whether <paramref name="c"/> occurs outside double quotes (leading and trailing white space aside).</summary>
    private static bool HasUnquoted(string line, char c)
    {
        bool quoted = false;
        foreach (char ch in line.Trim())
        {
            if (ch == '"') quoted = !quoted;
            else if (ch == c && !quoted) return true;
        }
        return false;
    }

    private static bool LooksNumeric(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>
    /// A cell's number: csFastFloat (Lemire's algorithm, several times .NET's parser) first, .NET's for what it does not read
    /// whole (white space in the cell's padding, "Infinity"); both round correctly, so a number both read is the same double.
    /// </summary>
    private static double ParseValue(ReadOnlySpan<char> cell, string source, int line)
    {
        // The whole cell or nothing: csFastFloat reads a number at the cell's start and says how far it read ("2,5" is 2 and
        // ",5" left over), so a cell it did not read to its end goes to .NET's parser, which takes all or refuses.
        // Infinities and NaN (csFastFloat's "inf", "nan") also go to .NET's parser, so a cell is refused as before, by its words.
        bool fast = csFastFloat.FastDoubleParser.TryParseDouble(cell, out int consumed, out double value) && consumed == cell.Length && double.IsFinite(value);
        if (!fast && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            string text = cell.ToString();
            // A quote opened and never closed (an odd count in the cell) takes the rest of the file as one cell: say that, not
            // what the cell became.
            if (text.Count(ch => ch == '"') % 2 == 1)
                throw new InvalidInputException($"{source}, line {line}: a quote opened here is never closed (the rest of the file was read into one cell)");
            string hint = DecimalComma().IsMatch(text) ? $"; write decimals with a point{DecimalHint(text)}" : "";
            throw new InvalidInputException($"{source}, line {line}: '{DisplayText.Printable(text)}' is not a number{hint}");
        }
        if (!double.IsFinite(value))
            throw new InvalidInputException($"{source}, line {line}: '{DisplayText.Printable(cell.ToString())}' is not a finite number");
        return value;
    }

    /// <summary>" (1.5, not 1,5)" for the first digit-comma-digit in <paramref name="text"/>.</summary>
    private static string DecimalHint(string text)
    {
        var m = CommaBetweenDigits().Match(text);
        return m.Success ? $" ({m.Value.Replace(',', '.')}, not {m.Value})" : "";
    }

    [GeneratedRegex(@"^[+-]?\d+,\d+$")]
    private static partial Regex DecimalComma();

    [GeneratedRegex(@"\d+,\d+")]
    private static partial Regex CommaBetweenDigits();

    /// <summary>Serves <paramref name="prefix"/>, then the rest of <paramref name="rest"/> (which it does not own).</summary>
    private sealed class ReplayReader(string prefix, TextReader rest) : TextReader
    {
        private int _at;

        public override int Peek() => _at < prefix.Length ? prefix[_at] : rest.Peek();

        public override int Read() => _at < prefix.Length ? prefix[_at++] : rest.Read();

        public override int Read(char[] buffer, int index, int count)
        {
            if (_at >= prefix.Length) return rest.Read(buffer, index, count);
            int n = Math.Min(count, prefix.Length - _at);
            prefix.CopyTo(_at, buffer, index, n);
            _at += n;
            return n;
        }
    }
}
