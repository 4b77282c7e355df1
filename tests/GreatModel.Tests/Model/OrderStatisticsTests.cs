using GreatModel.Model;

namespace GreatModel.Tests.Model;

/// <summary>
/// One sort and a merge give what sorting the values and then their deviations gave, bit for bit: odd and even n, ties, over
/// half the values at the median (the MAD is 0 and the non-zero deviations' is used), values far apart, negative zero; by
/// introsort and (from 2^16 values) by radix.
/// </summary>
public class OrderStatisticsTests
{
    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] / 2) + (sorted[sorted.Length / 2] / 2);

    public static TheoryData<double[]> Cases()
    {
        var rng = new System.Random(3);
        var cases = new TheoryData<double[]>
        {
            new[] { 1.0, 2.0 },
            new[] { 3.0, 1.0, 2.0 },
            new[] { 5.0, 5.0, 5.0, 1.0, 9.0 }, // MAD 0: three of five at the median
            new[] { 5.0, 5.0, 1.0, 9.0 },
            new[] { -0.0, 0.0, 1e-300, -1e300, 1e300, 2.0 },
            new[] { 1.0, 1.0, 2.0, 2.0, 2.0, 3.0, 7.5, -4.0 },
        };
        foreach (int n in new[] { 7, 100, 1001, 4096, 100_000, 100_001 }) // the last two sorted by radix
        {
            cases.Add([.. Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 20, 1))]); // many ties
            cases.Add([.. Enumerable.Range(0, n).Select(_ => Math.Exp(rng.NextDouble() * 40 - 20) * (rng.Next(2) * 2 - 1))]);
        }
        cases.Add([.. Enumerable.Range(0, 70_000).Select(i => i % 3 == 0 ? 5.0 : i % 3 == 1 ? -0.0 : rng.NextDouble() - 0.5)]); // radix, ties
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OneSortGivesWhatSortingTwiceGave(double[] values)
    {
        var order = OrderStatistics.Of(values);
        var sorted = values.Order().ToArray();
        double median = Median(sorted);
        var deviations = sorted.Select(v => Math.Abs(v - median)).Order().ToArray();
        var nonZero = deviations.Where(d => d > 0).ToArray();
        Assert.Equal(BitConverter.DoubleToInt64Bits(median), BitConverter.DoubleToInt64Bits(order.Median));
        Assert.Equal(BitConverter.DoubleToInt64Bits(Median(deviations)), BitConverter.DoubleToInt64Bits(order.Mad));
        Assert.Equal(BitConverter.DoubleToInt64Bits(Median(nonZero)), BitConverter.DoubleToInt64Bits(order.NonZeroMad));
        var tie = sorted.GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First();
        Assert.Equal(tie.Count(), order.LargestTieCount);
        Assert.Equal(tie.Key, order.LargestTieValue);
    }
}
