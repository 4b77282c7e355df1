using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace GreatModel.Files.Input;

/// <summary>
/// Observations from an Apache Arrow IPC file (Feather v2; <c>pyarrow.feather.write_feather</c>, <c>arrow::write_feather</c>)
/// or stream (Apache.Arrow): the value column (double, float or an integer type) copied batch by batch into doubles, and
/// for a grouped run the group column (text, int32, int64). <see cref="DataFileFormats"/> takes a file for Arrow by its first
/// bytes (<c>ARROW1</c> for a file; the continuation marker FF FF FF FF for a stream). Refusals name the file, the column
/// and, for a cell, its row (1-based over the whole file), as the other readers do.
/// </summary>
internal static class ArrowDataFile
{
    /// <summary>The values of <paramref name="column"/> (null: the only numeric column) and, with <paramref name="groupColumn"/>, each row's group label.</summary>
    /// <exception cref="InvalidInputException">The file is not readable as Arrow, or a column or cell is unusable; the message names it.</exception>
    /// <param name="path">The file.</param>
    /// <param name="isFile">An Arrow file (<see cref="DataFileFormat.ArrowFile"/>), else a stream.</param>
    /// <param name="column">The value column; null: the only numeric one.</param>
    /// <param name="groupColumn">The group column of a grouped run; null for none.</param>
    public static (double[] Values, List<string>? Groups) Read(string path, bool isFile, string? column, string? groupColumn)
    {
        try
        {
            return ReadBatches(path, isFile, column, groupColumn);
        }
        catch (Exception e) when (e is not InvalidInputException and not OutOfMemoryException)
        {
            throw ColumnarRefusals.Unreadable(path, "Arrow IPC", e);
        }
    }

    private static (double[], List<string>?) ReadBatches(string path, bool isFile, string? column, string? groupColumn)
    {
        using var stream = ReadableFile.OpenStream(path, "data file");
        // pyarrow's and R arrow's write_feather compress with LZ4 by default: the codecs come from Apache.Arrow.Compression.
        var codecs = new Apache.Arrow.Compression.CompressionCodecFactory();
        using ArrowStreamReader reader = isFile ? new ArrowFileReader(stream, allocator: null, codecs, leaveOpen: true) : new ArrowStreamReader(stream, allocator: null, codecs, leaveOpen: true);
        var values = new List<double>();
        var groups = groupColumn is null ? null : new List<string>();
        int valueIndex = -1, groupIndex = -1;
        long firstRow = 1;
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                if (valueIndex < 0)
                {
                    var schema = batch.Schema;
                    valueIndex = column is null ? OnlyNumeric(path, schema) : Find(path, schema, column);
                    var valueType = schema.GetFieldByIndex(valueIndex).DataType;
                    if (!IsNumeric(valueType))
                        throw ColumnarRefusals.NotNumbers(path, schema.GetFieldByIndex(valueIndex).Name, valueType.Name);
                    if (groupColumn is not null)
                    {
                        groupIndex = Find(path, schema, groupColumn);
                        var groupType = schema.GetFieldByIndex(groupIndex).DataType;
                        if (groupType.TypeId is not (ArrowTypeId.String or ArrowTypeId.LargeString or ArrowTypeId.Int32 or ArrowTypeId.Int64))
                            throw ColumnarRefusals.NotLabels(path, groupColumn, groupType.Name);
                    }
                }
                string name = batch.Schema.GetFieldByIndex(valueIndex).Name;
                AddNumbers(batch.Column(valueIndex), values, path, name, firstRow);
                if (groups is not null) AddLabels(batch.Column(groupIndex), groups, path, groupColumn!, firstRow);
                firstRow += batch.Length;
            }
        }
        if (values.Count == 0) throw new InvalidInputException($"{path}: no observations (no rows)");
        return ([.. values], groups);
    }

    private static int Find(string path, Schema schema, string name)
    {
        int index = schema.GetFieldIndex(name);
        return index >= 0 ? index : throw ColumnarRefusals.NoColumn(path, name, schema.FieldsList.Select(f => f.Name));
    }

    /// <summary>A file of one numeric column needs no <c>--column</c>; with several, the user names one.</summary>
    private static int OnlyNumeric(string path, Schema schema)
    {
        var numeric = Enumerable.Range(0, schema.FieldsList.Count).Where(i => IsNumeric(schema.GetFieldByIndex(i).DataType)).ToArray();
        return numeric.Length == 1 ? numeric[0] : throw ColumnarRefusals.NotOneNumeric(path, [.. numeric.Select(i => schema.GetFieldByIndex(i).Name)], schema.FieldsList.Select(f => (f.Name, f.DataType.Name)));
    }

    private static bool IsNumeric(IArrowType type) => type.TypeId is ArrowTypeId.Double or ArrowTypeId.Float or ArrowTypeId.Int8
        or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Int64 or ArrowTypeId.UInt8 or ArrowTypeId.UInt16 or ArrowTypeId.UInt32 or ArrowTypeId.UInt64;

    private static void AddNumbers(IArrowArray array, List<double> values, string path, string column, long firstRow)
    {
        if (array.NullCount > 0)
        {
            int missing = Enumerable.Range(0, array.Length).First(array.IsNull);
            throw ColumnarRefusals.NullValue(path, firstRow + missing, column);
        }
        int start = values.Count;
        switch (array)
        {
            case DoubleArray d: values.AddRange(d.Values); break;
            case FloatArray f: Add(f.Values, values); break;
            case Int8Array i8: Add(i8.Values, values); break;
            case Int16Array i16: Add(i16.Values, values); break;
            case Int32Array i32: Add(i32.Values, values); break;
            case Int64Array i64: Add(i64.Values, values); break;
            case UInt8Array u8: Add(u8.Values, values); break;
            case UInt16Array u16: Add(u16.Values, values); break;
            case UInt32Array u32: Add(u32.Values, values); break;
            case UInt64Array u64: Add(u64.Values, values); break;
            default: throw ColumnarRefusals.NotNumbers(path, column, array.Data.DataType.Name);
        }
        ColumnarRefusals.CheckFinite(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values)[start..], path, column, firstRow);
    }

    private static void Add<T>(ReadOnlySpan<T> from, List<double> to)
        where T : struct, System.Numerics.INumberBase<T>
    {
        foreach (var v in from) to.Add(double.CreateTruncating(v));
    }

    private static void AddLabels(IArrowArray array, List<string> labels, string path, string column, long firstRow)
    {
        for (int r = 0; r < array.Length; r++)
        {
            string? label = array.IsNull(r) ? null : array switch
            {
                StringArray s => s.GetString(r),
                LargeStringArray l => l.GetString(r),
                Int32Array i => i.GetValue(r)!.Value.ToString(CultureInfo.InvariantCulture),
                Int64Array l => l.GetValue(r)!.Value.ToString(CultureInfo.InvariantCulture),
                _ => throw ColumnarRefusals.NotLabels(path, column, array.Data.DataType.Name),
            };
            labels.Add(label is { Length: > 0 } ? label
                : throw ColumnarRefusals.NoLabel(path, firstRow + r, column));
        }
    }
}
