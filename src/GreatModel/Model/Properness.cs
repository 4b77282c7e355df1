using System.Globalization;

namespace GreatModel.Model;

/// <summary>
/// When the posterior under p(μ, σ²) ∝ 1/σ² is proper, with room to spare (MODEL.md, "Properness"). With
/// n observations whose largest group of equal values has k members, integrating μ out near the tied
/// value leaves a likelihood that behaves as σ^(1−k+(n−k)ν) as σ → 0, so the posterior is proper iff
/// n ≥ 2 and δ = 1 − k + (n − k)·ν &gt; 0; the mass below σ = ε·scale is then of order ε^δ.
/// </summary>
internal static class Properness
{
    /// <summary>
    /// The smallest δ accepted (1). Near a datum the posterior density of log σ falls off only as
    /// e^(δ·log σ), so about e^(−34.5·δ)/δ of its mass has σ below 1e-15 × |x|, where a double can no
    /// longer hold μ − x apart from 0. A Gibbs chain that gets there has μ rounded onto the datum, the
    /// datum's latent U collapses with it, and σ² falls to underflow within a few sweeps: seen on two
    /// points within 852 sweeps at δ = 0.05 and 1 884 at δ = 0.1 (2.5% of the posterior mass is there).
    /// At δ = 1 that share is 1e-15. Runs whose answer doubles cannot hold are refused, not returned wrong.
    /// </summary>
    public const double MinimumMargin = 1;

    /// <summary>δ = 1 − k + (n − k)·ν.</summary>
    public static double Margin(int n, int k, double nu) => 1 - k + ((n - k) * nu);

    /// <summary>The smallest ν with δ ≥ <see cref="MinimumMargin"/>: k/(n − k).</summary>
    public static double MinimumNu(int n, int k) => (k - 1 + MinimumMargin) / (n - k);

    /// <summary>Throws <see cref="OptionOutOfRangeException"/> (for <paramref name="option"/>: <c>Nu</c>, or <c>NuMin</c> when ν is estimated) when ν is too small for these data.</summary>
    public static void Check(ObservedData data, double nu, string option = nameof(SamplerOptions.Nu))
    {
        var (k, value) = data.LargestTie;
        int n = data.Count;
        if (Margin(n, k, nu) >= MinimumMargin - 1e-12) return; // a boundary ν, e.g. 0.2 at n = 6, gives δ = 1 only to rounding
        var (least, improper) = Bounds(MinimumNu(n, k), (k - 1.0) / (n - k));
        string rule = k == 1
            ? $"must be at least {least} for {data.Source} (n = {n}): below it too much of the posterior lies where sigma is under 1e-15 of the data, which doubles cannot resolve (docs/MODEL.md, properness)"
            : string.Create(CultureInfo.InvariantCulture,
                $"must be at least {least} for {data.Source}: {k} of its {n} observations equal {value}, and the posterior is improper for nu <= {improper} (docs/MODEL.md, properness with ties)");
        throw new OptionOutOfRangeException(option, nu, rule);
    }

    /// <summary>
    /// The least ν accepted, rounded up to four significant digits (so the value printed is itself accepted), and the bound
    /// at or below which the posterior is improper, rounded down to six (so the statement stays true); more digits where
    /// these would print them equal (k/(n − k) = 100000 beside (k − 1)/(n − k) = 99999 printed "1E+05" twice); never in exponent form.
    /// </summary>
    private static (string Least, string Improper) Bounds(double least, double improper)
    {
        for (int digits = 4; ; digits++)
        {
            decimal up = Rounded(least, digits, Math.Ceiling), down = Rounded(improper, Math.Max(digits, 6), Math.Floor);
            if (up > down || digits >= 15) return (Plain(up), Plain(down));
        }
    }

    /// <summary>
    /// <paramref name="v"/> rounded to <paramref name="digits"/> significant digits, in decimal: in binary, 1 / 1e-5 is
    /// 99999.99999…, which rounded down printed the bound 1 as 0.99999 beside "at least 1.5".
    /// </summary>
    private static decimal Rounded(double v, int digits, Func<decimal, decimal> round)
    {
        decimal value = (decimal)v; // at most 15 significant digits: no binary noise left
        if (!(value > 0)) return value;
        int exponent = (int)Math.Floor(Math.Log10(v)) - (digits - 1);
        decimal unit = 1;
        for (int k = 0; k < Math.Abs(exponent); k++) unit *= 10;
        return exponent >= 0 ? round(value / unit) * unit : round(value * unit) / unit;
    }

    /// <summary>The value in positional notation (no exponent), without trailing zeros.</summary>
    private static string Plain(decimal v) => (v / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
