using System.Text.Json;
using GreatModel.Model;
using MathNet.Numerics.Statistics;

namespace GreatModel.Diagnostics;

/// <summary>One row of an ArviZ-style summary (az.summary's columns plus the 5/50/95% quantiles).</summary>
public sealed record ParameterSummary(
    string Name, double Mean, double Sd, double Q05, double Q50, double Q95, double Hdi3, double Hdi97,
    double McseMean, double McseSd, double EssBulk, double EssTail, double Rhat)
{
    /// <summary>Below this bulk or tail ESS, summaries are not reliable (Vehtari et al. 2021 suggest 400).</summary>
    public const double MinimumEss = 400;

    /// <summary>Above this R-hat the chains have not mixed (Vehtari et al. 2021).</summary>
    public const double MaximumRhat = 1.01;

    /// <summary>
    /// Why the mean or sd is not given (<see cref="PosteriorMoments"/>: too few observations for the posterior to have them;
    /// they are then NaN, printed "—", null in JSON); null when both exist or the observations were not given.
    /// </summary>
    public string? MomentsNote { get; init; }

    /// <summary>What a user should know about these draws, in words; empty when all is well.</summary>
    public IEnumerable<string> Warnings()
    {
        if (MomentsNote is not null) yield return MomentsNote;
        foreach (string warning in ConvergenceWarnings()) yield return warning;
    }

    /// <summary>What a user should know of the chains' convergence, in words; empty when they pass (R̂, ESS).</summary>
    public IEnumerable<string> ConvergenceWarnings()
    {
        // Name what is undefined: a message that called R-hat undefined and then quoted it read as a contradiction.
        string? undefined = (double.IsNaN(EssBulk) || double.IsNaN(EssTail), double.IsNaN(Rhat)) switch
        {
            (true, true) => "the effective sample size and R-hat are",
            (true, false) => "the effective sample size is",
            (false, true) => "R-hat is",
            _ => null,
        };
        if (Sd == 0)
        {
            // Not "too few draws": a parameter that never moved (e.g. ν pinned by its prior or range) has no spread to assess.
            yield return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{Name}: every draw is {Mean:G6}: it never moved (a prior or range that pins it?), so its convergence cannot be checked.");
            yield break;
        }
        if (undefined is not null)
            yield return $"{Name}: {undefined} undefined (too few draws per chain: they need 6 or more, or every draw is the same), so convergence cannot be checked. Draw more samples.";
        if (Rhat > MaximumRhat)
            yield return $"{Name}: R-hat is {Rhat:F3} (> {MaximumRhat}): the chains (and each chain's two halves) disagree, so they have not converged. Run more burn-in and samples.";
        double ess = Math.Min(EssBulk, EssTail);
        if (ess < MinimumEss)
            yield return $"{Name}: effective sample size is only {ess:F0} (< {MinimumEss}): the summaries are noisy. Draw more samples or chains.";
    }

    /// <summary>The shortest interval holding <paramref name="mass"/> of the draws (ArviZ's hdi for one mode).</summary>
    public static (double Low, double High) HighestDensityInterval(double[] draws, double mass)
    {
        ArgumentNullException.ThrowIfNull(draws);
        return ShortestInterval(draws.Order().ToArray(), mass);
    }

    /// <summary>As <see cref="HighestDensityInterval"/>, of draws already in ascending order.</summary>
    internal static (double Low, double High) ShortestInterval(double[] sorted, double mass)
    {
        int inside = (int)Math.Floor(mass * sorted.Length);
        int best = 0;
        for (int i = 1; i + inside < sorted.Length; i++)
        {
            if (sorted[i + inside] - sorted[i] < sorted[best + inside] - sorted[best]) best = i;
        }
        return (sorted[best], sorted[Math.Min(best + inside, sorted.Length - 1)]);
    }

    /// <summary>The summary of a posterior's draws of one parameter (at least 4 draws per chain for the diagnostics, else they are NaN).</summary>
    public static ParameterSummary Of(ParameterDraws draws) => Of(draws, observations: null);

    /// <summary>
    /// As <see cref="Of(ParameterDraws)"/>, the mean and sd left out (NaN, with <see cref="MomentsNote"/>) where the posterior of
    /// <paramref name="observations"/> data has none (<see cref="PosteriorMoments"/>). Range: observations null or ≥ 1.
    /// </summary>
    public static ParameterSummary Of(ParameterDraws draws, int? observations)
    {
        ArgumentNullException.ThrowIfNull(draws);
        return Of(draws.Name, draws.ToChainArrays(), observations);
    }

    /// <summary>The summary of draws[chain][draw] (all chains the same length), for draws of any magnitude and any offset.</summary>
    public static ParameterSummary Of(string name, double[][] chains) => Of(name, chains, observations: null);

    /// <summary>
    /// As <see cref="Of(string, double[][])"/>, the mean and sd left out (NaN, with <see cref="MomentsNote"/>) where the
    /// posterior of <paramref name="observations"/> data has none (<see cref="PosteriorMoments"/>). Range: null or ≥ 1.
    /// </summary>
    public static ParameterSummary Of(string name, double[][] chains, int? observations)
    {
        var summary = Summarise(name, chains);
        if (observations is not { } n) return summary;
        string? noMean = PosteriorMoments.WhyNoMean(name, n), noSd = PosteriorMoments.WhyNoSd(name, n);
        if (noSd is null) return summary;
        return summary with
        {
            Mean = noMean is null ? summary.Mean : double.NaN,
            McseMean = noMean is null ? summary.McseMean : double.NaN,
            Sd = double.NaN,
            McseSd = double.NaN,
            MomentsNote = noMean ?? noSd,
        };
    }

    private static ParameterSummary Summarise(string name, double[][] chains)
    {
        ArgumentNullException.ThrowIfNull(chains);
        // Everything is computed on draws scaled by a power of two near their size, which is exact, then scaled back:
        // variances square the values (overflow beyond ~1e154, precision lost below ~1e-154), and a quantile's
        // interpolation, the HDI's widths and R-hat's folds subtract them (overflow for draws spanning ±1e308).
        double scale = PowerOfTwoNear(chains);
        var scaled = chains.Select(c => c.Select(v => v / scale).ToArray()).ToArray();
        var ranked = new RankedDraws(scaled); // one sort for the quantiles, the HDI and the ranks
        // The moments are taken of the draws less their median: summed as they are, draws far from 0 against their spread
        // (μ ≈ 1e15 with sd 0.08, or ties a rounding apart) lose the spread to rounding (a mean below every draw, an sd 44
        // times too large were seen). The MCSEs are unchanged by the shift (and the shifted draws scaled once more).
        double centre = ranked.Quantile(0.5);
        var shifted = scaled.Select(c => c.Select(v => v - centre).ToArray()).ToArray();
        double spread = PowerOfTwoNear(shifted);
        var moments = Moments(shifted.Select(c => c.Select(v => v / spread).ToArray()).ToArray());
        var (hdiLow, hdiHigh) = ranked.HighestDensityInterval(0.94);
        // The rank-based diagnostics from the (scaled) draws themselves, as R's posterior takes them: a shift's rounding can
        // swap two draws almost equally far from the median, and with them the folded ranks of R-hat (seen: 1.003042 against
        // 1.003065); an exact scaling swaps none.
        bool enough = chains[0].Length >= 4;
        var bulk = enough ? ranked.BulkNormalized() : null;
        double q05 = ranked.Quantile(0.05), q95 = ranked.Quantile(0.95);
        return new ParameterSummary(name, (centre + (moments.Mean * spread)) * scale, moments.Sd * spread * scale,
            q05 * scale, centre * scale, q95 * scale, hdiLow * scale, hdiHigh * scale,
            moments.McseMean * spread * scale, moments.McseSd * spread * scale,
            bulk is null ? double.NaN : Convergence.EffectiveSampleSize(bulk),
            enough ? Convergence.EssTail(scaled, q05, q95) : double.NaN,
            bulk is null ? double.NaN : Convergence.Rhat(bulk, ranked.FoldedNormalized()));
    }

    /// <summary>2^e for the largest finite |draw| in [2^e, 2^(e+1)); 1 when every draw is 0 or not finite.</summary>
    private static double PowerOfTwoNear(double[][] chains)
    {
        double largest = chains.SelectMany(c => c).Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        return largest > 0 ? Math.ScaleB(1.0, Math.ILogB(largest)) : 1.0;
    }

    /// <summary>What <see cref="Of(string, double[][])"/> takes of the shifted, scaled draws: the moments and their MCSEs.</summary>
    private readonly record struct DrawMoments(double Mean, double Sd, double McseMean, double McseSd);

    private static DrawMoments Moments(double[][] chains)
    {
        var all = chains.SelectMany(c => c).ToArray();
        bool enough = chains[0].Length >= 4;
        return new DrawMoments(all.Average(), all.StandardDeviation(),
            enough ? Convergence.McseMean(chains) : double.NaN,
            enough ? Convergence.McseSd(chains) : double.NaN);
    }
}
