using MathNet.Numerics;

namespace GreatModel.Tests.Support;

/// <summary>
/// The exact posterior of (μ, σ², ν) with ν estimated, by quadrature: a 1-D grid in η = log ν (trapezoid, step 0.05,
/// from the lower end of ν's range up to where the weight has fallen by e^-40), around a 2-D (μ, log σ²) trapezoid grid
/// per node of 48² points over ±9 posterior sd (placed from the neighbouring node, which moves by a fraction of an sd).
/// Each node's weight is its evidence under the full t likelihood, its constants in ν included, times the prior in η
/// (Jacobian included). The 2-D integrands are smooth and bell-shaped, for which the trapezoid rule converges
/// geometrically: 48 points over ±9 sd are already far finer than the Monte Carlo error tested against.
/// </summary>
public sealed record ExactPosteriorWithNu(ExactPosterior MuSigma2, double MeanNu, double SdNu)
{
    private const double Step = 0.05;
    private const int Points = 48;

    /// <param name="x">The data.</param>
    /// <param name="prior">ν's prior.</param>
    /// <param name="min">ν's lower end.</param>
    /// <param name="max">ν's upper end.</param>
    /// <param name="start">A ν near the posterior's bulk, with the fixed-ν posterior there (places the first 2-D grid).</param>
    /// <param name="startExact">The fixed-ν posterior at <paramref name="start"/>.</param>
    public static ExactPosteriorWithNu Compute(IReadOnlyList<double> x, NuPrior prior, double min, double max, double start, ExactPosterior startExact)
    {
        double lo = Math.Log(min), hi = Math.Log(max);
        int first = (int)Math.Round((Math.Log(start) - lo) / Step);
        var nodes = new SortedDictionary<int, Node>();
        var placement = Place(startExact);
        double best = double.NegativeInfinity;
        foreach (int direction in new[] { 1, -1 })
        {
            var at = placement;
            for (int k = direction == 1 ? first : first - 1; ; k += direction)
            {
                double eta = lo + (k * Step);
                if (k < 0 || eta > hi) break;
                var node = Slice(x, Math.Exp(eta), at, prior, eta);
                nodes[k] = node;
                at = node.Placement;
                best = Math.Max(best, node.LogWeight);
                if (node.LogWeight < best - 40) break;
            }
        }
        double total = 0, mu1 = 0, mu2 = 0, s1 = 0, s2 = 0, nu1 = 0, nu2 = 0;
        foreach (var (k, node) in nodes)
        {
            double w = Math.Exp(node.LogWeight - best) * (k == 0 ? 0.5 : 1); // trapezoid: half weight at the range's end
            double nu = Math.Exp(lo + (k * Step));
            total += w;
            mu1 += w * node.Moments.MeanMu;
            mu2 += w * ((node.Moments.SdMu * node.Moments.SdMu) + (node.Moments.MeanMu * node.Moments.MeanMu));
            s1 += w * node.Moments.MeanSigma2;
            s2 += w * ((node.Moments.SdSigma2 * node.Moments.SdSigma2) + (node.Moments.MeanSigma2 * node.Moments.MeanSigma2));
            nu1 += w * nu;
            nu2 += w * nu * nu;
        }
        mu1 /= total; mu2 /= total; s1 /= total; s2 /= total; nu1 /= total; nu2 /= total;
        return new ExactPosteriorWithNu(new ExactPosterior(mu1, Math.Sqrt(mu2 - (mu1 * mu1)), s1, Math.Sqrt(s2 - (s1 * s1))), nu1, Math.Sqrt(nu2 - (nu1 * nu1)));
    }

    /// <summary>Where a 2-D grid goes: μ and log σ², each mean ± 9 sd.</summary>
    private readonly record struct Window(double MuLo, double MuHi, double LogLo, double LogHi);

    private readonly record struct Node(ExactPosterior Moments, double LogWeight, Window Placement);

    private static Window Place(ExactPosterior fixedNu)
    {
        double cv = fixedNu.SdSigma2 / fixedNu.MeanSigma2, logMean = Math.Log(fixedNu.MeanSigma2) - (0.5 * cv * cv);
        return new Window(fixedNu.MeanMu - (10 * fixedNu.SdMu), fixedNu.MeanMu + (10 * fixedNu.SdMu), logMean - (10 * cv), logMean + (10 * cv));
    }

    /// <summary>The (μ, σ²) posterior at one ν, its log evidence plus the log prior in η, and the window for the next node.</summary>
    private static Node Slice(IReadOnlyList<double> x, double nu, Window w, NuPrior prior, double eta)
    {
        var (moments, meanLog, sdLog, logIntegral) = ExactPosterior.Integrate(x, nu, w.MuLo, w.MuHi, w.LogLo, w.LogHi, Points);
        // The t density's ν-dependent constant from MathNet directly (not the sampler's own series): the posteriors tested keep ν within a few hundred, where it does not cancel.
        double logEvidence = logIntegral + (x.Count * (SpecialFunctions.GammaLn((nu + 1) / 2) - SpecialFunctions.GammaLn(nu / 2) - (0.5 * Math.Log(nu))));
        double logWeight = logEvidence + (prior.Shape * eta) - (prior.Rate * nu);
        return new Node(moments, logWeight, new Window(moments.MeanMu - (9 * moments.SdMu), moments.MeanMu + (9 * moments.SdMu),
            meanLog - (9 * sdLog), meanLog + (9 * sdLog)));
    }
}
