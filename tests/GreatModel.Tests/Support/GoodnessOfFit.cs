namespace GreatModel.Tests.Support;

/// <summary>Kolmogorov–Smirnov tests: one sample against a continuous CDF, or two samples against each other.</summary>
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

    /// <summary>Two-sample Kolmogorov–Smirnov test: do <paramref name="a"/> and <paramref name="b"/> come from one continuous distribution?</summary>
    public static (double D, double PValue) KolmogorovSmirnov(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var x = a.Order().ToArray();
        var y = b.Order().ToArray();
        int i = 0, j = 0;
        double d = 0;
        while (i < x.Length && j < y.Length)
        {
            double v = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] == v) i++;
            while (j < y.Length && y[j] == v) j++;
            d = Math.Max(d, Math.Abs(((double)i / x.Length) - ((double)j / y.Length)));
        }
        double n = (double)x.Length * y.Length / (x.Length + y.Length);
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
