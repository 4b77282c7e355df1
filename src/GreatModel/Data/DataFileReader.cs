using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using GreatModel.Model;

namespace GreatModel.Data;

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
        if (path == StandardInputPath) return Read(Console.In, StandardInputName, column);
        using var reader = ReadableFile.Open(path, "data file");
        return Read(reader, path, column);
    }

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

    private static ObservedData ReadRows(TextReader text, string source, string? column)
    {
        // The delimiter is the first line's, so read up to it and hand CsvHelper those lines again.
        var skipped = new StringBuilder();
        string? first;
        while ((first = text.ReadLine()) is not null && (first.Length == 0 || first.StartsWith('#')))
            skipped.Append(first).Append('\n');
        char delimiter = Delimiter(first, source, skipped.ToString().Count(c => c == '\n') + 1);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            AllowComments = true,
            Comment = '#',
            IgnoreBlankLines = true,
            HasHeaderRecord = false,
            TrimOptions = TrimOptions.Trim,
            Delimiter = delimiter.ToString(),
        };
        using var replay = new ReplayReader(first is null ? "" : $"{skipped}{first}\n", text);
        using var csv = new CsvReader(replay, config);
        var values = new List<double>();
        int columnIndex = column is null ? 0 : -1, width = 0;
        string widthFrom = "";
        bool firstRow = true;
        try
        {
            while (csv.Read())
            {
                string raw = csv.Parser.RawRecord.Trim();
                int line = csv.Parser.RawRow - raw.Count(c => c == '\n'); // where a record with a quoted line break starts
                var cells = csv.Parser.Record ?? [];
                if (firstRow)
                {
                    firstRow = false;
                    width = cells.Length;
                    widthFrom = $"line {line}";
                    if (column is not null)
                    {
                        columnIndex = ColumnIndex(cells, column, source, line);
                        widthFrom = "the header";
                        continue;
                    }
                    if (cells.Length > 1)
                    {
                        throw new InvalidInputException(cells.All(LooksNumeric)
                            ? $"{source}, line {line}: {cells.Length} cells ('{raw}') and no header; write decimals with a point{DecimalHint(raw)}, or add a header line and pick a column by name"
                            : $"{source}, line {line}: {cells.Length} columns; pick one by name", remedyOption: nameof(column));
                    }
                    if (!LooksNumeric(cells[0]))
                    {
                        widthFrom = "the header";
                        continue;
                    }
                }
                if (cells.Length != width)
                    throw new InvalidInputException($"{source}, line {line}: {cells.Length} cells ('{raw}') where {widthFrom} has {width}{WidthHint(raw, cells.Length > width, delimiter)}");
                values.Add(ParseValue(cells[columnIndex], source, line));
            }
        }
        catch (CsvHelperException e)
        {
            string why = e is BadDataException ? "a quote inside an unquoted cell, or one not closed" : e.GetType().Name;
            throw new InvalidInputException($"{source}, line {csv.Parser.RawRow}: not readable as CSV ({why})", e);
        }
        if (values.Count == 0)
            throw new InvalidInputException($"{source}: no observations (the {(source == StandardInputName ? "input" : "file")} {(firstRow ? "is empty" : "has no data rows")})");
        return new ObservedData(values, source);
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
            throw new InvalidInputException($"{source}, line {line}: no column named '{column}' in the header (columns: {string.Join(", ", header)})");
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

    private static double ParseValue(string cell, string source, int line)
    {
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            string hint = DecimalComma().IsMatch(cell) ? $"; write decimals with a point{DecimalHint(cell)}" : "";
            throw new InvalidInputException($"{source}, line {line}: '{cell}' is not a number{hint}");
        }
        if (!double.IsFinite(value))
            throw new InvalidInputException($"{source}, line {line}: '{cell}' is not a finite number");
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
