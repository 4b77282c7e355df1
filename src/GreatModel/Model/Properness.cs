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
        string least = RoundUp(MinimumNu(n, k));
        string rule = k == 1
            ? $"must be at least {least} for {data.Source} (n = {n}): below it too much of the posterior lies where sigma is under 1e-15 of the data, which doubles cannot resolve (docs/MODEL.md, properness)"
            : string.Create(CultureInfo.InvariantCulture,
                $"must be at least {least} for {data.Source}: {k} of its {n} observations equal {value}, and the posterior is improper for nu <= {RoundUp((k - 1.0) / (n - k))} (docs/MODEL.md, properness with ties)");
        throw new OptionOutOfRangeException(option, nu, rule);
    }

    /// <summary>Four significant digits, rounded up, so the value printed is itself accepted.</summary>
    private static string RoundUp(double v)
    {
        double unit = Math.Pow(10, Math.Floor(Math.Log10(v)) - 3);
        return (Math.Ceiling(v / unit) * unit).ToString("G4", CultureInfo.InvariantCulture);
    }
}
