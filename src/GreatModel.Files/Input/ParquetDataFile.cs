using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace GreatModel.Files.Input;

/// <summary>
/// Observations from an Apache Parquet file (Parquet.Net): the value column (double, float or an integer type) read row
/// group by row group straight into doubles, no text in between, and for a grouped run the group column (text or
/// integers). <see cref="DataFileFormats"/> takes a file for Parquet by its bytes (<c>PAR1</c> at both ends), whatever its name.
/// Every refusal names the file, the column and, for a cell, its row (1-based, over the whole file): a missing column, a
/// column of another type, a null cell, a value that is not finite.
/// </summary>
internal static class ParquetDataFile
{
    /// <summary>The values of <paramref name="column"/> (null: the file's only numeric column) and, when <paramref name="groupColumn"/> is given, each row's group label.</summary>
    /// <exception cref="InvalidInputException">The file is not readable as Parquet, or a column or cell is unusable; the message names it.</exception>
    public static (double[] Values, List<string>? Groups) Read(string path, string? column, string? groupColumn)
    {
        try
        {
            return ReadAsync(path, column, groupColumn).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not InvalidInputException and not OutOfMemoryException)
        {
            // A corrupt or truncated file, an encoding Parquet.Net does not know: the file's fault, said in one line.
            throw ColumnarRefusals.Unreadable(path, "Parquet", e);
        }
    }

