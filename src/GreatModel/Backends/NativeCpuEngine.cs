using GreatModel.Backends.Simd;
using GreatModel.Kernels;

namespace GreatModel.Backends;

/// <summary>
/// The kernel C# code run directly by the .NET JIT on all cores: Parallel.For over (chain, tile) items,
/// each tile four data at a time in SIMD registers (<see cref="VectorSweep"/>) where the hardware has them.
/// Same arithmetic and order as the ILGPU kernels, so the same draws bit for bit.
/// </summary>
internal sealed class NativeCpuEngine : ISweepEngine
{
    private readonly SweepSetup _setup;
    private readonly SweepSums[] _partials;
    private readonly ParallelOptions _parallel;

    private readonly bool _vectorised;

    /// <param name="vectorise">False forces the scalar kernel code (tests compare the two).</param>
    public NativeCpuEngine(SweepSetup setup, int? maxThreads = null, bool vectorise = true)
    {
        _setup = setup;
        _vectorised = vectorise && VectorSweep.Supports(setup.ParametersFor(0));
        _partials = new SweepSums[setup.Chains * setup.TileCount];
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = maxThreads ?? Environment.ProcessorCount };
    }

    public string Description =>
        $"cpu: native{(_vectorised ? " SIMD" : "")}, {_parallel.MaxDegreeOfParallelism} threads";

    public void ComputeSums(uint sweep, ReadOnlySpan<ChainState> states, Span<SweepSums> sums)
    {
        var p = _setup.ParametersFor(sweep);
        var data = _setup.Data;
        var chainStates = states.ToArray();
        int tiles = _setup.TileCount;
        var partials = _partials;
        bool vectorised = _vectorised;
        void Tile(int item)
        {
            int chain = item / tiles, tile = item - (chain * tiles);
            partials[item] = vectorised
                ? VectorSweep.TileSums(data, tile, chain, chainStates[chain], p)
                : SweepArithmetic.TileSums(new ArraySource(data), tile, chain, chainStates[chain], p);
        }
        if (partials.Length == 1)
            Tile(0); // one chain, one tile (the talk's workload): forking a thread costs more than it saves
        else
            Parallel.For(0, partials.Length, _parallel, Tile);
        _setup.ReduceTiles(partials, sums);
    }

    public void Dispose() { }
}
