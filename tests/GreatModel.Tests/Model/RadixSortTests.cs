using GreatModel.Model;

namespace GreatModel.Tests.Model;

/// <summary>The radix sort gives Array.Sort's order, bit for bit but for −0 before +0 (equal values Array.Sort leaves in any order).</summary>
public class RadixSortTests
{
    public static TheoryData<string> Kinds => ["uniform", "normal wide", "ties", "extremes", "one digit shared", "zeros"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SortsAsArraySortDoes(string kind)
    {
        var rng = new System.Random(kind.Length);
        int n = RadixSort.IntrosortBelow + 12_345;
        double[] values = kind switch
        {
            "uniform" => [.. Enumerable.Range(0, n).Select(_ => rng.NextDouble())],
            "normal wide" => [.. Enumerable.Range(0, n).Select(_ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-300, 300)))],
            "ties" => [.. Enumerable.Range(0, n).Select(_ => (double)rng.Next(-20, 20))],
            "extremes" => [.. Enumerable.Range(0, n).Select(i => (i % 7) switch
            {
                0 => double.MaxValue, 1 => double.MinValue, 2 => double.Epsilon, 3 => -double.Epsilon,
                4 => BitConverter.Int64BitsToDouble(rng.NextInt64(1, 1L << 52)), // subnormals
                5 => -BitConverter.Int64BitsToDouble(rng.NextInt64(1, 1L << 52)),
                _ => rng.NextDouble() - 0.5,
            })],
            "one digit shared" => [.. Enumerable.Range(0, n).Select(_ => 1000.0 + rng.NextDouble())], // the top bits alike: passes skipped
            _ => [.. Enumerable.Range(0, n).Select(i => i % 3 == 0 ? -0.0 : i % 3 == 1 ? 0.0 : rng.NextDouble() - 0.5)],
        };
        var expected = (double[])values.Clone();
        Array.Sort(expected);
        RadixSort.Sort(values);
        for (int i = 0; i < n; i++)
        {
            if (expected[i] == 0 && values[i] == 0) continue; // ±0: equal, in either order
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(values[i]));
        }
        for (int i = 1; i < n; i++)
        {
            Assert.True(values[i - 1] <= values[i], $"at {i}");
            if (values[i - 1] == 0 && values[i] == 0) Assert.False(double.IsNegative(values[i]) && !double.IsNegative(values[i - 1]), "−0 after +0");
        }
    }

    [Fact]
    public void SmallArraysAreSortedToo()
    {
        var values = new[] { 3.0, -1.0, 2.5, -7.25, 0.0 };
        RadixSort.Sort(values);
        Assert.Equal([-7.25, -1.0, 0.0, 2.5, 3.0], values);
    }
}
