using System.Text.Json;
using GreatModel.Data;
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

    /// <summary>What a user should know about these draws, in words; empty when all is well.</summary>
    public IEnumerable<string> Warnings()
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
        var sorted = draws.Order().ToArray();
        int inside = (int)Math.Floor(mass * sorted.Length);
        int best = 0;
        for (int i = 1; i + inside < sorted.Length; i++)
        {
            if (sorted[i + inside] - sorted[i] < sorted[best + inside] - sorted[best]) best = i;
        }
        return (sorted[best], sorted[Math.Min(best + inside, sorted.Length - 1)]);
    }

    /// <summary>The summary of a posterior's draws of one parameter (at least 4 draws per chain for the diagnostics, else they are NaN).</summary>
    public static ParameterSummary Of(ParameterDraws draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        return Of(draws.Name, draws.ToChainArrays());
    }

    /// <summary>The summary of draws[chain][draw] (all chains the same length), for draws of any magnitude.</summary>
    public static ParameterSummary Of(string name, double[][] chains)
    {
        ArgumentNullException.ThrowIfNull(chains);
        // Variances square the draws, which overflows beyond ~1e154 (and loses precision below ~1e-154):
        // summarise draws scaled by a power of two near their size, which is exact, then scale back.
        double scale = PowerOfTwoNear(chains);
        var row = Unscaled(name, chains.Select(c => c.Select(v => v / scale).ToArray()).ToArray());
        return row with
        {
            Mean = row.Mean * scale,
            Sd = row.Sd * scale,
            Q05 = row.Q05 * scale,
            Q50 = row.Q50 * scale,
            Q95 = row.Q95 * scale,
            Hdi3 = row.Hdi3 * scale,
            Hdi97 = row.Hdi97 * scale,
            McseMean = row.McseMean * scale,
            McseSd = row.McseSd * scale,
        };
    }

    /// <summary>2^e for the largest finite |draw| in [2^e, 2^(e+1)); 1 when every draw is 0 or not finite.</summary>
    private static double PowerOfTwoNear(double[][] chains)
    {
        double largest = chains.SelectMany(c => c).Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        return largest > 0 ? Math.ScaleB(1.0, Math.ILogB(largest)) : 1.0;
    }

    private static ParameterSummary Unscaled(string name, double[][] chains)
    {
        var all = chains.SelectMany(c => c).ToArray();
        double Q(double p) => Statistics.QuantileCustom(all, p, QuantileDefinition.R7);
        bool enough = chains[0].Length >= 4;
        var (hdiLow, hdiHigh) = HighestDensityInterval(all, 0.94);
        return new ParameterSummary(name, all.Average(), all.StandardDeviation(), Q(0.05), Q(0.5), Q(0.95), hdiLow, hdiHigh,
            enough ? Convergence.McseMean(chains) : double.NaN,
            enough ? Convergence.McseSd(chains) : double.NaN,
            enough ? Convergence.EssBulk(chains) : double.NaN,
            enough ? Convergence.EssTail(chains) : double.NaN,
            enough ? Convergence.Rhat(chains) : double.NaN);
    }
}
