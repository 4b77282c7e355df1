using System.Globalization;
using System.Text.RegularExpressions;

namespace GreatModel;

/// <summary>
/// The prior of ν when it is estimated (<see cref="SamplerOptions.EstimateNu"/>): Gamma(shape, rate), density
/// ∝ ν^(shape−1)·e^(−rate·ν), truncated to [<see cref="SamplerOptions.NuMin"/>, <see cref="SamplerOptions.NuMax"/>].
/// The default, Gamma(2, 0.1), is Juárez &amp; Steel's (2010), as brms uses it; Exponential(r) is Gamma(1, r).
/// Immutable.
/// </summary>
/// <param name="Shape">The gamma shape. Range: &gt; 0, finite.</param>
/// <param name="Rate">The gamma rate. Range: &gt; 0, finite.</param>
public sealed partial record NuPrior(double Shape, double Rate)
{
    /// <summary>Gamma(2, 0.1): mean 20, mode 10 (Juárez &amp; Steel 2010; brms's default).</summary>
    public static NuPrior Default { get; } = new(2, 0.1);

    /// <summary>Exponential(<paramref name="rate"/>) = Gamma(1, rate): mean 1/rate.</summary>
    /// <param name="rate">The rate. Range: &gt; 0, finite.</param>
    public static NuPrior Exponential(double rate) => new(1, rate);

    /// <summary>Whether both parameters are in range (finite and &gt; 0).</summary>
    public bool IsValid => double.IsFinite(Shape) && Shape > 0 && double.IsFinite(Rate) && Rate > 0;

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
