using GreatModel.Backends.Simd;
using GreatModel.Kernels;
using GreatModel.Sampling;

namespace GreatModel.Backends;

/// <summary>
/// The `cpu` backend: the kernels' C# code run directly by the .NET JIT on all cores, each tile four
/// data at a time in SIMD registers (<see cref="VectorSweep"/>) where the hardware has them. Same
/// arithmetic and order as the ILGPU kernels, so the same draws bit for bit.
/// </summary>
internal sealed class CpuEngine : NativeTileEngine
{
    /// <param name="plan">The run.</param>
    /// <param name="vectorise">False forces the scalar kernel code (tests compare the two).</param>
    public CpuEngine(RunPlan plan, bool vectorise = true) : base(plan, vectorise)
    {
    }

    public override string Description => $"cpu: native{(Vectorised ? " SIMD" : "")}, {Threads} threads";

    protected override SweepSums TileSums(double[] data, int tile, int chain, ChainState state, SweepParameters p) =>
        RunsVectorised(p)
            ? VectorSweep.TileSums(data, tile, chain, state, p)
            : SweepArithmetic.TileSums(new ArraySource(data), tile, chain, state, p);
}
