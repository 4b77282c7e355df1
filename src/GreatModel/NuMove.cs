namespace GreatModel;

/// <summary>
/// How ν moves when it is estimated (<see cref="SamplerOptions.EstimateNu"/>), besides its exact draw from ν | U, τ² that
/// every sweep makes (MODEL.md, "Estimating ν"). The marginal moves integrate the latent U out and cost one extra pass over
/// the data per sweep.
/// </summary>
public enum NuMove
{
    /// <summary>
    /// The default: ν and σ² moved together along their posterior ridge (heavier tails go with a smaller scale), and μ with
    /// them, by an independence Metropolis–Hastings step from a mixture of two multivariate t proposals in
    /// (μ, log ν, log σ²), fitted to each chain's own burn-in draws and then frozen; a random walk on log ν until the first
    /// fit (MODEL.md, "The ridge move").
    /// </summary>
    Ridge,

    /// <summary>A random-walk Metropolis step on log ν with σ² held, its step adapted during burn-in (MODEL.md, "The marginal move").</summary>
    RandomWalk,

    /// <summary>No marginal move: ν | U, τ² alone (one pass per sweep; mixes slowly where ν and σ² are strongly dependent).</summary>
    Conditional,
}
