using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Parquet;
using Parquet.Schema;

// MakeColumns DATA.csv OUT.parquet OUT.arrow: the CSV's numbers (comment and header lines skipped) in both columnar formats.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: MakeColumns DATA.csv OUT.parquet OUT.arrow");
    return 2;
}
double[] values = [.. File.ReadLines(args[0])
    .Where(line => line.Length > 0 && (char.IsAsciiDigit(line[0]) || line[0] is '-' or '.'))
    .Select(line => double.Parse(line, CultureInfo.InvariantCulture))];
const int Block = 1 << 20;

var field = new DataField<double?>("x");
await using (var stream = File.Create(args[1]))
await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), stream))
{
    for (int at = 0; at < values.Length; at += Block)
    {
        using var rowGroup = writer.CreateRowGroup();
        double?[] cells = [.. values.AsSpan(at, Math.Min(Block, values.Length - at)).ToArray().Select(v => (double?)v)];
        await rowGroup.WriteAsync(field, (ReadOnlyMemory<double?>)cells);
    }
}

var schema = new Schema.Builder().Field(f => f.Name("x").DataType(DoubleType.Default).Nullable(true)).Build();
using (var stream = File.Create(args[2]))
using (var writer = new ArrowFileWriter(stream, schema))
{
    for (int at = 0; at < values.Length; at += Block)
    {
        var batch = new DoubleArray.Builder().AppendRange(values.AsSpan(at, Math.Min(Block, values.Length - at)).ToArray()).Build();
        writer.WriteRecordBatch(new RecordBatch(schema, [batch], batch.Length));
    }
    writer.WriteEnd();
}
Console.WriteLine($"{values.Length} values written to {args[1]} and {args[2]}");
return 0;
