using System.Globalization;
using GreatModel.Files.Draws;

namespace GreatModel.Tests.Data;

/// <summary>A row formatted in chunks on every core is, character for character, the row written one value at a time.</summary>
public class RowFormatterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2048)]
    [InlineData(2049)]
    [InlineData(10_000)]
    public void ChunkedRowsAreTheOneAtATimeText(int length)
    {
        var rng = new System.Random(length);
        double[] special = [double.Epsilon, -double.MaxValue, 1e-308, -1.2345678901234567e-300, 0.1, -0.0, 123456789012345678, double.NaN, double.PositiveInfinity];
        double[] values = [.. Enumerable.Range(0, length).Select(i => i < special.Length && length > special.Length ? special[i] : (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-30, 30)))];
        var expected = new StringWriter(CultureInfo.InvariantCulture);
        foreach (double v in values) expected.Write("," + v.ToString("R", CultureInfo.InvariantCulture));
        var actual = new StringWriter(CultureInfo.InvariantCulture);
        RowFormatter.Write(actual, values);
        Assert.Equal(expected.ToString(), actual.ToString());
    }
}
