namespace GreatModel;

/// <summary>
/// One chain's starting point, in the data's units (<see cref="SamplerOptions.Inits"/>): what CmdStan's <c>init</c> file
/// gives per chain.
/// </summary>
/// <param name="Mu">Starting μ. Range: finite.</param>
/// <param name="Sigma2">Starting σ² (the chain starts at α² = σ², τ² = 1: only their product matters, MODEL.md). Range: finite, &gt; 0.</param>
/// <param name="Nu">Starting ν when ν is estimated (null: the usual dispersed start around <see cref="SamplerOptions.StartingNu"/>); must be null when ν is fixed. Range: [<see cref="SamplerOptions.NuMin"/>, <see cref="SamplerOptions.NuMax"/>].</param>
public sealed record ChainInit(double Mu, double Sigma2, double? Nu = null);
