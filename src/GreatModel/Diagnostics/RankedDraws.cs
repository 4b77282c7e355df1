using MathNet.Numerics.Statistics;

namespace GreatModel.Diagnostics;

/// <summary>
/// A parameter's draws sorted once, for every order-based figure of its summary: the quantiles, the HDI, and the
/// rank-normalised split chains of bulk-ESS and both halves of R̂ (the folded draws' order merged outward from the
/// median, not sorted again). The figures are bit for bit those of <see cref="Convergence.RankNormalize"/>,
/// <see cref="Convergence.Split"/> and MathNet's unsorted quantiles, which sort or select again for each (a summary
/// of 4 × 1000 draws spent most of its 2 ms there; 10⁴ groups × 3 parameters made that a minute).
/// </summary>
internal sealed class RankedDraws
{
    private readonly IReadOnlyList<double[]> _chains;
    private readonly double[] _all;
    private readonly int[] _order;

    /// <param name="chains">draws[chain][draw], all chains the same length ≥ 1, every draw finite or not (NaN sorts first).</param>
    public RankedDraws(IReadOnlyList<double[]> chains)
    {
        _chains = chains;
        _all = [.. chains.SelectMany(c => c)];
        Sorted = (double[])_all.Clone();
        _order = new int[_all.Length];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        Array.Sort(Sorted, _order);
    }

    /// <summary>All draws, ascending.</summary>
    public double[] Sorted { get; }

    /// <summary>The R-7 quantile (R's and numpy's default), as MathNet's <c>Statistics.QuantileCustom(draws, p, R7)</c> gives it.</summary>
    public double Quantile(double p) => SortedArrayStatistics.QuantileCustom(Sorted, p, QuantileDefinition.R7);

    /// <summary>The median, as MathNet's <c>Statistics.Median(draws)</c> gives it.</summary>
    public double Median => SortedArrayStatistics.Median(Sorted);

    /// <summary>
    /// The rank-normalised split chains: <see cref="Convergence.RankNormalize"/> of <see cref="Convergence.Split"/>. With an
    /// even number of draws per chain the split halves hold every draw in the original order, so the one sort serves;
    /// with an odd number (the middle draws dropped) they are ranked anew.
    /// </summary>
    public double[][] BulkNormalized() => EvenLength
        ? Halves(Convergence.NormalScores(Sorted, _order))
        : Convergence.RankNormalize(Convergence.Split(_chains));

    /// <summary>
    /// As <see cref="BulkNormalized"/> for the folded draws |x − median| (R̂'s tail half): their order is the sorted draws'
    /// merged outward from the median, each side already in order.
    /// </summary>
    public double[][] FoldedNormalized()
    {
        double median = Median;
        if (!EvenLength || double.IsNaN(median) || Sorted.Any(double.IsNaN))
            return Convergence.RankNormalize(Convergence.Split([.. _chains.Select(c => c.Select(v => Math.Abs(v - median)).ToArray())]));
        int s = Sorted.Length;
        var keys = new double[s];
        var order = new int[s];
        // right: the first draw above the median's position, left: the last at or below; folded values grow outward.
        int right = 0;
        while (right < s && Sorted[right] < median) right++;
        int left = right - 1;
        for (int k = 0; k < s; k++)
        {
            double up = right < s ? Math.Abs(Sorted[right] - median) : double.PositiveInfinity;
            double down = left >= 0 ? Math.Abs(Sorted[left] - median) : double.PositiveInfinity;
            if (right < s && (left < 0 || up <= down))
            {
                (keys[k], order[k]) = (up, _order[right]);
                right++;
            }
            else
            {
                (keys[k], order[k]) = (down, _order[left]);
                left--;
            }
        }
        return Halves(Convergence.NormalScores(keys, order));
    }

    /// <summary>The shortest interval holding <paramref name="mass"/> of the draws, as <see cref="ParameterSummary.HighestDensityInterval"/>.</summary>
    public (double Low, double High) HighestDensityInterval(double mass) => ParameterSummary.ShortestInterval(Sorted, mass);

    private bool EvenLength => _chains[0].Length % 2 == 0;

    /// <summary>Per-draw scores in the draws' original order cut into each chain's two halves, as <see cref="Convergence.Split"/> cuts.</summary>
    private double[][] Halves(double[] scores)
    {
        int n = _chains[0].Length, half = n / 2;
        var result = new double[2 * _chains.Count][];
        for (int c = 0; c < _chains.Count; c++)
        {
            result[2 * c] = scores[(c * n)..((c * n) + half)];
            result[(2 * c) + 1] = scores[((c * n) + half)..((c + 1) * n)];
        }
        return result;
    }
}
