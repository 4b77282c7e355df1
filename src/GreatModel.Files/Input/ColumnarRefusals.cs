using System.Globalization;

namespace GreatModel.Files.Input;

/// <summary>
/// The refusals the columnar readers (<see cref="ParquetDataFile"/>, <see cref="ArrowDataFile"/>) share, worded once: each
/// names the file, the column and, for a cell, its row (from 1, over the whole file), as the CSV reader names its lines.
/// </summary>
internal static class ColumnarRefusals
{
    /// <summary>The file could not be decoded (corrupt, truncated, an encoding the library lacks).</summary>
    public static InvalidInputException Unreadable(string path, string format, Exception e) =>
        new($"{path}: not readable as {format} ({e.Message.TrimEnd('.')})", e);

    /// <summary>No column of that name, the columns listed.</summary>
    public static InvalidInputException NoColumn(string path, string name, IEnumerable<string> columns) =>
        new($"{path}: no column named '{DisplayText.Printable(name)}' (columns: {DisplayText.Printable(string.Join(", ", columns))})");

    /// <summary>No column named, and not exactly one numeric column to take (the remedy: the column argument, as front ends spell it).</summary>
    public static InvalidInputException NotOneNumeric(string path, IReadOnlyList<string> numeric, IEnumerable<(string Name, string Type)> columns) =>
        new(numeric.Count == 0
            ? $"{path}: no numeric column (columns: {string.Join(", ", columns.Select(c => $"{c.Name} ({c.Type})"))})"
            : $"{path}: {numeric.Count} numeric columns ({string.Join(", ", numeric)}); name the one to read", remedyOption: "column");

    /// <summary>The value column holds something else than numbers.</summary>
    public static InvalidInputException NotNumbers(string path, string column, string type) =>
        new($"{path}: column '{column}' holds {type}, not numbers");

    /// <summary>The group column holds something else than text or whole numbers.</summary>
    public static InvalidInputException NotLabels(string path, string column, string type) =>
        new($"{path}: column '{column}' holds {type}; a group column holds text or whole numbers (int32, int64)");

    /// <summary>A null cell of the value column.</summary>
    public static InvalidInputException NullValue(string path, long row, string column) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}, row {row}: the {column} cell is empty (null)"));

    /// <summary>A value that is not finite.</summary>
    public static InvalidInputException NotFinite(string path, long row, string column, double value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}, row {row}: '{value}' in column '{column}' is not a finite number"));

    /// <summary>A null or empty group label.</summary>
    public static InvalidInputException NoLabel(string path, long row, string column) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}, row {row}: the {column} cell is empty; every row needs its group"));

    /// <summary>Checks every value is finite; <paramref name="firstRow"/> is the file's row of the first.</summary>
    public static void CheckFinite(ReadOnlySpan<double> values, string path, string column, long firstRow)
    {
        for (int r = 0; r < values.Length; r++)
        {
            if (!double.IsFinite(values[r])) throw NotFinite(path, firstRow + r, column, values[r]);
        }
    }
}
