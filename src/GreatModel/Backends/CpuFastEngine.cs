using GreatModel.Backends.FastCpu;
using GreatModel.Kernels;
using GreatModel.Sampling;

namespace GreatModel.Backends;

/// <summary>
/// The `cpu-fast` backend: the same sweep with the CPU's own random streams (<see cref="FastTile"/>:
/// xoshiro256++ and a ziggurat, the CPU's strengths), vectorised (<see cref="VectorFastTile"/>) where
/// the hardware allows. Its draws differ from the kernels' but not between machines or thread counts.
/// </summary>
internal sealed class CpuFastEngine : NativeTileEngine
{
    /// <param name="plan">The run.</param>
    /// <param name="vectorise">False forces the scalar statement of the layout (tests compare the two).</param>
    public CpuFastEngine(RunPlan plan, bool vectorise = true) : base(plan, vectorise)
    {
    }

    public override string Description =>
        $"cpu-fast: native{(Vectorised ? " SIMD" : "")}, xoshiro256++/ziggurat streams, {Threads} threads";

    protected override SweepSums TileSums(double[] data, int tile, int chain, ChainState state, SweepParameters p) =>
        RunsVectorised(p)
            ? VectorFastTile.TileSums(data, tile, chain, state, p)
            : FastTile.ScalarSums(data, tile, chain, state, p);
}
