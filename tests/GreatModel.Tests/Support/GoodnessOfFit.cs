namespace GreatModel.Tests.Support;

/// <summary>One-sample Kolmogorov–Smirnov test against a continuous CDF.</summary>
public static class GoodnessOfFit
{
    public static (double D, double PValue) KolmogorovSmirnov(IEnumerable<double> samples, Func<double, double> cdf)
    {
        var x = samples.Order().ToArray();
        int n = x.Length;
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(x[i]);
            d = Math.Max(d, Math.Max(((i + 1.0) / n) - f, f - ((double)i / n)));
        }
        return (d, KolmogorovTail(d * (Math.Sqrt(n) + 0.12 + (0.11 / Math.Sqrt(n)))));
    }

    /// <summary>P(K &gt; t) for the Kolmogorov distribution (Stephens' small-sample correction applied by the caller).</summary>
    private static double KolmogorovTail(double t)
    {
        if (t < 0.2) return 1;
        double sum = 0;
        for (int k = 1; k <= 100; k++)
            sum += (k % 2 == 1 ? 2 : -2) * Math.Exp(-2.0 * k * k * t * t);
        return Math.Clamp(sum, 0, 1);
    }

    /// <summary>Fixed-seed tests: a p-value this small means the sampler is wrong, not unlucky (1 in 10^5).</summary>
    public const double RejectBelow = 1e-5;
}
