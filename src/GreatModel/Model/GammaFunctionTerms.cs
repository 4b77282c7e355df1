using MathNet.Numerics;

namespace GreatModel.Model;

/// <summary>
/// The combinations of log Γ and its derivatives that the full conditional of ν is made of, each computed without
/// the cancellation of its plain form: for large z, z·log z − z − log Γ(z) is the difference of two numbers near
/// z·log z (at ν = 1e6, 6.6e6 apart from a result of 6.6), so past <see cref="SeriesFrom"/> they are summed from
/// their asymptotic (Stirling) series instead. Below it, MathNet.Numerics' log Γ and ψ.
/// </summary>
internal static class GammaFunctionTerms
{
    /// <summary>Where the series take over: at z = 10 their first omitted terms are below 1e-12 (8.4e-13 at most).</summary>
    public const double SeriesFrom = 10;

    /// <summary>z·log z − z − log Γ(z). Range: z &gt; 0.</summary>
    public static double StirlingGap(double z) => StirlingGap(z, Math.Log(z));

    /// <summary><see cref="StirlingGap(double)"/> given log z (computed once for several terms).</summary>
    public static double StirlingGap(double z, double logZ)
    {
        if (z < SeriesFrom) return (z * logZ) - z - SpecialFunctions.GammaLn(z);
        double r = 1 / z, r2 = r * r;
        // log Γ(z) = (z − ½)·log z − z + ½·log 2π + 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷) + …
        return (0.5 * logZ) - (0.5 * Math.Log(2 * Math.PI))
            - (r * ((1.0 / 12) - (r2 * ((1.0 / 360) - (r2 * ((1.0 / 1260) - (r2 / 1680)))))));
    }

    /// <summary>log z − ψ(z), the derivative of <see cref="StirlingGap(double)"/>. Range: z &gt; 0; result &gt; 0.</summary>
    public static double LogMinusDigamma(double z) => LogMinusDigamma(z, z < SeriesFrom ? Math.Log(z) : 0);

    /// <summary><see cref="LogMinusDigamma(double)"/> given log z (computed once for several terms; read below <see cref="SeriesFrom"/> only).</summary>
    public static double LogMinusDigamma(double z, double logZ)
    {
        if (z < SeriesFrom) return logZ - SpecialFunctions.DiGamma(z);
        double r = 1 / z, r2 = r * r;
        // ψ(z) = log z − 1/(2z) − 1/(12z²) + 1/(120z⁴) − 1/(252z⁶) + 1/(240z⁸) − …
        return (0.5 * r) + (r2 * ((1.0 / 12) - (r2 * ((1.0 / 120) - (r2 * ((1.0 / 252) - (r2 / 240)))))));
    }

    /// <summary>ψ'(z), the trigamma function (not in MathNet.Numerics): the recurrence ψ'(z) = ψ'(z + 1) + 1/z² up to z ≥ 10, then its series. Range: z &gt; 0.</summary>
    public static double Trigamma(double z)
    {
        double sum = 0;
        for (; z < SeriesFrom; z++) sum += 1 / (z * z);
        double r = 1 / z, r2 = r * r;
        return sum + (r * (1 + (r * (0.5 + (r * ((1.0 / 6) - (r2 * ((1.0 / 30) - (r2 * ((1.0 / 42) - (r2 / 30)))))))))));
    }

    /// <summary>
    /// log Γ((ν+1)/2) − log Γ(ν/2) − ½·log ν: the ν-dependent constant of the t density's logarithm (its −½·log(πσ²) aside).
    /// Written with z = ν/2 as (z + ½)·log1p(1/(2z)) − ½ − ½·log 2 − <see cref="StirlingGap(double)"/>(z + ½) + <see cref="StirlingGap(double)"/>(z),
    /// which has no difference of large numbers (the plain form loses 1e-9 of 6.6e6 at ν = 1e6, per datum).
    /// </summary>
    /// <param name="nu">ν. Range: &gt; 0.</param>
    public static double TDensityConstant(double nu)
    {
        double z = 0.5 * nu;
        return ((z + 0.5) * SpecialFunctions.Log1p(0.5 / z)) - 0.5 - (0.5 * Math.Log(2)) - StirlingGap(z + 0.5) + StirlingGap(z);
    }
}
