using GreatModel.Kernels;
using MathNet.Numerics.Distributions;

namespace GreatModel.Model;

/// <summary>
/// ν's marginal moves (MODEL.md, "The marginal move" and "The ridge move"): Metropolis–Hastings steps with the latent U
/// integrated out, one per chain and sweep, before the latent pass. <see cref="Propose"/> sets the chain's
/// <see cref="ChainState.ProposedMu"/>, <see cref="ChainState.ProposedNu"/> and <see cref="ChainState.ProposedSigma2"/>,
/// the engine's likelihood pass sums log(1 + (x−μ)²/(ν·σ²)) at both points, <see cref="Decide"/> accepts or rejects.
/// <list type="bullet">
/// <item><see cref="NuMove.RandomWalk"/>: a random walk on log ν with σ² held, its step adapted during burn-in (Robbins–Monro
/// towards acceptance 0.44, the optimum for a one-dimensional random walk).</item>
/// <item><see cref="NuMove.Ridge"/>: that random walk until the first fit, then an independence step of (μ, log ν, log σ²)
/// from a <see cref="RidgeProposal"/> fitted to the chain's own burn-in draws: sweeps [B/4, B/2) make the first fit, used
/// over [B/2, B), and sweeps [B/2, B) the last, frozen from the end of burn-in on (B the burn-in). It moves along the ν–σ²
/// ridge that neither the random walk (σ² held) nor ν | U (U held) can follow, and μ with them.</item>
/// </list>
/// Everything adapts during burn-in only, so the recorded draws come from one fixed Markov kernel; each chain's fit uses
/// its own draws only, so a chain draws the same alone, in a shard or on another device. Holds per-chain state: one per sweeper.
/// </summary>
internal sealed class NuMarginalMove
{
    /// <summary>The acceptance rate the random walk's burn-in adaptation aims at (Roberts &amp; Rosenthal 2001, one dimension).</summary>
    public const double TargetAcceptance = 0.44;

    /// <summary>What a chain's move keeps between sweeps: all a checkpoint needs of it.</summary>
    /// <param name="LogStep">The random walk's log step.</param>
    /// <param name="Accepted">Proposals accepted so far. Range: ≥ 0.</param>
    /// <param name="AcceptedAfterBurnIn">Proposals accepted after burn-in. Range: 0 .. ProposedAfterBurnIn.</param>
    /// <param name="ProposedAfterBurnIn">Proposals made after burn-in. Range: ≥ 0.</param>
    /// <param name="Moments">The ridge fit's moments over the current window (empty outside one, and with other moves); the move's own, not to be changed.</param>
    /// <param name="Proposal">The ridge proposal in use; null before the first fit and with other moves.</param>
    public readonly record struct ChainMoveState(double LogStep, long Accepted, long AcceptedAfterBurnIn, long ProposedAfterBurnIn,
        RidgeMoments Moments, RidgeProposal? Proposal);

    private readonly ChainMoveState[] _chains;
    private readonly NuPrior _prior;
    private readonly double _min, _max;
    private readonly int[] _n;
    private readonly long _burnIn;
    private readonly bool _ridge;

    /// <param name="n">Each chain's observations (its group's n): one entry per chain. Range: each ≥ 1.</param>
    /// <param name="update">The run's ν prior and range.</param>
    /// <param name="burnIn">Sweeps during which the moves adapt. Range: ≥ 0.</param>
    /// <param name="move"><see cref="NuMove.Ridge"/> or <see cref="NuMove.RandomWalk"/>.</param>
    public NuMarginalMove(int[] n, NuUpdate update, long burnIn, NuMove move = NuMove.Ridge)
    {
        // A first step near the posterior sd of log ν times 2.4 for moderate n; the burn-in adaptation does the rest.
        _chains = [.. n.Select(count => new ChainMoveState(Math.Log(2.4 / Math.Sqrt(1 + (count / 10.0))), 0, 0, 0, new RidgeMoments(), null))];
        _prior = update.Prior;
        (_min, _max) = (update.Min, update.Max);
        _n = n;
        _burnIn = burnIn;
        _ridge = move == NuMove.Ridge;
    }

