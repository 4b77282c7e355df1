namespace GreatModel.Diagnostics;

/// <summary>
/// The chains' mean autocovariance at each lag, made as it is asked for: the first <see cref="DirectLags"/> lags by direct
/// sums (Geyer's truncation of a chain that mixes well stops within them, so an ESS of a few thousand draws costs
/// microseconds), every lag at once by FFT (<see cref="Convergence.Autocovariance"/>) the first time a later one is asked.
/// Both are the biased (divide-by-n) autocovariance about each chain's own mean.
/// </summary>
internal sealed class LazyAutocovariance
{
    /// <summary>Lags summed directly before the FFT takes over (O(n) each against O(n log n) for all).</summary>
    private const int DirectLags = 48;

    private readonly double[][] _centred;
    private double[][]? _all;

    /// <param name="chains">Chains of equal length n ≥ 1.</param>
    public LazyAutocovariance(IReadOnlyList<double[]> chains)
    {
        _centred = [.. chains.Select(c =>
        {
            double mean = c.Average();
            return c.Select(v => v - mean).ToArray();
        })];
    }

    /// <summary>The mean over the chains of each one's autocovariance at <paramref name="lag"/>. Range: 0 ≤ lag &lt; n.</summary>
    public double MeanAt(int lag)
    {
        double total = 0;
        if (lag < DirectLags && _all is null)
        {
            foreach (var d in _centred)
            {
                double sum = 0;
                for (int i = 0; i + lag < d.Length; i++) sum += d[i] * d[i + lag];
                total += sum / d.Length;
            }
        }
        else
        {
            _all ??= [.. _centred.Select(d => Convergence.Autocovariance(d))];
            foreach (var a in _all) total += a[lag];
        }
        return total / _centred.Length;
    }
}
