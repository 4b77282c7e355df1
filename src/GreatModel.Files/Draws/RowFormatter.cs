using System.Buffers;
using System.Globalization;

namespace GreatModel.Files.Draws;

/// <summary>
/// A draw row's many values (log_lik, y_rep: n per row) written as ",v1,v2,…" in round-trip form. Formatting a double is
/// most of a pointwise row's cost (about 100 ns a value against 10–20 for its log density), so a long row is cut into
/// chunks formatted on every core into pooled buffers, then written in order: the text is the one-value-at-a-time text,
/// character for character (10⁷ values on the 2-core EPYC, whose two threads give about 1.2× one: 1.98 → 1.61 s; more
/// cores, more).
/// </summary>
internal static class RowFormatter
{
    /// <summary>Values per chunk: below this a row is formatted on the calling thread (forking would cost more).</summary>
    private const int ChunkValues = 2048;

    /// <summary>The longest a value can take: ',' and a round-trip double (-1.2345678901234567E-308 is 24 characters).</summary>
    private const int MaxCharsPerValue = 32;

    /// <summary>Writes ",v" for each of <paramref name="values"/> (round-trip form, invariant culture) to <paramref name="w"/>.</summary>
    public static void Write(TextWriter w, ReadOnlySpan<double> values)
    {
        if (values.Length <= ChunkValues)
        {
            char[] buffer = ArrayPool<char>.Shared.Rent(values.Length * MaxCharsPerValue);
            try
            {
                w.Write(buffer, 0, Format(values, buffer));
            }
            finally
            {
                ArrayPool<char>.Shared.Return(buffer);
            }
            return;
        }
        double[] copy = values.ToArray(); // the chunks' tasks cannot hold a span
        int chunks = (copy.Length + ChunkValues - 1) / ChunkValues;
        var buffers = new char[chunks][];
        var lengths = new int[chunks];
        try
        {
            Parallel.For(0, chunks, k =>
            {
                int start = k * ChunkValues, count = Math.Min(ChunkValues, copy.Length - start);
                buffers[k] = ArrayPool<char>.Shared.Rent(count * MaxCharsPerValue);
                lengths[k] = Format(copy.AsSpan(start, count), buffers[k]);
            });
            for (int k = 0; k < chunks; k++) w.Write(buffers[k], 0, lengths[k]);
        }
        finally
        {
            foreach (char[] buffer in buffers.OfType<char[]>()) ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>",v1,v2,…" into <paramref name="buffer"/> (room for <see cref="MaxCharsPerValue"/> a value); the characters written.</summary>
    private static int Format(ReadOnlySpan<double> values, Span<char> buffer)
    {
        int at = 0;
        foreach (double v in values)
        {
            buffer[at++] = ',';
            v.TryFormat(buffer[at..], out int length, "R", CultureInfo.InvariantCulture);
            at += length;
        }
        return at;
    }
}
