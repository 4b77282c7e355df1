using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using GreatModel.Model;

namespace GreatModel.Data;

/// <summary>
/// Reads observations from a CSV or plain text file: one numeric column (an optional header line is
/// recognised), or the column named by <c>column</c> in a wider CSV with a header. Lines starting with
/// '#' and blank lines are skipped. Every problem is reported with file, line and value.
/// </summary>
public static class DataFileReader
{
    public static ObservedData Read(string path, string? column = null)
    {
        if (!File.Exists(path))
            throw new InvalidInputException(Directory.Exists(path) ? $"{path}: is a folder, not a data file" : $"{path}: no such file");
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            AllowComments = true,
            Comment = '#',
            IgnoreBlankLines = true,
            HasHeaderRecord = false,
            TrimOptions = TrimOptions.Trim,
            DetectDelimiter = true,
        };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, config);
        var values = new List<double>();
        int columnIndex = column is null ? 0 : -1;
        bool firstRow = true;
        try
        {
            while (csv.Read())
            {
                int line = csv.Parser.RawRow;
                var cells = csv.Parser.Record ?? [];
                if (firstRow)
                {
                    firstRow = false;
                    if (column is not null)
                    {
                        columnIndex = Array.FindIndex(cells, c => c == column);
                        if (columnIndex < 0)
                            throw new InvalidInputException($"{path}, line {line}: no column named '{column}' in the header (columns: {string.Join(", ", cells)})");
                        continue;
                    }
                    if (cells.Length > 1)
                        throw new InvalidInputException($"{path}, line {line}: {cells.Length} columns; name the one to use with --column NAME");
                    if (!LooksNumeric(cells[0])) continue; // a header line
                }
                if (columnIndex >= cells.Length)
                    throw new InvalidInputException($"{path}, line {line}: has {cells.Length} cells, no column {columnIndex + 1} ('{column}')");
                values.Add(ParseValue(cells[columnIndex], path, line));
            }
        }
        catch (CsvHelperException e)
        {
            throw new InvalidInputException($"{path}, line {csv.Parser.RawRow}: not readable as CSV ({e.GetType().Name})", e);
        }
        if (values.Count == 0)
            throw new InvalidInputException($"{path}: no observations (the file {(firstRow ? "is empty" : "has no data rows")})");
        return new ObservedData(values, path);
    }

    private static bool LooksNumeric(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static double ParseValue(string cell, string path, int line)
    {
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new InvalidInputException($"{path}, line {line}: '{cell}' is not a number");
        if (!double.IsFinite(value))
            throw new InvalidInputException($"{path}, line {line}: '{cell}' is not a finite number");
        return value;
    }
}
