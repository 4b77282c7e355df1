using GreatModel.Backends.Simd;
using GreatModel.Kernels;
using GreatModel.Model;

namespace GreatModel.Sampling;

/// <summary>
/// CmdStan's <c>lp__</c> for a Gibbs draw: the log posterior density of (μ, σ²), and of ν when it is estimated, up to a
/// constant, in the data's units: Σᵢ log t_ν(yᵢ | μ, σ²) − log σ² (the prior p(μ, σ²) ∝ 1/σ², MODEL.md) + (a − 1)·log ν − b·ν
/// (ν's Gamma(a, b) prior, when estimated). U integrated out, so it is the model's marginal density, as Stan's would be.
/// </summary>
/// <remarks>
/// One pass over the chain's data per recorded draw: Σ log(1 + (y − μ)²/(νσ²)) by the ν likelihood pass's own tile code
/// (<see cref="VectorLikelihood"/>, one logarithm per lane per tile), in standard units; the standardization then adds
/// the constant −(n + 2)·log scale (each datum's density and the prior's 1/σ² carry the scale: log t(y) = log t(y′) − log s,
/// log σ² = log σ′² + 2·log s).
/// </remarks>
internal static class LogPosteriorDensity
{
    /// <summary>lp__ of slot <paramref name="slot"/>'s state <paramref name="state"/> (standard units).</summary>
    public static double Of(RunPlan plan, int slot, ChainState state)
    {
        var group = plan.GroupOf(slot);
        var likelihoodState = state;
        // The pass sums at the state and at a proposal: both at the state here.
        (likelihoodState.ProposedMu, likelihoodState.ProposedNu, likelihoodState.ProposedSigma2) = (state.Mu, state.Nu, state.Alpha2 * state.Tau2);
        var p = plan.ParametersFor(0).ForChain(state).ForSegment(plan.Segments[slot]);
        p.Pass = SweepParameters.NuLikelihoodPass;
        bool vector = VectorSweep.HardwareSupports;
        double sumLog = 0;
        for (int tile = 0; tile < group.TileCount; tile++)
        {
            sumLog += (vector ? VectorLikelihood.TileSums(group.Values, tile, likelihoodState, p)
                : SweepArithmetic.TileSums(new ArraySource(group.Values), tile, 0, likelihoodState, p)).S0;
        }
        double nu = state.Nu, sigma2 = state.Alpha2 * state.Tau2;
        int n = group.N;
        double lp = (n * (GammaFunctionTerms.TDensityConstant(nu) - (0.5 * Math.Log(Math.PI * sigma2)))) - (0.5 * (nu + 1) * sumLog) - Math.Log(sigma2);
        if (plan.EstimatesNu) lp += ((plan.Options.NuPrior.Shape - 1) * Math.Log(nu)) - (plan.Options.NuPrior.Rate * nu);
        return lp - ((n + 2) * Math.Log(group.Standardization.Scale));
    }
}
