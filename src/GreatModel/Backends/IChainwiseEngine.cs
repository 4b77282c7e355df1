using GreatModel.Kernels;

namespace GreatModel.Backends;

/// <summary>
/// An engine that can also do one chain's pass alone, on the calling thread (the native CPU engines): what lets a sweeper carry
/// each chain through many sweeps on one thread (<see cref="Sampling.IChainwiseSweeper"/>). The sums equal those
/// <see cref="ISweepEngine.ComputeSums"/> and <see cref="ISweepEngine.ComputeNuLikelihoods"/> give the chain, bit for bit.
/// </summary>
internal interface IChainwiseEngine : ISweepEngine
{
    /// <summary>
    /// Slot <paramref name="slot"/>'s sums of pass <paramref name="pass"/> (<see cref="SweepParameters.LatentPass"/> or
    /// <see cref="SweepParameters.NuLikelihoodPass"/>) in sweep <paramref name="sweep"/> from <paramref name="state"/>: its
    /// tiles one after another, added in tile order. Safe to call from several threads at once.
    /// </summary>
    SweepSums ChainSums(int pass, uint sweep, int slot, ChainState state);
}
