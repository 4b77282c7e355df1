namespace GreatModel.Tests.Support;

/// <summary>
/// The exact posterior of (mu, sigma2) by 2-D quadrature of the t likelihood under p(mu, sigma2) ∝ 1/sigma2,
/// on a fine grid in (mu, log sigma2): there the prior times the Jacobian is flat, so the density is the
/// likelihood alone. The grid is placed by a coarse pass, then refined to ±9 posterior sd.
/// </summary>
public sealed record ExactPosterior(double MeanMu, double SdMu, double MeanSigma2, double SdSigma2)
{
    /// <summary>
    /// For large n, whose posterior is far narrower than the data's spread: the window is re-centred on the previous pass's
    /// ±9 sd three times (a first grid of the data's range cannot place it), each pass on a <paramref name="points"/>² grid.
    /// </summary>
    public static ExactPosterior ComputeNarrow(IReadOnlyList<double> x, double nu, int points = 150)
    {
        var sorted = x.Order().ToArray();
        double median = sorted[sorted.Length / 2];
        double mad = sorted.Select(v => Math.Abs(v - median)).Order().ElementAt(sorted.Length / 2) + 1e-12;
        var pass = Integrate(x, nu, median - mad, median + mad, (2 * Math.Log(1.4826 * mad)) - 1, (2 * Math.Log(1.4826 * mad)) + 1, points);
        for (int i = 0; i < 3; i++)
        {
            var r = pass.Result;
            pass = Integrate(x, nu, r.MeanMu - (9 * r.SdMu), r.MeanMu + (9 * r.SdMu),
                pass.MeanLogSigma2 - (9 * pass.SdLogSigma2), pass.MeanLogSigma2 + (9 * pass.SdLogSigma2), points);
        }
        return pass.Result;
    }

    public static ExactPosterior Compute(IReadOnlyList<double> x, double nu)
    {
        var sorted = x.Order().ToArray();
        double median = sorted[sorted.Length / 2];
        double mad = sorted.Select(v => Math.Abs(v - median)).Order().ElementAt(sorted.Length / 2) + 1e-12;
        double muSpan = 20 * mad, logCenter = 2 * Math.Log(1.4826 * mad);
        var coarse = Integrate(x, nu, median - muSpan, median + muSpan, logCenter - 8, logCenter + 8, 200);
        double logMean = coarse.MeanLogSigma2, logSd = coarse.SdLogSigma2;
        return Integrate(x, nu, coarse.Result.MeanMu - (9 * coarse.Result.SdMu), coarse.Result.MeanMu + (9 * coarse.Result.SdMu),
            logMean - (9 * logSd), logMean + (9 * logSd), 600).Result;
    }

    /// <summary>
    /// The trapezoid rule on a points × points grid over [muLo, muHi] × [lLo, lHi] (l = log σ²) of the t likelihood's
    /// ν-free part, Π (1 + d²/(νσ²))^(−(ν+1)/2) / σ^n: the moments of (μ, σ²), those of log σ², and the log of the integral.
    /// </summary>
    internal static (ExactPosterior Result, double MeanLogSigma2, double SdLogSigma2, double LogIntegral) Integrate(
        IReadOnlyList<double> x, double nu, double muLo, double muHi, double lLo, double lHi, int points)
    {
        var logDensity = new double[points, points];
        double max = double.NegativeInfinity;
        double half = (nu + 1) / 2;
        Parallel.For(0, points, i =>
        {
            double mu = muLo + ((muHi - muLo) * i / (points - 1));
            for (int j = 0; j < points; j++)
            {
                double l = lLo + ((lHi - lLo) * j / (points - 1));
                double sigma2 = Math.Exp(l), sum = -0.5 * x.Count * l;
                foreach (double xi in x)
                {
                    double d = xi - mu;
                    sum -= half * Math.Log(1 + (d * d / (nu * sigma2)));
                }
                logDensity[i, j] = sum;
            }
        });
        foreach (double v in logDensity) max = Math.Max(max, v);
        double z = 0, m1 = 0, m2 = 0, s1 = 0, s2 = 0, l1 = 0, l2 = 0;
        for (int i = 0; i < points; i++)
        {
            double mu = muLo + ((muHi - muLo) * i / (points - 1));
            for (int j = 0; j < points; j++)
            {
                double l = lLo + ((lHi - lLo) * j / (points - 1));
                // Trapezoid weights; the edges carry negligible mass by construction.
                double w = Math.Exp(logDensity[i, j] - max) * (i is 0 || i == points - 1 ? 0.5 : 1) * (j is 0 || j == points - 1 ? 0.5 : 1);
                double sigma2 = Math.Exp(l);
                z += w;
                m1 += w * mu;
                m2 += w * mu * mu;
                s1 += w * sigma2;
                s2 += w * sigma2 * sigma2;
                l1 += w * l;
                l2 += w * l * l;
            }
        }
        double cell = (muHi - muLo) / (points - 1) * (lHi - lLo) / (points - 1);
        double logIntegral = max + Math.Log(z * cell);
        m1 /= z; m2 /= z; s1 /= z; s2 /= z; l1 /= z; l2 /= z;
        return (new ExactPosterior(m1, Math.Sqrt(m2 - (m1 * m1)), s1, Math.Sqrt(s2 - (s1 * s1))), l1, Math.Sqrt(l2 - (l1 * l1)), logIntegral);
    }
}
