using System.Globalization;
using GreatModel.Model;
using MathNet.Numerics;

namespace GreatModel.Diagnostics;

/// <summary>
/// Pareto-smoothed importance-sampling leave-one-out cross-validation (Vehtari, Gelman &amp; Gabry 2017; Vehtari, Simpson,
/// Gelman, Yao &amp; Gabry 2024), as R's <c>loo</c> 2.5 computes it: per observation, the importance ratios 1/p(y_i | θ_s)
/// with the largest M = ⌈min(0.2·S, 3·√(S/r_eff))⌉ replaced by the quantiles of a generalized Pareto fitted to them
/// (Zhang &amp; Stephens 2009, with loo's weakly informative prior on k), truncated at the largest raw ratio; r_eff from the
/// chains' autocorrelation of exp(ll). Streaming: one observation's S log-likelihoods at a time (the draws of μ, σ², ν
/// are held, never the n × S matrix); observations in parallel, each computed alone, so the result does not depend on the
/// threads.
/// </summary>
public static class PsisLoo
{
    /// <summary>loo's minimum tail length for a fit (<c>enough_tail_samples</c>).</summary>
    private const int MinimumTail = 5;

    /// <summary>R's <c>.Machine$double.eps</c>, 2⁻⁵².</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// PSIS-LOO of the Student-t model with draws <paramref name="mu"/>, <paramref name="sigma2"/> and <paramref name="nu"/>
    /// (each [chain][draw]; ν null: fixed at <paramref name="fixedNu"/>) on <paramref name="data"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The chains differ in length, or hold fewer than 4 draws.</exception>
    public static LooResult Of(ObservedData data, IReadOnlyList<double[]> mu, IReadOnlyList<double[]> sigma2, IReadOnlyList<double[]>? nu, double fixedNu)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(mu);
        ArgumentNullException.ThrowIfNull(sigma2);
        int chains = mu.Count, draws = mu[0].Length;
        if (draws < 4 || mu.Any(c => c.Length != draws) || sigma2.Count != chains || sigma2.Any(c => c.Length != draws) || (nu is not null && (nu.Count != chains || nu.Any(c => c.Length != draws))))
            throw new ArgumentException("every chain of mu, sigma2 (and nu) needs the same number of draws, at least 4", nameof(mu));
        // One density per draw, chain-major (chain 0's draws, then chain 1's, …), made once and shared by every observation.
        var densities = new StudentTLogDensity[chains * draws];
        for (int c = 0; c < chains; c++)
        {
            for (int s = 0; s < draws; s++)
                densities[(c * draws) + s] = new StudentTLogDensity(mu[c][s], sigma2[c][s], nu is null ? fixedNu : nu[c][s]);
        }
        var values = data.ToArray();
        return Compute(values.Length, chains, draws, (i, ll) =>
        {
            double y = values[i];
            for (int s = 0; s < ll.Length; s++) ll[s] = densities[s].At(y);
        });
    }

    /// <summary>
    /// PSIS-LOO from any log-likelihood: <paramref name="logLikelihood"/>(i, ll) fills ll (length chains × draws, chain-major)
    /// with observation i's log-likelihood at every draw.
    /// </summary>
    public static LooResult Compute(int observations, int chains, int drawsPerChain, Action<int, Span<double>> logLikelihood)
    {
        ArgumentNullException.ThrowIfNull(logLikelihood);
        ArgumentOutOfRangeException.ThrowIfLessThan(observations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chains, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(drawsPerChain, 4);
        int total = chains * drawsPerChain;
        var elpd = new double[observations];
        var pLoo = new double[observations];
        var k = new double[observations];
        var nEff = new double[observations];
        var rEff = new double[observations];
        Parallel.For(0, observations, () => new double[total], (i, _, ll) =>
        {
            logLikelihood(i, ll);
            (elpd[i], pLoo[i], k[i], nEff[i], rEff[i]) = Pointwise(ll, chains, drawsPerChain);
            return ll;
        }, _ => { });
        return new LooResult
        {
            ElpdLoo = elpd.Sum(),
            ElpdLooSe = StandardError(elpd),
            PLoo = pLoo.Sum(),
            PLooSe = StandardError(pLoo),
            PointwiseElpd = elpd,
            ParetoK = k,
            RelativeEfficiency = rEff,
            ParetoKTable = Table(k, nEff),
            Size = (total, observations),
        };
    }

    /// <summary>√(n · var(x)), the sample variance: loo's <c>table_of_estimates</c>.</summary>
    private static double StandardError(double[] x)
    {
        double mean = x.Average();
        return Math.Sqrt(x.Length * x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
    }

    private static readonly (string Range, string Label, double Upper)[] Ranges =
        [("(-Inf, 0.5]", "good", 0.5), ("(0.5, 0.7]", "ok", 0.7), ("(0.7, 1]", "bad", 1), ("(1, Inf)", "very bad", double.PositiveInfinity)];

    private static ParetoKRow[] Table(double[] k, double[] nEff)
    {
        var rows = new ParetoKRow[Ranges.Length];
        double lower = double.NegativeInfinity;
        for (int r = 0; r < Ranges.Length; r++)
        {
            var (range, label, upper) = Ranges[r];
            var inRange = Enumerable.Range(0, k.Length).Where(i => k[i] > lower && (k[i] <= upper || double.IsPositiveInfinity(upper))).ToArray();
            rows[r] = new ParetoKRow(range, label, inRange.Length, (double)inRange.Length / k.Length, inRange.Length == 0 ? null : inRange.Min(i => nEff[i]));
            lower = upper;
        }
        return rows;
    }

    /// <summary>One observation: elpd_loo_i, p_loo_i, k̂, the PSIS effective sample size and r_eff (loo's <c>do_psis_i</c> and <c>pointwise_loo_calcs</c>).</summary>
    private static (double Elpd, double PLoo, double K, double NEff, double REff) Pointwise(double[] ll, int chains, int draws)
    {
        int total = ll.Length;
        double rEff = RelativeEfficiency(ll, chains, draws);
        var lw = new double[total];
        double maxRatio = double.NegativeInfinity;
        foreach (double v in ll) maxRatio = Math.Max(maxRatio, -v);
        for (int s = 0; s < total; s++) lw[s] = -ll[s] - maxRatio;
        double k = double.PositiveInfinity;
        int tail = (int)Math.Ceiling(Math.Min(0.2 * total, 3 * Math.Sqrt(total / rEff)));
        if (tail >= MinimumTail && tail < total)
        {
            var order = StableOrder(lw);
            var tailValues = new double[tail];
            for (int j = 0; j < tail; j++) tailValues[j] = lw[order[total - tail + j]];
            if (Math.Abs(tailValues[^1] - tailValues[0]) >= MachineEpsilon / 100) // a flat tail cannot be fitted: k̂ stays +∞
            {
                double cutoff = lw[order[total - tail - 1]];
                var (fittedK, smoothed) = SmoothTail(tailValues, cutoff);
                k = fittedK;
                for (int j = 0; j < tail; j++) lw[order[total - tail + j]] = smoothed[j];
            }
        }
        for (int s = 0; s < total; s++) lw[s] = Math.Min(lw[s], 0) + maxRatio; // truncated at the largest raw ratio
        double norm = LogSumExp(lw);
        double sumSquares = 0;
        var llPlusLw = new double[total];
        for (int s = 0; s < total; s++)
        {
            double normalized = lw[s] - norm;
            llPlusLw[s] = ll[s] + normalized;
            double w = Math.Exp(normalized);
            sumSquares += w * w;
        }
        double elpd = LogSumExp(llPlusLw);
        double lpd = LogSumExp(ll) - Math.Log(total);
        return (elpd, lpd - elpd, k, rEff / sumSquares, rEff);
    }

    /// <summary>
    /// The draws' indices in ascending order of <paramref name="values"/>, ties in index order: R's
    /// <c>sort.int(index.return = TRUE)</c> (a stable radix sort). Array.Sort's introsort on the values, then each run of
    /// equal values put back in index order (cheaper than a comparer sort of pairs; ties are rare in continuous draws).
    /// </summary>
    private static int[] StableOrder(double[] values)
    {
        var keys = (double[])values.Clone();
        var order = new int[values.Length];
        for (int s = 0; s < order.Length; s++) order[s] = s;
        Array.Sort(keys, order);
        for (int start = 0; start < keys.Length;)
        {
            int end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            if (end - start > 1) Array.Sort(order, start, end - start);
            start = end;
        }
        return order;
    }

    /// <summary>loo's <c>psis_smooth_tail</c>: the tail (sorted ascending, log scale) replaced by the fitted generalized Pareto's quantiles.</summary>
    private static (double K, double[] Tail) SmoothTail(double[] tail, double cutoff)
    {
        int len = tail.Length;
        double expCutoff = Math.Exp(cutoff);
        var x = new double[len];
        for (int j = 0; j < len; j++) x[j] = Math.Exp(tail[j]) - expCutoff;
        var (k, sigma) = FitGeneralizedPareto(x);
        if (!double.IsFinite(k)) return (k, tail);
        var smoothed = new double[len];
        for (int j = 0; j < len; j++)
        {
            double p = (j + 1 - 0.5) / len;
            double quantile = double.IsNaN(sigma) || sigma <= 0 ? double.NaN : sigma * SpecialFunctions.Expm1(-k * SpecialFunctions.Log1p(-p)) / k; // loo's qgpd
            smoothed[j] = Math.Log(quantile + expCutoff);
        }
        return (k, smoothed);
    }

    /// <summary>
    /// loo's <c>gpdfit</c>: Zhang &amp; Stephens' (2009) posterior-mean estimate of the generalized Pareto's (k, σ) on the sorted
    /// exceedances <paramref name="x"/>, over a grid of 30 + ⌊√N⌋ points, with k shrunk towards 0.5 (weight 10 observations).
    /// </summary>
    private static (double K, double Sigma) FitGeneralizedPareto(double[] x)
    {
        int n = x.Length;
        const double prior = 3;
        int m = 30 + (int)Math.Floor(Math.Sqrt(n));
        double xStar = x[(int)Math.Floor((n / 4.0) + 0.5) - 1]; // R's 1-based x[floor(N/4 + 0.5)]: the first quartile
        var theta = new double[m];
        var logLikelihood = new double[m];
        var scratch = new double[n];
        for (int j = 0; j < m; j++)
        {
            theta[j] = (1 / x[n - 1]) + ((1 - Math.Sqrt(m / (j + 1 - 0.5))) / prior / xStar);
            double kj = MeanLog1p(-theta[j], x, scratch);
            logLikelihood[j] = n * (Math.Log(-theta[j] / kj) - kj - 1);
        }
        double top = LogSumExp(logLikelihood), thetaHat = 0;
        for (int j = 0; j < m; j++) thetaHat += theta[j] * Math.Exp(logLikelihood[j] - top);
        double k = MeanLog1p(-thetaHat, x, scratch);
        double sigma = -k / thetaHat;
        k = (k * n / (n + 10.0)) + (10 * 0.5 / (n + 10.0)); // loo's adjust_k_wip
        return (double.IsNaN(k) ? double.PositiveInfinity : k, sigma);
    }

    /// <summary>mean(log1p(a·x)), R's two-pass mean (the sum's rounding corrected by the mean of the residuals); <paramref name="scratch"/> holds the terms, so each log1p is taken once.</summary>
    private static double MeanLog1p(double a, double[] x, double[] scratch)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += scratch[i] = SpecialFunctions.Log1p(a * x[i]);
        double mean = sum / x.Length, residual = 0;
        for (int i = 0; i < x.Length; i++) residual += scratch[i] - mean;
        return mean + (residual / x.Length);
    }

    private static double LogSumExp(ReadOnlySpan<double> x)
    {
        double max = double.NegativeInfinity;
        foreach (double v in x) max = Math.Max(max, v);
        if (double.IsNegativeInfinity(max)) return max;
        double sum = 0;
        foreach (double v in x) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }

    /// <summary>
    /// loo's <c>relative_eff(exp(ll), chain_id)</c>: the ESS of exp(ll) over the chains (<c>ess_rfun</c>: Geyer's initial
    /// monotone sequence, no split) divided by the draws. loo's autocovariance is scaled by M/N, M the FFT's "good size"
    /// at or above N (its normalisation divides by N² where the padded transform has 2M points): kept, so r_eff is loo's.
    /// </summary>
    private static double RelativeEfficiency(double[] ll, int chains, int draws)
    {
        var exp = new double[chains][];
        for (int c = 0; c < chains; c++)
        {
            exp[c] = new double[draws];
            for (int s = 0; s < draws; s++) exp[c][s] = Math.Exp(ll[(c * draws) + s]);
        }
        // exp(ll) the same at every draw (all underflowed to 0: a far outlier): loo's ess_rfun divides 0 by 0, stops its
        // sequence at once and takes τ = 2, so r_eff = 0.5 (Convergence calls such an ESS undefined).
        if (exp.All(chain => chain.All(v => v == exp[0][0]))) return 0.5;
        double ess = Convergence.EffectiveSampleSize(exp, (double)FftGoodSize(draws) / draws);
        return ess / ll.Length;
    }

    /// <summary>loo's <c>fft_next_good_size</c>: the least N' ≥ N with no prime factor above 5 (2 for N ≤ 2).</summary>
    private static int FftGoodSize(int n)
    {
        if (n <= 2) return 2;
        for (; ; n++)
        {
            int m = n;
            while (m % 2 == 0) m /= 2;
            while (m % 3 == 0) m /= 3;
            while (m % 5 == 0) m /= 5;
            if (m <= 1) return n;
        }
    }

    /// <summary>The estimates as loo prints them (for a console), with the Pareto k table.</summary>
    public static string Describe(LooResult loo)
    {
        ArgumentNullException.ThrowIfNull(loo);
        var w = new System.Text.StringBuilder();
        w.AppendLine(CultureInfo.InvariantCulture, $"PSIS-LOO from {loo.Size.Draws} draws × {loo.Size.Observations} observations (r_eff from the chains):");
        w.AppendLine("           Estimate       SE");
        w.AppendLine(CultureInfo.InvariantCulture, $"elpd_loo {loo.ElpdLoo,10:F1} {loo.ElpdLooSe,8:F1}");
        w.AppendLine(CultureInfo.InvariantCulture, $"p_loo    {loo.PLoo,10:F1} {loo.PLooSe,8:F1}");
        w.AppendLine(CultureInfo.InvariantCulture, $"looic    {loo.LooIc,10:F1} {loo.LooIcSe,8:F1}");
        w.AppendLine("Pareto k diagnostic values:");
        w.AppendLine("                         Count  Pct.    Min. n_eff");
        foreach (var row in loo.ParetoKTable)
        {
            string minEff = row.MinEffectiveSize is { } e ? e.ToString("F0", CultureInfo.InvariantCulture) : "--";
            w.AppendLine(CultureInfo.InvariantCulture, $"{row.Range,12} {"(" + row.Label + ")",-10} {row.Count,6} {row.Proportion * 100,5:F1}%  {minEff,10}");
        }
        return w.ToString();
    }
}
