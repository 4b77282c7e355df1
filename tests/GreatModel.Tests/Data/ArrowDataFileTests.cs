using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

/// <summary>
/// Arrow IPC input (#29 item 1): a Feather v2 / Arrow file or an Arrow stream reads as the same observations a CSV of the
/// same values gives, with its group column, and what the CSV reader refuses is refused naming file, column and row.
/// </summary>
public class ArrowDataFileTests
{
    private static Schema SchemaOf(params (string Name, IArrowType Type)[] fields)
    {
        var builder = new Schema.Builder();
        foreach (var (name, type) in fields) builder.Field(f => f.Name(name).DataType(type).Nullable(true));
        return builder.Build();
    }

    /// <summary>Writes <paramref name="batches"/> (each a list of columns in the schema's order) as an Arrow file, or stream.</summary>
    private static string Write(TempFolder dir, string name, Schema schema, bool asStream, params IArrowArray[][] batches) =>
        Write(dir, name, schema, asStream, compressed: false, batches);

    /// <summary>As above; <paramref name="compressed"/>: LZ4 frames, as pyarrow's and R arrow's write_feather write by default.</summary>
    private static string Write(TempFolder dir, string name, Schema schema, bool asStream, bool compressed, params IArrowArray[][] batches)
    {
        string path = dir.File(name);
        using var stream = File.Create(path);
        var options = compressed
            ? new IpcOptions { CompressionCodec = CompressionCodecType.Lz4Frame, CompressionCodecFactory = new Apache.Arrow.Compression.CompressionCodecFactory() }
            : null;
        using ArrowStreamWriter writer = asStream ? new ArrowStreamWriter(stream, schema, leaveOpen: false, options) : new ArrowFileWriter(stream, schema, leaveOpen: false, options);
        foreach (var columns in batches) writer.WriteRecordBatch(new RecordBatch(schema, columns, columns[0].Length));
        writer.WriteEnd();
        return path;
    }

    private static DoubleArray Doubles(params double?[] values)
    {
        var builder = new DoubleArray.Builder();
        foreach (var v in values)
        {
            if (v is { } x) builder.Append(x);
            else builder.AppendNull();
        }
        return builder.Build();
    }

    private static StringArray Texts(params string[] values) => new StringArray.Builder().AppendRange(values).Build();

    private static void Refused(Action read, string expected) =>
        Assert.Contains(expected, Assert.Throws<InvalidInputException>(read).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void AFileOrAStreamReadsAsTheSameValuesACsvGives(bool asStream, bool compressed)
    {
        using var dir = new TempFolder();
        var schema = SchemaOf(("x", DoubleType.Default), ("n", Int32Type.Default));
        string path = Write(dir, "x.arrow", schema, asStream, compressed,
            [Doubles(1.5, -2.25, 3e10), new Int32Array.Builder().AppendRange([1, 2, 3]).Build()],
            [Doubles(0.1, 7), new Int32Array.Builder().AppendRange([4, 5]).Build()]);
        string csv = dir.File("x.csv", "x\n1.5\n-2.25\n3e10\n0.1\n7\n");
        Assert.Equal(DataFileReader.Read(csv, "x").Values.ToArray(), DataFileReader.Read(path, "x").Values.ToArray());
        Assert.Equal([1.0, 2, 3, 4, 5], DataFileReader.Read(path, "n").Values.ToArray());
        Refused(() => DataFileReader.Read(path), "2 numeric columns (x, n); name the one to read");
    }

    [Fact]
    public void UnusableColumnsAndCellsAreRefusedNamingFileColumnAndRow()
    {
        using var dir = new TempFolder();
        var schema = SchemaOf(("x", DoubleType.Default), ("y", DoubleType.Default), ("s", StringType.Default));
        string path = Write(dir, "bad.arrow", schema, asStream: false,
            [Doubles(1, 2, 3), Doubles(1, 2, 3), Texts("a", "b", "c")],
            [Doubles(4, null), Doubles(double.NaN, 5), Texts("d", "e")]);
        Refused(() => DataFileReader.Read(path, "x"), $"{path}, row 5: the x cell is empty (null)");
        Refused(() => DataFileReader.Read(path, "y"), $"{path}, row 4: 'NaN' in column 'y' is not a finite number");
        Refused(() => DataFileReader.Read(path, "s"), $"{path}: column 's' holds utf8, not numbers");
        Refused(() => DataFileReader.Read(path, "z"), $"{path}: no column named 'z' (columns: x, y, s)");
        string broken = dir.File("broken.arrow", "ARROW1 and nothing an Arrow reader can use");
        Refused(() => DataFileReader.Read(broken), $"{broken}: not readable as Arrow IPC (");
    }

    [Fact]
    public void GroupsComeFromTextOrWholeNumbersInTheOrderOfTheirFirstRow()
    {
        using var dir = new TempFolder();
        var schema = SchemaOf(("sensor", StringType.Default), ("id", Int64Type.Default), ("value", DoubleType.Default));
        string path = Write(dir, "g.arrow", schema, asStream: true,
            [Texts("b", "a", "b"), new Int64Array.Builder().AppendRange([7L, 3, 7]).Build(), Doubles(1, 2, 3)],
            [Texts("c", "a", "c", "b"), new Int64Array.Builder().AppendRange([9L, 3, 9, 7]).Build(), Doubles(4, 5, 6, 7)]);
        var groups = DataFileReader.ReadGrouped(path, "sensor", "value");
        Assert.Equal(["b", "a", "c"], groups.Labels);
        Assert.Equal([1.0, 3, 7], groups.Groups[0].Values.ToArray());
        Assert.Contains("group 'b' (rows 1, 3, 7)", groups.Groups[0].Source, StringComparison.Ordinal);
        Assert.Equal(["7", "3", "9"], DataFileReader.ReadGrouped(path, "id", "value").Labels);
        Refused(() => DataFileReader.ReadGrouped(path, "value", "id"), "column 'value' holds double; a group column holds text or whole numbers");
    }

    /// <summary>A pipe is never looked into for a format's first bytes: they would be lost to the text reader after.</summary>
    [Fact]
    public async Task APipeIsReadAsTextWithNoByteLost()
    {
        using var dir = new TempFolder();
        string fifo = dir.File("pipe");
        var (code, err) = TempMount.Run("mkfifo", fifo);
        Assert.SkipUnless(code == 0, $"no mkfifo here ({err.Trim()})");
        var writer = Task.Run(() => File.WriteAllText(fifo, "1.5\n2.25\n3\n"));
        var data = DataFileReader.Read(fifo);
        await writer;
        Assert.Equal([1.5, 2.25, 3], data.Values.ToArray());
        // Nor is a text file whose header starts with Parquet's magic taken for Parquet.
        Assert.Equal([1.0, 2], DataFileReader.Read(dir.File("par.csv", "PAR1,PAR2\n1,5\n2,6\n"), "PAR1").Values.ToArray());
    }
}