    private static async Task<(double[], List<string>?)> ReadAsync(string path, string? column, string? groupColumn)
    {
        await using var reader = await ParquetReader.CreateAsync(path).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields();
        var valueField = column is null ? OnlyNumeric(path, fields) : Find(path, fields, column);
        if (!IsNumeric(valueField.ClrType) || valueField.IsArray)
            throw ColumnarRefusals.NotNumbers(path, valueField.Name, Describe(valueField));
        var groupField = groupColumn is null ? null : Find(path, fields, groupColumn);
        if (groupField is not null && (groupField.IsArray || !(IsText(groupField.ClrType) || groupField.ClrType == typeof(int) || groupField.ClrType == typeof(long))))
            throw ColumnarRefusals.NotLabels(path, groupField.Name, Describe(groupField));
        // The row count from each row group's metadata first, so the values go straight into one array of the right size.
        var counts = new int[reader.RowGroupCount];
        for (int g = 0; g < counts.Length; g++)
        {
            using var rowGroup = reader.OpenRowGroupReader(g);
            counts[g] = checked((int)rowGroup.RowCount);
        }
        long total = counts.Sum(c => (long)c);
        if (total == 0) throw new InvalidInputException($"{path}: no observations (column '{valueField.Name}' has no rows)");
        if (total > Array.MaxLength) throw new InvalidInputException($"{path}: {total} rows; at most {Array.MaxLength} observations fit in one run");
        var values = new double[total];
        var starts = new long[counts.Length];
        for (int g = 1; g < counts.Length; g++) starts[g] = starts[g - 1] + counts[g - 1];
        // Row groups are independent: each worker decodes every k-th with a reader of its own (a reader is not shared
        // between threads). A refusal is kept per row group and the first row's reported, whichever worker met it first.
        var labels = new string[counts.Length][];
        var refusals = new InvalidInputException?[counts.Length];
        int workers = Math.Clamp(Environment.ProcessorCount, 1, Math.Min(4, counts.Length));
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            await using var own = w == 0 ? null : await ParquetReader.CreateAsync(path).ConfigureAwait(false);
            var from = own ?? reader;
            for (int g = w; g < counts.Length; g += workers)
            {
                try
                {
                    using var rowGroup = from.OpenRowGroupReader(g);
                    var rows = values.AsMemory((int)starts[g], counts[g]);
                    await Numbers(rowGroup, valueField, rows, path, starts[g] + 1).ConfigureAwait(false);
                    ColumnarRefusals.CheckFinite(rows.Span, path, valueField.Name, starts[g] + 1);
                    if (groupField is not null) labels[g] = await Labels(rowGroup, groupField, counts[g], path, starts[g] + 1).ConfigureAwait(false);
                }
                catch (InvalidInputException e)
                {
                    refusals[g] = e;
                    return; // the rest of this worker's row groups come after it
                }
            }
        }))).ConfigureAwait(false);
        if (refusals.FirstOrDefault(r => r is not null) is { } refused) throw refused;
        return (values, groupField is null ? null : [.. labels.SelectMany(l => l)]);
    }

    private static DataField Find(string path, DataField[] fields, string name) =>
        fields.FirstOrDefault(f => f.Name == name) ?? throw ColumnarRefusals.NoColumn(path, name, fields.Select(f => f.Name));

    /// <summary>A file of one numeric column needs no <c>--column</c>; with several, the user names one.</summary>
    private static DataField OnlyNumeric(string path, DataField[] fields)
    {
        var numeric = fields.Where(f => IsNumeric(f.ClrType) && !f.IsArray).ToArray();
        return numeric.Length == 1 ? numeric[0] : throw ColumnarRefusals.NotOneNumeric(path, [.. numeric.Select(f => f.Name)], fields.Select(f => (f.Name, Describe(f))));
    }

    private static bool IsInteger(Type t) => t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(sbyte)
        || t == typeof(uint) || t == typeof(ulong) || t == typeof(ushort) || t == typeof(byte);

    /// <summary>Text: Parquet.Net 6 reports a string column as ReadOnlyMemory&lt;char&gt; (it reads either way).</summary>
    private static bool IsText(Type t) => t == typeof(string) || t == typeof(ReadOnlyMemory<char>);

    private static bool IsNumeric(Type t) => t == typeof(double) || t == typeof(float) || IsInteger(t);

    private static string Describe(DataField field) =>
        (field.IsArray ? "lists of " : "") + (IsText(field.ClrType) ? "text" : field.ClrType.Name);

    /// <summary>A row group's values of a numeric column, as doubles, into <paramref name="into"/>; a null cell is refused, naming its row.</summary>
    private static Task Numbers(ParquetRowGroupReader rowGroup, DataField field, Memory<double> into, string path, long firstRow)
    {
        var t = field.ClrType;
        return t == typeof(double) ? Column<double>(rowGroup, field, into, path, firstRow)
            : t == typeof(float) ? Column<float>(rowGroup, field, into, path, firstRow)
            : t == typeof(int) ? Column<int>(rowGroup, field, into, path, firstRow)
            : t == typeof(long) ? Column<long>(rowGroup, field, into, path, firstRow)
            : t == typeof(short) ? Column<short>(rowGroup, field, into, path, firstRow)
            : t == typeof(sbyte) ? Column<sbyte>(rowGroup, field, into, path, firstRow)
            : t == typeof(uint) ? Column<uint>(rowGroup, field, into, path, firstRow)
            : t == typeof(ulong) ? Column<ulong>(rowGroup, field, into, path, firstRow)
            : t == typeof(ushort) ? Column<ushort>(rowGroup, field, into, path, firstRow)
            : Column<byte>(rowGroup, field, into, path, firstRow);
    }

    /// <summary>
    /// Reads the values without nullable wrappers (Parquet.Net's raw read: the values present, and for an optional column its
    /// definition levels, 0 where a cell is null), doubles straight into place, other types converted after.
    /// </summary>
    private static async Task Column<T>(ParquetRowGroupReader rowGroup, DataField field, Memory<double> into, string path, long firstRow)
        where T : struct, System.Numerics.INumberBase<T>
    {
        int rows = into.Length;
        // Optional columns (pandas and Arrow write them so by default) carry a definition level per row: 0 where it is null.
        int[]? levels = field.MaxDefinitionLevel > 0 ? new int[rows] : null;
        T[]? typed = typeof(T) == typeof(double) ? null : new T[rows];
        Memory<T> target = typed ?? (Memory<T>)(object)into;
        // Null, not an empty buffer, for a required column (an int[] null converts to an empty Memory, which is not null).
        Memory<int>? definitions = levels is null ? (Memory<int>?)null : levels.AsMemory();
        await rowGroup.ReadRawAsync(field, target, definitions, null).ConfigureAwait(false);
        // A cell is null below the column's full definition level (0 for a top-level column; within an optional struct, less).
        if (levels is not null && Array.FindIndex(levels, level => level < field.MaxDefinitionLevel) is var missing and >= 0)
            throw ColumnarRefusals.NullValue(path, firstRow + missing, field.Name);
        if (typed is not null) Convert(typed, into.Span);
    }

    private static void Convert<T>(ReadOnlySpan<T> from, Span<double> to)
        where T : struct, System.Numerics.INumberBase<T>
    {
        for (int r = 0; r < from.Length; r++) to[r] = double.CreateTruncating(from[r]);
    }

    /// <summary>A row group's group labels: text as it is, whole numbers (int32, int64) in invariant digits; a null or empty cell is refused.</summary>
    private static async Task<string[]> Labels(ParquetRowGroupReader rowGroup, DataField field, int rows, string path, long firstRow)
    {
        string?[] labels = IsText(field.ClrType) ? await Text(rowGroup, field, rows).ConfigureAwait(false)
            : field.ClrType == typeof(int) ? await Digits<int>(rowGroup, field, rows).ConfigureAwait(false)
            : await Digits<long>(rowGroup, field, rows).ConfigureAwait(false);
        var result = new string[rows];
        for (int r = 0; r < rows; r++)
        {
            result[r] = labels[r] is { Length: > 0 } label ? label
                : throw ColumnarRefusals.NoLabel(path, firstRow + r, field.Name);
        }
        return result;
    }

    private static async Task<string?[]> Text(ParquetRowGroupReader rowGroup, DataField field, int rows)
    {
        var text = new string?[rows];
        await rowGroup.ReadAsync(field, (Memory<string?>)text).ConfigureAwait(false);
        return text;
    }

    private static async Task<string?[]> Digits<T>(ParquetRowGroupReader rowGroup, DataField field, int rows)
        where T : struct, IFormattable
    {
        if (!field.IsNullable)
        {
            var whole = new T[rows];
            await rowGroup.ReadAsync(field, (Memory<T>)whole).ConfigureAwait(false);
            return [.. whole.Select(v => v.ToString(null, CultureInfo.InvariantCulture))];
        }
        var cells = new T?[rows];
        await rowGroup.ReadAsync(field, (Memory<T?>)cells).ConfigureAwait(false);
        return [.. cells.Select(v => v?.ToString(null, CultureInfo.InvariantCulture))];
    }
}