    /// <summary>
    /// The chain's state with a proposal: from the ridge proposal once one is fitted, else ν′ = ν·e^(step·z), z ~ N(0, 1),
    /// with μ and σ² held. Draws from the chain's host stream; in a ridge run's fitting windows it first adds the chain's
    /// (μ, log ν, log σ²) to its moments, and at a window's end fits the proposal (<paramref name="sweep"/> = B/2 or B).
    /// </summary>
    public ChainState Propose(System.Random rng, int chain, long sweep, ChainState s)
    {
        double sigma2 = s.Alpha2 * s.Tau2;
        if (_ridge) Adapt(chain, sweep, [s.Mu, Math.Log(s.Nu), Math.Log(sigma2)]);
        if (_chains[chain].Proposal is { } proposal)
        {
            Span<double> point = stackalloc double[RidgeMoments.Dimension];
            proposal.Draw(rng, point);
            (s.ProposedMu, s.ProposedNu, s.ProposedSigma2) = (point[0], Math.Exp(point[1]), Math.Exp(point[2]));
            return s;
        }
        s.ProposedNu = s.Nu * Math.Exp(Math.Exp(_chains[chain].LogStep) * Normal.Sample(rng, 0, 1));
        (s.ProposedMu, s.ProposedSigma2) = (s.Mu, sigma2);
        return s;
    }

    /// <summary>
    /// Accepts or rejects the pending proposal from the pass's sums (<see cref="SweepSums.LikelihoodAtNu"/>,
    /// <see cref="SweepSums.LikelihoodAtProposal"/>); adapts the random walk's step when <paramref name="sweep"/> is in the
    /// burn-in. The state returned has no proposal pending; on acceptance its τ² carries the new σ² (α² kept).
    /// </summary>
    public ChainState Decide(System.Random rng, int chain, long sweep, ChainState s, SweepSums likelihoods)
    {
        var state = _chains[chain];
        double nu = s.Nu, sigma2 = s.Alpha2 * s.Tau2, proposedMu = s.ProposedMu, proposedNu = s.ProposedNu, proposedSigma2 = s.ProposedSigma2;
        (s.ProposedMu, s.ProposedNu, s.ProposedSigma2) = (0, 0, 0);
        bool inRange = proposedNu >= _min && proposedNu <= _max && double.IsFinite(proposedSigma2) && proposedSigma2 > 0 && double.IsFinite(proposedMu);
        double logRatio = !inRange ? double.NegativeInfinity
            : LogTargetRatio(_n[chain], nu, sigma2, proposedNu, proposedSigma2, likelihoods.LikelihoodAtNu, likelihoods.LikelihoodAtProposal)
              + (state.Proposal is { } proposal
                  ? proposal.LogDensity([s.Mu, Math.Log(nu), Math.Log(sigma2)]) - proposal.LogDensity([proposedMu, Math.Log(proposedNu), Math.Log(proposedSigma2)])
                  : 0); // the random walk is symmetric in log ν
        double acceptance = double.IsNaN(logRatio) ? 0 : Math.Min(1, Math.Exp(logRatio));
        bool accept = rng.NextDouble() < acceptance; // the uniform is drawn whatever the ratio: the stream's use is fixed
        bool walking = state.Proposal is null;
        if (sweep < _burnIn && walking)
            state = state with { LogStep = state.LogStep + ((acceptance - TargetAcceptance) * Math.Pow(sweep + 1, -0.6)) };
        else if (sweep >= _burnIn)
            state = state with { ProposedAfterBurnIn = state.ProposedAfterBurnIn + 1 };
        if (accept)
        {
            state = state with { Accepted = state.Accepted + 1, AcceptedAfterBurnIn = state.AcceptedAfterBurnIn + (sweep >= _burnIn ? 1 : 0) };
            s.Nu = proposedNu;
            if (!walking) (s.Mu, s.Tau2) = (proposedMu, proposedSigma2 / s.Alpha2); // σ² = α²·τ²; the random walk holds μ and σ²
            s.Chi2 = ChiSquaredShape.ForVarying(proposedNu);
        }
        _chains[chain] = state;
        return s;
    }

