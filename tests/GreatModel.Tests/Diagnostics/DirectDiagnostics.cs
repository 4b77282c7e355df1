using GreatModel.Diagnostics;
using MathNet.Numerics.Distributions;

namespace GreatModel.Tests.Diagnostics;

/// <summary>
/// Independent O(N²) versions written straight from the definitions (Stan reference manual, "Effective
/// sample size"; Vehtari et al. 2021, eq. 3–4), to check the FFT-based implementation.
/// </summary>
internal static class DirectDiagnostics
{
    public static double[] Autocovariance(double[] x)
    {
        int n = x.Length;
        double mean = x.Average();
        return Enumerable.Range(0, n).Select(t =>
        {
            double s = 0;
            for (int i = 0; i + t < n; i++) s += (x[i] - mean) * (x[i + t] - mean);
            return s / n;
        }).ToArray();
    }

    public static double Ess(double[][] chains)
    {
        int m = chains.Length, n = chains[0].Length;
        var acov = chains.Select(Autocovariance).ToArray();
        var means = chains.Select(c => c.Average()).ToArray();
        double grand = means.Average();
        double w = chains.Select((c, i) => acov[i][0] * n / (n - 1)).Average();   // mean within-chain variance
        double b = n * means.Sum(v => (v - grand) * (v - grand)) / (m - 1);        // between-chain variance
        double varPlus = ((n - 1.0) / n * w) + (b / n);
        double Rho(int t) => 1 - ((w - acov.Average(a => a[t])) / varPlus);

        // Pair sums P_k = ρ_2k + ρ_2k+1, kept while positive; then made monotone (Geyer 1992).
        var rho = new List<double> { 1, Rho(1) };
        var pairs = new List<double>();
        for (int t = 0; t + 1 < n; t += 2)
        {
            double p = (t == 0 ? 1 : Rho(t)) + Rho(t + 1);
            if (t > 0 && p < 0) break;
            if (t > 0 && t >= n - 4) break;
            pairs.Add(p);
        }
        for (int k = 1; k < pairs.Count; k++) pairs[k] = Math.Min(pairs[k], pairs[k - 1]);
        // τ = -1 + 2 Σ P_k, plus the last positive even lag (the "improved" Stan estimate).
        int last = 2 * pairs.Count;
        double even = last < n ? Rho(last) : 0;
        double tau = -1 + (2 * pairs.Sum()) + (even > 0 ? even : 0);
        double total = m * n;
        return total / Math.Max(tau, 1 / Math.Log10(total));
    }

    public static double Rhat(double[][] chains)
    {
        int m = chains.Length, n = chains[0].Length;
        var means = chains.Select(c => c.Average()).ToArray();
        double grand = means.Average();
        double b = n * means.Sum(v => (v - grand) * (v - grand)) / (m - 1);
        double w = chains.Select((c, i) => c.Sum(v => (v - means[i]) * (v - means[i])) / (n - 1)).Average();
        return Math.Sqrt((((n - 1.0) / n * w) + (b / n)) / w);
    }
}
