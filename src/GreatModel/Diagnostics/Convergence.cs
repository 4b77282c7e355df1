using System.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.IntegralTransforms;
using MathNet.Numerics.Statistics;

namespace GreatModel.Diagnostics;

/// <summary>
/// Convergence diagnostics of Vehtari, Gelman, Simpson, Carpenter &amp; Bürkner (2021), "Rank-normalization,
/// folding, and localization", following the posterior R package. Input: draws[chain][draw].
/// </summary>
public static class Convergence
{
    /// <summary>Biased (divide-by-N) autocovariance of one chain at lags 0..N-1, by FFT.</summary>
    public static double[] Autocovariance(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        double mean = 0;
        foreach (double v in x) mean += v;
        mean /= n;
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * n));
        var buffer = new Complex[size];
        for (int i = 0; i < n; i++) buffer[i] = new Complex(x[i] - mean, 0);
        Fourier.Forward(buffer, FourierOptions.NoScaling);
        for (int i = 0; i < size; i++) buffer[i] = new Complex(buffer[i].Magnitude * buffer[i].Magnitude, 0);
        Fourier.Inverse(buffer, FourierOptions.NoScaling);
        var acov = new double[n];
        for (int t = 0; t < n; t++) acov[t] = buffer[t].Real / size / n;
        return acov;
    }

    /// <summary>
    /// Multi-chain effective sample size (no splitting, no ranks) with Geyer's initial monotone sequence:
    /// posterior's <c>ess_basic(split = FALSE)</c>.
    /// </summary>
    public static double EffectiveSampleSize(IReadOnlyList<double[]> chains) => EffectiveSampleSize(chains, 1);

    /// <summary>
    /// As <see cref="EffectiveSampleSize(IReadOnlyList{double[]})"/>, with every autocovariance multiplied by
    /// <paramref name="autocovarianceScale"/> before the between-chain variance is added: R's loo (and posterior) scale theirs
    /// by M/N, M the FFT's padded "good size" (1 when N is one), which <see cref="PsisLoo"/> reproduces.
    /// </summary>
    public static double EffectiveSampleSize(IReadOnlyList<double[]> chains, double autocovarianceScale)
    {
        ArgumentNullException.ThrowIfNull(chains);
        int m = chains.Count, n = chains[0].Length;
        if (n < 3 || chains.Any(c => c.Length != n)) return double.NaN;
        if (chains.All(c => c.All(v => v == chains[0][0]))) return double.NaN; // constant: ESS undefined
        var acov = new LazyAutocovariance(chains);
        double meanVar = acov.MeanAt(0) * autocovarianceScale * n / (n - 1);
        double varPlus = meanVar * (n - 1) / n;
        if (m > 1) varPlus += chains.Select(c => c.Average()).Variance();
        double Rho(int lag) => 1 - ((meanVar - (acov.MeanAt(lag) * autocovarianceScale)) / varPlus);

        var rho = new double[n];
        rho[0] = 1;
        double even = 1, odd = Rho(1);
        rho[1] = odd;
        int t = 0;
        while (t < n - 5 && !double.IsNaN(even + odd) && even + odd > 0)
        {
            t += 2;
            even = Rho(t);
            odd = Rho(t + 1);
            if (even + odd >= 0)
            {
                rho[t] = even;
                rho[t + 1] = odd;
            }
        }
        int maxT = t;
        if (even > 0) rho[maxT] = even;
        // Geyer's initial monotone sequence: pair sums must not increase.
        for (t = 2; t <= maxT - 2; t += 2)
        {
            if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1])
            {
                rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
                rho[t + 1] = rho[t];
            }
        }
        double total = (double)m * n;
        double tau = -1 + (2 * rho.Take(maxT).Sum()) + rho[maxT];
        tau = Math.Max(tau, 1 / Math.Log10(total));
        return total / tau;
    }

    /// <summary>Each chain cut in two halves (the middle draw dropped when odd): the "split" of split-R̂.</summary>
    public static double[][] Split(IReadOnlyList<double[]> chains)
    {
        ArgumentNullException.ThrowIfNull(chains);
        return chains.SelectMany(c =>
        {
            int half = c.Length / 2;
            return new[] { c[..half], c[(c.Length - half)..] };
        }).ToArray();
    }

    /// <summary>Rank-normalised values: Φ⁻¹((r - 3/8) / (S + 1/4)) with average ranks over all chains.</summary>
    public static double[][] RankNormalize(IReadOnlyList<double[]> chains)
    {
        ArgumentNullException.ThrowIfNull(chains);
        var all = chains.SelectMany(c => c).ToArray();
        int s = all.Length;
        // One sort of (value, position); tied values share their average rank, as R's rank(ties = "average").
        var order = new int[s];
        for (int i = 0; i < s; i++) order[i] = i;
        var keys = (double[])all.Clone();
        Array.Sort(keys, order);
        var normal = NormalScores(keys, order);
        var result = new double[chains.Count][];
        for (int c = 0, k = 0; c < chains.Count; k += chains[c].Length, c++) result[c] = normal[k..(k + chains[c].Length)];
        return result;
    }

    /// <summary>
    /// Φ⁻¹((r − 3/8) / (S + 1/4)) of each value from its sorted order: <paramref name="keys"/> ascending, <paramref name="order"/>[i]
    /// the position of keys[i] among the values; tied values share their average rank, as R's rank(ties = "average").
    /// </summary>
    /// <returns>The scores by position.</returns>
    internal static double[] NormalScores(double[] keys, int[] order)
    {
        int s = keys.Length;
        var normal = new double[s];
        for (int first = 0; first < s;)
        {
            int last = first;
            while (last + 1 < s && keys[last + 1] == keys[first]) last++;
            double rank = ((first + last) / 2.0) + 1; // 1-based average rank of the tie
            double z = StandardNormalQuantile.Of((rank - 0.375) / (s + 0.25));
            for (int i = first; i <= last; i++) normal[order[i]] = z;
            first = last + 1;
        }
        return normal;
    }

    /// <summary>Classic R̂ of the given (already split) chains.</summary>
    public static double RhatBasic(IReadOnlyList<double[]> chains)
    {
        ArgumentNullException.ThrowIfNull(chains);
        int n = chains[0].Length;
        double between = n * chains.Select(c => c.Average()).Variance();
        double within = chains.Average(c => c.Variance());
        return Math.Sqrt(((between / within) + n - 1) / n);
    }

    /// <summary>Rank-normalised split-R̂: the larger of the bulk and the folded (tail) version.</summary>
    public static double Rhat(IReadOnlyList<double[]> chains)
    {
        double median = chains.SelectMany(c => c).Median();
        var folded = chains.Select(c => c.Select(v => Math.Abs(v - median)).ToArray()).ToArray();
        return Rhat(RankNormalize(Split(chains)), RankNormalize(Split(folded)));
    }

    /// <summary>R̂ from the rank-normalised split chains of the draws and of the folded draws |x − median|.</summary>
    internal static double Rhat(IReadOnlyList<double[]> bulk, IReadOnlyList<double[]> folded) => Math.Max(RhatBasic(bulk), RhatBasic(folded));

    /// <summary>Bulk-ESS: ESS of the rank-normalised split chains.</summary>
    public static double EssBulk(IReadOnlyList<double[]> chains) => EffectiveSampleSize(RankNormalize(Split(chains)));

    /// <summary>Tail-ESS: the smaller ESS of the indicators x ≤ q05 and x ≤ q95 (split chains).</summary>
    public static double EssTail(IReadOnlyList<double[]> chains)
    {
        var all = chains.SelectMany(c => c).ToArray();
        return EssTail(chains, Statistics.QuantileCustom(all, 0.05, QuantileDefinition.R7), Statistics.QuantileCustom(all, 0.95, QuantileDefinition.R7));
    }

    /// <summary>Tail-ESS given the draws' 5% and 95% quantiles .</summary>
    internal static double EssTail(IReadOnlyList<double[]> chains, double q05, double q95)
    {
        double Indicator(double q) => EffectiveSampleSize(Split(chains.Select(c => c.Select(v => v <= q ? 1.0 : 0.0).ToArray()).ToArray()));
        return Math.Min(Indicator(q05), Indicator(q95));
    }

    /// <summary>Monte Carlo standard error of the mean: sd / sqrt(ESS of the split chains).</summary>
    public static double McseMean(IReadOnlyList<double[]> chains)
    {
        var all = chains.SelectMany(c => c).ToArray();
        return all.StandardDeviation() / Math.Sqrt(EffectiveSampleSize(Split(chains)));
    }

    /// <summary>
    /// Monte Carlo standard error of the sd, by the delta method on the second central moment:
    /// Var(s²) ≈ Var((x-m)²) / ESS((x-m)²), and sd = sqrt(s²).
    /// </summary>
    public static double McseSd(IReadOnlyList<double[]> chains)
    {
        double mean = chains.SelectMany(c => c).Average();
        var squared = chains.Select(c => c.Select(v => (v - mean) * (v - mean)).ToArray()).ToArray();
        var flat = squared.SelectMany(c => c).ToArray();
        double m2 = flat.Average();
        // The squares' population variance (divisor N), as posterior's mcse_sd takes it (mean(x⁴) − mean(x²)²); the sample
        // variance made ours √(N/(N−1)) larger than posterior's.
        double varOfM2 = flat.PopulationVariance() / EffectiveSampleSize(Split(squared));
        return Math.Sqrt(varOfM2 / (4 * m2));
    }
}
