using MathNet.Numerics.Statistics;

namespace GreatModel.Cli.Plots;

/// <summary>
/// A chain's marginal density as ArviZ's <c>plot_trace</c> draws it per chain: a Gaussian kernel density estimate with
/// Silverman's bandwidth, made on a grid by binning the draws first (linear in the draws, so a chain of 10⁶ draws costs
/// what a histogram does).
/// </summary>
internal static class ChainDensity
{
    /// <summary>Grid points of the estimate.</summary>
    public const int Points = 256;

    /// <summary>The estimate at <paramref name="grid"/> (evenly spaced, at least two points) from <paramref name="draws"/>.</summary>
    /// <param name="draws">One chain's draws. Range: at least two, finite.</param>
    /// <param name="grid">Evenly spaced points, increasing.</param>
    /// <returns>The density at each grid point (integrates to about 1 over the draws' range).</returns>
    public static double[] Estimate(double[] draws, double[] grid)
    {
        double step = grid[1] - grid[0];
        var counts = new double[grid.Length];
        foreach (double v in draws) counts[Math.Clamp((int)Math.Round((v - grid[0]) / step), 0, grid.Length - 1)]++;
        double sd = Statistics.StandardDeviation(draws);
        double iqr = Statistics.InterquartileRange(draws);
        double spread = iqr > 0 ? Math.Min(sd, iqr / 1.34) : sd;
        // Silverman's rule; never narrower than a grid step (a chain stuck at one value would otherwise be a spike).
        double bandwidth = Math.Max(0.9 * spread * Math.Pow(draws.Length, -0.2), step);
        int reach = (int)Math.Ceiling(4 * bandwidth / step);
        var kernel = Enumerable.Range(-reach, (2 * reach) + 1).Select(k => Math.Exp(-0.5 * Math.Pow(k * step / bandwidth, 2))).ToArray();
        double norm = 1 / (draws.Length * bandwidth * Math.Sqrt(2 * Math.PI));
        var density = new double[grid.Length];
        for (int i = 0; i < grid.Length; i++)
        {
            if (counts[i] == 0) continue;
            for (int k = -reach; k <= reach; k++)
            {
                int j = i + k;
                if (j >= 0 && j < grid.Length) density[j] += counts[i] * kernel[k + reach] * norm;
            }
        }
        return density;
    }
}
