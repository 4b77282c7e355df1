using System.Globalization;

namespace GreatModel.Diagnostics;

/// <summary>
/// Which posterior moments of μ and σ² exist for n observations (MODEL.md, "Which posterior moments exist"): μ's marginal
/// posterior falls as |μ|^−n and σ²'s as (σ²)^−(n+1)/2 far out, whatever ν (fixed or estimated) and whatever ties, so μ has
/// a mean from n = 3 and an sd from n = 4, σ² a mean from n = 4 and an sd from n = 6. Below, the draws' average is a
/// number but estimates nothing (it wanders with the seed); a summary prints "—" for it and says why. ν's moments always
/// exist (its prior is a gamma on a bounded range).
/// </summary>
public static class PosteriorMoments
{
    /// <summary>Why <paramref name="parameter"/> has no posterior mean with <paramref name="n"/> observations; null when it has one.</summary>
    public static string? WhyNoMean(string parameter, int n) => parameter switch
    {
        "mu" when n < 3 => Reason(parameter, n, "|mu|^-" + Int(n), "mean or sd", "a mean", 3),
        "sigma2" when n < 4 => Reason(parameter, n, "sigma2^-" + Half(n + 1), "mean or sd", "a mean", 4),
        _ => null,
    };

    /// <summary>Why <paramref name="parameter"/> has no posterior sd with <paramref name="n"/> observations; null when it has one.</summary>
    public static string? WhyNoSd(string parameter, int n) => parameter switch
    {
        "mu" when n < 4 => Reason(parameter, n, "|mu|^-" + Int(n), "sd", "an sd", 4),
        "sigma2" when n < 6 => Reason(parameter, n, "sigma2^-" + Half(n + 1), "sd", "an sd", 6),
        _ => null,
    };

    private static string Reason(string parameter, int n, string tail, string missing, string needed, int needs) =>
        $"{parameter}: its posterior has no {missing} with n = {Int(n)} (its tail falls as {tail}; {needed} needs n >= {Int(needs)}), so '—' is printed; the quantiles hold";

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Half(int v) => v % 2 == 0 ? Int(v / 2) : Int(v) + "/2";
}
