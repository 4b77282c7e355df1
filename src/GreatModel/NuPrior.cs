using System.Globalization;
using System.Text.RegularExpressions;

namespace GreatModel;

/// <summary>
/// The prior of ν when it is estimated (<see cref="SamplerOptions.EstimateNu"/>): Gamma(shape, rate), density
/// ∝ ν^(shape−1)·e^(−rate·ν), truncated to [<see cref="SamplerOptions.NuMin"/>, <see cref="SamplerOptions.NuMax"/>].
/// The default, Gamma(2, 0.1), is Juárez &amp; Steel's (2010), as brms uses it; Exponential(r) is Gamma(1, r).
/// Immutable.
/// </summary>
/// <param name="Shape">The gamma shape. Range: 0 &lt; shape ≤ <see cref="MaxParameter"/>.</param>
/// <param name="Rate">The gamma rate. Range: 0 &lt; rate ≤ <see cref="MaxParameter"/>.</param>
public sealed partial record NuPrior(double Shape, double Rate)
{
    /// <summary>Gamma(2, 0.1): mean 20, mode 10 (Juárez &amp; Steel 2010; brms's default).</summary>
    public static NuPrior Default { get; } = new(2, 0.1);

    /// <summary>Exponential(<paramref name="rate"/>) = Gamma(1, rate): mean 1/rate.</summary>
    /// <param name="rate">The rate. Range: &gt; 0, finite.</param>
    public static NuPrior Exponential(double rate) => new(1, rate);

    /// <summary>
    /// The largest shape or rate accepted (1e6): a shape beyond it pins ν to 0.1% (its prior sd/mean is 1/√shape), a
    /// rate beyond it to the lower end; such a prior is a fixed ν (fix it), and its log density's terms (shape·log ν,
    /// rate·ν) would swamp the data's in double precision.
    /// </summary>
    public const double MaxParameter = 1e6;

    /// <summary>Whether both parameters are in range: finite, &gt; 0 and at most <see cref="MaxParameter"/>.</summary>
    public bool IsValid => Shape > 0 && Shape <= MaxParameter && Rate > 0 && Rate <= MaxParameter;

    /// <summary>The prior's mean, shape/rate.</summary>
    public double Mean => Shape / Rate;

    /// <summary>The prior as written on a command line: <c>gamma(2, 0.1)</c>, or <c>exponential(0.1)</c> when the shape is 1.</summary>
    public override string ToString() => Shape == 1
        ? string.Create(CultureInfo.InvariantCulture, $"exponential({Rate:R})")
        : string.Create(CultureInfo.InvariantCulture, $"gamma({Shape:R}, {Rate:R})");

    /// <summary>
    /// Reads <c>gamma(A,B)</c> (shape A, rate B) or <c>exponential(R)</c>, any case and spacing; null when
    /// <paramref name="text"/> is neither (a value out of range still parses: <see cref="IsValid"/> says).
    /// </summary>
    /// <param name="text">The prior as written.</param>
    /// <returns>The prior, or null.</returns>
    public static NuPrior? Parse(string text)
    {
        var m = Form().Match(text);
        if (!m.Success) return null;
        static double Number(Group g) => double.Parse(g.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        return m.Groups["gamma"].Success
            ? new NuPrior(Number(m.Groups["a"]), Number(m.Groups["b"]))
            : Exponential(Number(m.Groups["r"]));
    }

    private const string NumberPattern = @"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?";

    [GeneratedRegex($@"^\s*(?:(?<gamma>gamma)\s*\(\s*(?<a>{NumberPattern})\s*,\s*(?<b>{NumberPattern})\s*\)|exponential\s*\(\s*(?<r>{NumberPattern})\s*\))\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Form();
}
