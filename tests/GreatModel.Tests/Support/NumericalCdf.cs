namespace GreatModel.Tests.Support;

/// <summary>A distribution's CDF by quadrature of its log density: the exact side of goodness-of-fit tests with no closed form.</summary>
public static class NumericalCdf
{
    /// <summary>The CDF of exp(<paramref name="logDensity"/>) on [lo, hi] by the trapezoid rule on 200 001 points, interpolated linearly.</summary>
    public static Func<double, double> Of(Func<double, double> logDensity, double lo, double hi)
    {
        const int points = 200_001;
        var x = new double[points];
        var log = new double[points];
        for (int i = 0; i < points; i++)
        {
            x[i] = lo + ((hi - lo) * i / (points - 1));
            log[i] = logDensity(x[i]);
        }
        double top = log.Max();
        var cumulative = new double[points];
        for (int i = 1; i < points; i++)
            cumulative[i] = cumulative[i - 1] + (0.5 * (Math.Exp(log[i] - top) + Math.Exp(log[i - 1] - top)) * (x[i] - x[i - 1]));
        double total = cumulative[^1];
        return v =>
        {
            if (v <= lo) return 0;
            if (v >= hi) return 1;
            double at = (v - lo) / (hi - lo) * (points - 1);
            int i = Math.Min((int)at, points - 2);
            return (cumulative[i] + ((at - i) * (cumulative[i + 1] - cumulative[i]))) / total;
        };
    }
}
