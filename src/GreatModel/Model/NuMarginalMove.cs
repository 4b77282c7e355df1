using GreatModel.Kernels;
using MathNet.Numerics.Distributions;

namespace GreatModel.Model;

/// <summary>
/// The marginal move of ν (MODEL.md, "Estimating ν"): a Metropolis step on log ν with the latent U integrated out,
/// targeting p(ν | μ, σ², x) ∝ π(ν)·Π t_ν(x_i | μ, σ²). The ν | U draw alone mixes slowly where U and ν are
/// strongly dependent (large ν, Hosszejni 2021); this step moves ν without U. Per chain and sweep, before the latent
/// pass: <see cref="Propose"/> sets <see cref="ChainState.ProposedNu"/>, the engine's ν likelihood pass sums
/// log(1 + t/ν) at both values, <see cref="Decide"/> accepts or rejects. Each chain's step is adapted during burn-in
/// only (Robbins–Monro towards acceptance 0.44, the optimum for a one-dimensional random walk), then frozen, so the
/// recorded draws come from a fixed Markov kernel. Holds per-chain state: one per sweeper.
/// </summary>
internal sealed class NuMarginalMove
{
    /// <summary>The acceptance rate the burn-in adaptation aims at (Roberts &amp; Rosenthal 2001, one dimension).</summary>
    public const double TargetAcceptance = 0.44;

    private readonly double[] _logStep;
    private readonly long[] _accepted, _acceptedAfterBurnIn, _proposedAfterBurnIn;
    private readonly NuPrior _prior;
    private readonly double _min, _max;
    private readonly int[] _n;
    private readonly long _burnIn;

    /// <param name="n">Each chain's observations (its group's n): one entry per chain. Range: each ≥ 1.</param>
    /// <param name="update">The run's ν prior and range.</param>
    /// <param name="burnIn">Sweeps during which the step adapts. Range: ≥ 0.</param>
    public NuMarginalMove(int[] n, NuUpdate update, long burnIn)
    {
        int chains = n.Length;
        // A first step near the posterior sd of log ν times 2.4 for moderate n; the burn-in adaptation does the rest.
        _logStep = [.. n.Select(count => Math.Log(2.4 / Math.Sqrt(1 + (count / 10.0))))];
        _accepted = new long[chains];
        _acceptedAfterBurnIn = new long[chains];
        _proposedAfterBurnIn = new long[chains];
        _prior = update.Prior;
        (_min, _max) = (update.Min, update.Max);
        _n = n;
        _burnIn = burnIn;
    }

    /// <summary>The chain's state with a proposal ν' = ν·e^(step·z), z ~ N(0, 1), from the chain's host stream.</summary>
    public ChainState Propose(System.Random rng, int chain, ChainState s)
    {
        s.ProposedNu = s.Nu * Math.Exp(Math.Exp(_logStep[chain]) * Normal.Sample(rng, 0, 1));
        return s;
    }

    /// <summary>
    /// Accepts or rejects the pending proposal from the pass's sums (<see cref="SweepSums.LikelihoodAtNu"/>, <see cref="SweepSums.LikelihoodAtProposal"/>); adapts the chain's step when
    /// <paramref name="sweep"/> is in the burn-in. The state returned has no proposal pending.
    /// </summary>
    public ChainState Decide(System.Random rng, int chain, long sweep, ChainState s, SweepSums likelihoods)
    {
        double nu = s.Nu, proposed = s.ProposedNu;
        s.ProposedNu = 0;
        double logRatio = proposed >= _min && proposed <= _max ? LogRatio(_n[chain], nu, proposed, likelihoods.LikelihoodAtNu, likelihoods.LikelihoodAtProposal) : double.NegativeInfinity;
        double acceptance = double.IsNaN(logRatio) ? 0 : Math.Min(1, Math.Exp(logRatio));
        bool accept = rng.NextDouble() < acceptance; // the uniform is drawn whatever the ratio: the stream's use is fixed
        if (sweep < _burnIn)
            _logStep[chain] += (acceptance - TargetAcceptance) * Math.Pow(sweep + 1, -0.6);
        else
            _proposedAfterBurnIn[chain]++;
        if (!accept) return s;
        _accepted[chain]++;
        if (sweep >= _burnIn) _acceptedAfterBurnIn[chain]++;
        s.Nu = proposed;
        s.Chi2 = ChiSquaredShape.ForVarying(proposed);
        return s;
    }

    /// <summary>Chain <paramref name="chain"/>'s current random-walk step in log ν (adapted during burn-in, then fixed).</summary>
    public double Step(int chain) => Math.Exp(_logStep[chain]);

    /// <summary>Chain <paramref name="chain"/>'s adaptation and counts, all the move keeps between sweeps (for a checkpoint).</summary>
    public (double LogStep, long Accepted, long AcceptedAfterBurnIn, long ProposedAfterBurnIn) StateOf(int chain) =>
        (_logStep[chain], _accepted[chain], _acceptedAfterBurnIn[chain], _proposedAfterBurnIn[chain]);

    /// <summary>Sets chain <paramref name="chain"/>'s adaptation and counts to a checkpoint's (<see cref="StateOf"/>).</summary>
    public void Restore(int chain, (double LogStep, long Accepted, long AcceptedAfterBurnIn, long ProposedAfterBurnIn) state) =>
        (_logStep[chain], _accepted[chain], _acceptedAfterBurnIn[chain], _proposedAfterBurnIn[chain]) = state;

    /// <summary>Proposals accepted so far, over all chains.</summary>
    public long Accepted => _accepted.Sum();

    /// <summary>Proposals accepted and made after burn-in (the step then fixed), over all chains: their ratio is the acceptance rate reported.</summary>
    public (long Accepted, long Proposed) CountsAfterBurnIn => (_acceptedAfterBurnIn.Sum(), _proposedAfterBurnIn.Sum());

    /// <summary>
    /// log of the Metropolis ratio in η = log ν (a symmetric proposal): the prior with its Jacobian, a·Δη − b·Δν,
    /// plus the t log likelihoods' difference n·(c(ν') − c(ν)) − ((ν'+1)/2)·L(ν') + ((ν+1)/2)·L(ν),
    /// c = <see cref="GammaFunctionTerms.TDensityConstant"/>, L = Σ log(1 + t_i/ν).
    /// </summary>
    public double LogRatio(int n, double nu, double proposed, double likelihoodAtNu, double likelihoodAtProposed) =>
        (_prior.Shape * Math.Log(proposed / nu)) - (_prior.Rate * (proposed - nu))
        + (n * (GammaFunctionTerms.TDensityConstant(proposed) - GammaFunctionTerms.TDensityConstant(nu)))
        - (0.5 * (proposed + 1) * likelihoodAtProposed) + (0.5 * (nu + 1) * likelihoodAtNu);
}