    /// <summary>
    /// The ridge fit's bookkeeping at the start of <paramref name="sweep"/>: the state the previous sweep left joins the
    /// window's moments; at the end of the first window [B/4, B/2) and of the last [B/2, B) the proposal is refitted
    /// (kept as it was when the window held fewer than <see cref="RidgeProposal.MinPoints"/> points).
    /// </summary>
    private void Adapt(int chain, long sweep, ReadOnlySpan<double> point)
    {
        long half = _burnIn / 2, quarter = _burnIn / 4;
        if (sweep > _burnIn || sweep < quarter) return;
        var state = _chains[chain];
        if (sweep == half || sweep == _burnIn)
        {
            _chains[chain] = state with { Proposal = RidgeProposal.Fit(state.Moments) ?? state.Proposal };
            state.Moments.Clear();
            if (sweep == _burnIn) return;
        }
        state.Moments.Add(point);
    }

    /// <summary>Chain <paramref name="chain"/>'s random-walk step in log ν (adapted during burn-in, then fixed).</summary>
    public double Step(int chain) => Math.Exp(_chains[chain].LogStep);

    /// <summary>Chain <paramref name="chain"/>'s ridge proposal in use; null before the first fit and with the random walk.</summary>
    public RidgeProposal? ProposalOf(int chain) => _chains[chain].Proposal;

    /// <summary>Chain <paramref name="chain"/>'s adaptation and counts, all the move keeps between sweeps (for a checkpoint).</summary>
    public ChainMoveState StateOf(int chain) => _chains[chain];

    /// <summary>Sets chain <paramref name="chain"/>'s adaptation and counts to a checkpoint's (<see cref="StateOf"/>).</summary>
    public void Restore(int chain, ChainMoveState state) => _chains[chain] = state;

    /// <summary>Proposals accepted so far, over all chains.</summary>
    public long Accepted => _chains.Sum(c => c.Accepted);

    /// <summary>Proposals accepted and made after burn-in (the move then fixed), over all chains: their ratio is the acceptance rate reported.</summary>
    public (long Accepted, long Proposed) CountsAfterBurnIn => (_chains.Sum(c => c.AcceptedAfterBurnIn), _chains.Sum(c => c.ProposedAfterBurnIn));

    /// <summary>
    /// log p(μ′, η′, λ′ | x) − log p(μ, η, λ | x) in η = log ν, λ = log σ² (MODEL.md, "The ridge move"): the prior with its
    /// Jacobian, a·Δη − b·Δν (μ's prior is flat, σ²'s 1/σ² is flat in λ), plus the t log likelihoods' difference
    /// n·(c(ν′) − c(ν)) − (n/2)·Δλ − ((ν′+1)/2)·L(μ′, ν′, σ′²) + ((ν+1)/2)·L(μ, ν, σ²), c = <see cref="GammaFunctionTerms.TDensityConstant"/>,
    /// L = Σ log(1 + (x−μ)²/(ν·σ²)). With μ′ = μ and σ′² = σ² it is the random walk's ratio.
    /// </summary>
    public double LogTargetRatio(int n, double nu, double sigma2, double proposedNu, double proposedSigma2, double likelihoodAtNu, double likelihoodAtProposed) =>
        (_prior.Shape * Math.Log(proposedNu / nu)) - (_prior.Rate * (proposedNu - nu))
        + (n * (GammaFunctionTerms.TDensityConstant(proposedNu) - GammaFunctionTerms.TDensityConstant(nu)))
        - (0.5 * n * Math.Log(proposedSigma2 / sigma2))
        - (0.5 * (proposedNu + 1) * likelihoodAtProposed) + (0.5 * (nu + 1) * likelihoodAtNu);
}
