using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;
using GreatModel.Tests.Support;
using Parquet;
using Parquet.Schema;

namespace GreatModel.Tests.Data;

/// <summary>
/// Parquet input (#29 item 1): <c>--data x.parquet</c> reads the value column (double, float, integers; optional columns
/// too) and a group column (text, int32, int64) into the same observations a CSV of the same values gives, and refuses,
/// naming file, column and row, what the CSV reader refuses.
/// </summary>
public class ParquetDataFileTests
{
    /// <summary>Writes <paramref name="columns"/> (each a field and its row groups' values) to a Parquet file, one row group per entry.</summary>
    private static string Write(TempFolder dir, string name, params (DataField Field, Array[] RowGroups)[] columns)
    {
        string path = dir.File(name);
        WriteAsync(path, columns).GetAwaiter().GetResult();
        return path;
    }

    private static async Task WriteAsync(string path, (DataField Field, Array[] RowGroups)[] columns)
    {
        var schema = new ParquetSchema(columns.Select(c => (Field)c.Field).ToArray());
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        for (int g = 0; g < columns[0].RowGroups.Length; g++)
        {
            using var rowGroup = writer.CreateRowGroup();
            foreach (var (field, groups) in columns)
            {
                switch (groups[g])
                {
                    case double[] d: await rowGroup.WriteAsync(field, (ReadOnlyMemory<double>)d); break;
                    case double?[] n: await rowGroup.WriteAsync(field, (ReadOnlyMemory<double?>)n); break;
                    case float[] f: await rowGroup.WriteAsync(field, (ReadOnlyMemory<float>)f); break;
                    case int[] i: await rowGroup.WriteAsync(field, (ReadOnlyMemory<int>)i); break;
                    case long[] l: await rowGroup.WriteAsync(field, (ReadOnlyMemory<long>)l); break;
                    case string[] s: await rowGroup.WriteAsync(field, s); break;
                    default: throw new InvalidOperationException("a column type this test does not write");
                }
            }
        }
    }

    private static void Refused(Action read, string expected) =>
        Assert.Contains(expected, Assert.Throws<InvalidInputException>(read).Message, StringComparison.Ordinal);

    [Fact]
    public void AColumnReadsAsTheSameValuesACsvGives()
    {
        using var dir = new TempFolder();
        double[] a = [1.5, -2.25, 3e10, 0.1], b = [7, 1e-300];
        string parquet = Write(dir, "x.parquet", (new DataField<double>("x"), [a, b]));
        string csv = dir.File("x.csv", "x\n" + string.Join('\n', a.Concat(b).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "\n");
        Assert.Equal(DataFileReader.Read(csv, "x").Values.ToArray(), DataFileReader.Read(parquet, "x").Values.ToArray());
        Assert.Equal(a.Concat(b), DataFileReader.Read(parquet).Values.ToArray()); // its only numeric column needs no --column
        // Taken by its first bytes, not its name.
        File.Copy(parquet, dir.File("named.csv"));
        Assert.Equal(6, DataFileReader.Read(dir.File("named.csv")).Count);
    }

    [Fact]
    public void NumbersOfEveryWidthAndOptionalColumnsAreRead()
    {
        using var dir = new TempFolder();
        string path = Write(dir, "w.parquet",
            (new DataField<float>("f"), [new[] { 1.5f, 2f }]),
            (new DataField<int>("i"), [new[] { 3, -4 }]),
            (new DataField<long>("l"), [new[] { 5L, 1L << 40 }]),
            (new DataField<double?>("n"), [new double?[] { 0.5, 6 }]));
        Assert.Equal([1.5, 2], DataFileReader.Read(path, "f").Values.ToArray());
        Assert.Equal([3, -4], DataFileReader.Read(path, "i").Values.ToArray());
        Assert.Equal([5, 1L << 40], DataFileReader.Read(path, "l").Values.ToArray());
        Assert.Equal([0.5, 6], DataFileReader.Read(path, "n").Values.ToArray());
        Refused(() => DataFileReader.Read(path), "4 numeric columns (f, i, l, n); name the one to read");
    }

    [Fact]
    public void UnusableColumnsAndCellsAreRefusedNamingFileColumnAndRow()
    {
        using var dir = new TempFolder();
        string path = Write(dir, "bad.parquet",
            (new DataField<double?>("x"), [new double?[] { 1, 2, 3 }, new double?[] { 4, null }]),
            (new DataField<double>("y"), [new[] { 1.0, 2, 3 }, new[] { double.NaN, 5 }]),
            (new DataField<string>("s"), [new[] { "a", "b", "c" }, new[] { "d", "e" }]));
        Refused(() => DataFileReader.Read(path, "x"), $"{path}, row 5: the x cell is empty (null)");
        Refused(() => DataFileReader.Read(path, "y"), $"{path}, row 4: 'NaN' in column 'y' is not a finite number");
        Refused(() => DataFileReader.Read(path, "s"), $"{path}: column 's' holds text, not numbers");
        Refused(() => DataFileReader.Read(path, "z"), $"{path}: no column named 'z' (columns: x, y, s)");
        string broken = dir.File("broken.parquet", "PAR1 and then nothing a Parquet reader can use PAR1"); // its magic at both ends
        Refused(() => DataFileReader.Read(broken), $"{broken}: not readable as Parquet (");
    }

    [Fact]
    public void GroupsComeFromTextOrWholeNumbersInTheOrderOfTheirFirstRow()
    {
        using var dir = new TempFolder();
        string path = Write(dir, "g.parquet",
            (new DataField<string>("sensor"), [new[] { "b", "a", "b" }, new[] { "c", "a", "c", "b" }]),
            (new DataField<long>("id"), [new[] { 7L, 3, 7 }, new[] { 9L, 3, 9, 7 }]),
            (new DataField<double>("value"), [new[] { 1.0, 2, 3 }, new[] { 4.0, 5, 6, 7 }]));
        var groups = DataFileReader.ReadGrouped(path, "sensor", "value");
        Assert.Equal(["b", "a", "c"], groups.Labels);
        Assert.Equal([1.0, 3, 7], groups.Groups[0].Values.ToArray());
        Assert.Contains("group 'b' (rows 1, 3, 7)", groups.Groups[0].Source, StringComparison.Ordinal);
        Assert.Equal(["7", "3", "9"], DataFileReader.ReadGrouped(path, "id", "value").Labels);
        Refused(() => DataFileReader.ReadGrouped(path, "value", "value"), "the group column and the value column are both 'value'");
        Refused(() => DataFileReader.ReadGrouped(path, "value", "id"), "column 'value' holds Double; a group column holds text or whole numbers");
        string empty = Write(dir, "e.parquet",
            (new DataField<string>("g"), [new[] { "a", "" }]), (new DataField<double>("v"), [new[] { 1.0, 2 }]));
        Refused(() => DataFileReader.ReadGrouped(empty, "g", "v"), $"{empty}, row 2: the g cell is empty; every row needs its group");
    }
}
