using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace GreatModel.Cli.Plots;

/// <summary>
/// A simultaneous band for the ECDF difference F(z) − z of <c>draws</c> values that are uniform on (0, 1) (Säilynoja,
/// Bürkner and Vehtari 2022, "Graphical test for discrete uniformity and its applications in goodness-of-fit evaluation and
/// multiple sample comparison", the simulation method): the whole curve of a uniform sample lies inside it with probability
/// at least <c>level</c>, not each point alone (a band per point is left by a healthy chain somewhere along a long curve).
/// Used for the rank plot: a chain's fractional ranks among all draws are uniform when the chains agree.
/// </summary>
/// <param name="Points">The evaluation points z_k = k / K, k = 1 … K − 1.</param>
/// <param name="Lower">The band's lower edge of F(z_k) − z_k.</param>
/// <param name="Upper">The band's upper edge of F(z_k) − z_k.</param>
internal sealed record EcdfBand(double[] Points, double[] Lower, double[] Upper)
{
    /// <summary>The band for samples of <paramref name="draws"/> values at <paramref name="intervals"/> − 1 points.</summary>
    /// <param name="draws">Values per sample (a chain's draws). Range: ≥ 1.</param>
    /// <param name="intervals">K: the points are k / K. Range: ≥ 2; at most <paramref name="draws"/> is useful.</param>
    /// <param name="level">Simultaneous coverage. Range: (0, 1).</param>
    /// <param name="simulations">Uniform samples simulated to set the pointwise level. Range: ≥ 100.</param>
    /// <param name="seed">The simulations' seed: the same band for the same arguments on any machine.</param>
    public static EcdfBand For(int draws, int intervals, double level = 0.95, int simulations = 1000, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(intervals, 2);
        int k = intervals - 1;
        double[] z = [.. Enumerable.Range(1, k).Select(i => (double)i / intervals)];
        // Each point's binomial CDF of the count at or below z_k, as a table over counts: the simulations look it up.
        var cdf = new double[k][];
        for (int i = 0; i < k; i++)
        {
            var table = new double[draws + 1];
            double sum = 0;
            for (int c = 0; c <= draws; c++) table[c] = sum = Math.Min(1, sum + Math.Exp(Binomial.PMFLn(z[i], draws, c)));
            cdf[i] = table;
        }
        // Each simulated uniform sample's smallest two-sided pointwise probability over the points; the (1 − level) quantile
        // of those is the pointwise level at which the band holds the whole curve with probability level.
        var random = new Xoshiro256StarStar(seed, threadSafe: false);
        var smallest = new double[simulations];
        var bins = new int[intervals];
        for (int m = 0; m < simulations; m++)
        {
            Array.Clear(bins);
            for (int d = 0; d < draws; d++) bins[Math.Min(intervals - 1, (int)(random.NextDouble() * intervals))]++;
            double least = 1;
            for (int i = 0, count = 0; i < k; i++)
            {
                count += bins[i];
                double below = cdf[i][count], above = count == 0 ? 1 : 1 - cdf[i][count - 1];
                least = Math.Min(least, 2 * Math.Min(below, above));
            }
            smallest[m] = least;
        }
        Array.Sort(smallest);
        double gamma = smallest[(int)Math.Floor((1 - level) * simulations)];
        var lower = new double[k];
        var upper = new double[k];
        for (int i = 0; i < k; i++)
        {
            lower[i] = (Quantile(cdf[i], gamma / 2) / (double)draws) - z[i];
            upper[i] = (Quantile(cdf[i], 1 - (gamma / 2)) / (double)draws) - z[i];
        }
        return new EcdfBand(z, lower, upper);
    }

    /// <summary>Whether the ECDF difference <paramref name="difference"/> (at <see cref="Points"/>) lies inside the band everywhere.</summary>
    public bool Holds(IReadOnlyList<double> difference) => Enumerable.Range(0, Points.Length).All(i => difference[i] >= Lower[i] - 1e-12 && difference[i] <= Upper[i] + 1e-12);

    /// <summary>The ECDF difference F(z_k) − z_k of <paramref name="values"/> (in [0, 1]) at <see cref="Points"/>.</summary>
    public double[] Difference(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return [.. Points.Select(z => (UpperBound(sorted, z) / (double)sorted.Length) - z)];
    }

    /// <summary>The smallest count whose CDF reaches <paramref name="probability"/>.</summary>
    private static int Quantile(double[] cdf, double probability)
    {
        int c = Array.BinarySearch(cdf, probability);
        return c >= 0 ? c : Math.Min(cdf.Length - 1, ~c);
    }

    /// <summary>How many of <paramref name="sorted"/> are at most <paramref name="z"/>.</summary>
    private static int UpperBound(double[] sorted, double z)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= z) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
