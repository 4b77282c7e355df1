using MathNet.Numerics;

namespace GreatModel.Model;

/// <summary>
/// Exact draws from a log-concave density g on [lower, upper] by rejection under a hull of tangents (the upper hull
/// of Gilks &amp; Wild's adaptive rejection sampling, fixed: no adaptation). The tangents touch at the mode m and at
/// m ± √2·s, s = 1/√(−g''(m)), where they fit a normal best: the hull's area is then 2√2/√(2π) = 1.13 times the
/// normal's, so about 1.13 trials per draw. Because g is concave every tangent lies above it, so the hull bounds
/// the density and each accepted point is an exact draw, whatever the tangents' placement (only the acceptance
/// rate depends on it). The mode is found by Newton's method on g' kept inside a bracket.
/// </summary>
internal static class TangentHullSampler
{
    /// <summary>Trials before giving up: at the worst placement, far above what a valid hull needs (a failure returns NaN).</summary>
    private const int MaxTrials = 1000;

    /// <summary>
    /// One exact draw from exp(<paramref name="g"/>) on [<paramref name="lower"/>, <paramref name="upper"/>], or NaN when the
    /// density is not finite there (the caller reports the numerical failure).
    /// </summary>
    /// <typeparam name="TDensity">The density (a struct, so the calls inline).</typeparam>
    /// <param name="g">The log density. Range: concave on the interval.</param>
    /// <param name="lower">The interval's lower end. Range: finite.</param>
    /// <param name="upper">Its upper end. Range: finite, &gt; lower.</param>
    /// <param name="start">Where the mode search starts (e.g. the previous draw). Range: any; clamped into the interval.</param>
    /// <param name="rng">Uniforms.</param>
    /// <returns>The draw, in [lower, upper]; NaN when the density is not finite.</returns>
    public static double Draw<TDensity>(in TDensity g, double lower, double upper, double start, System.Random rng)
        where TDensity : struct, ILogConcaveDensity
    {
        double mode = Mode(g, lower, upper, start);
        if (double.IsNaN(mode)) return double.NaN;
        double curvature = g.Curvature(mode);
        double spread = curvature < 0 ? Math.Sqrt(2 / -curvature) : upper - lower;

        Span<double> at = stackalloc double[3], value = stackalloc double[3], slope = stackalloc double[3];
        int points = 0;
        foreach (double x in (ReadOnlySpan<double>)[mode - spread, mode, mode + spread])
        {
            if (x < lower || x > upper || (x != mode && Math.Abs(x - mode) < 1e-12 * (1 + Math.Abs(mode)))) continue;
            at[points] = x;
            (value[points], slope[points]) = g.ValueAndSlope(x);
            if (!double.IsFinite(value[points]) || !double.IsFinite(slope[points])) return double.NaN;
            points++;
        }

        // Segment j of the hull is tangent j over [edge j, edge j+1]: edges are the interval's ends and the tangents' crossings.
        Span<double> edge = stackalloc double[4], area = stackalloc double[3];
        edge[0] = lower;
        edge[points] = upper;
        for (int j = 0; j + 1 < points; j++)
        {
            double fall = slope[j] - slope[j + 1]; // ≥ 0: g is concave
            double crossing = fall > 1e-300
                ? (value[j + 1] - value[j] + (slope[j] * at[j]) - (slope[j + 1] * at[j + 1])) / fall
                : 0.5 * (at[j] + at[j + 1]);
            edge[j + 1] = Math.Clamp(crossing, at[j], at[j + 1]);
        }
        double top = value[0]; // areas relative to e^top: no overflow
        for (int j = 1; j < points; j++) top = Math.Max(top, value[j]);
        double total = 0;
        for (int j = 0; j < points; j++)
        {
            area[j] = SegmentArea(value[j] - top, slope[j], at[j], edge[j], edge[j + 1]);
            total += area[j];
        }
        if (!(total > 0) || !double.IsFinite(total)) return double.NaN;

        for (int trial = 0; trial < MaxTrials; trial++)
        {
            double pick = rng.NextDouble() * total;
            int j = 0;
            while (j < points - 1 && pick >= area[j])
            {
                pick -= area[j];
                j++;
            }
            double x = Math.Clamp(InSegment(slope[j], edge[j], edge[j + 1], rng.NextDouble()), edge[j], edge[j + 1]);
            double hull = value[j] + (slope[j] * (x - at[j]));
            if (Math.Log(rng.NextDouble()) <= g.Log(x) - hull) return x;
        }
        return double.NaN;
    }

    /// <summary>The mode of g on the interval: an end when g' says so, else Newton's method on g' inside a shrinking bracket.</summary>
    private static double Mode<TDensity>(in TDensity g, double lower, double upper, double start)
        where TDensity : struct, ILogConcaveDensity
    {
        if (!(g.Slope(lower) > 0)) return double.IsNaN(g.Slope(lower)) ? double.NaN : lower;
        if (!(g.Slope(upper) < 0)) return double.IsNaN(g.Slope(upper)) ? double.NaN : upper;
        double lo = lower, hi = upper, x = Math.Clamp(start, lower, upper);
        for (int i = 0; i < 100; i++)
        {
            var (s, c) = g.SlopeAndCurvature(x);
            if (double.IsNaN(s)) return double.NaN;
            if (s > 0) lo = x;
            else hi = x;
            double next = c < 0 ? x - (s / c) : double.NaN;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi); // Newton left the bracket: bisect
            if (Math.Abs(next - x) < 1e-9 * (1 + Math.Abs(x)) || hi - lo < 1e-12 * (1 + Math.Abs(x))) return next;
            x = next;
        }
        return x;
    }

    /// <summary>∫ exp(v + s·(x − at)) dx over [a, b] (v relative to the hull's top), without overflow or cancellation.</summary>
    private static double SegmentArea(double v, double s, double at, double a, double b)
    {
        double width = b - a;
        if (width <= 0) return 0;
        if (Math.Abs(s) * width < 1e-12) return width * Math.Exp(v + (s * (0.5 * (a + b) - at)));
        return s > 0
            ? Math.Exp(v + (s * (b - at))) * -SpecialFunctions.Expm1(-s * width) / s
            : Math.Exp(v + (s * (a - at))) * -SpecialFunctions.Expm1(s * width) / -s;
    }

    /// <summary>The point of [a, b] at which the density ∝ e^(s·x) restricted there has cumulative probability v.</summary>
    private static double InSegment(double s, double a, double b, double v)
    {
        double width = b - a;
        if (Math.Abs(s) * width < 1e-12) return a + (v * width);
        // s > 0: count from b, where the density is largest; s < 0: from a. Either way no e^(|s|·width) is formed.
        return s > 0
            ? b + (Math.Log(v + ((1 - v) * Math.Exp(-s * width))) / s)
            : a + (SpecialFunctions.Log1p(v * SpecialFunctions.Expm1(s * width)) / s);
    }
}
