using GreatModel.Backends.FastCpu;
using GreatModel.Backends.Simd;
using GreatModel.Kernels;

namespace GreatModel.Backends;

/// <summary>
/// The kernel C# code run directly by the .NET JIT on all cores: Parallel.For over (chain, tile) items,
/// each tile four data at a time in SIMD registers (<see cref="VectorSweep"/>) where the hardware has them.
/// Same arithmetic and order as the ILGPU kernels, so the same draws bit for bit; or, as `cpu-fast`, with
/// its own faster random streams (<see cref="FastTile"/>: xoshiro256++ and a ziggurat, the CPU's strengths).
/// </summary>
internal sealed class NativeCpuEngine : ISweepEngine
{
    private readonly SweepSetup _setup;
    private readonly SweepSums[] _partials;
    private readonly ParallelOptions _parallel;

    private readonly bool _vectorised, _fastStreams;

    /// <param name="vectorise">False forces the scalar code (tests compare the two).</param>
    /// <param name="fastStreams">True: the `cpu-fast` streams instead of the kernels' Philox draws.</param>
    public NativeCpuEngine(SweepSetup setup, int? maxThreads = null, bool vectorise = true, bool fastStreams = false)
    {
        _setup = setup;
        _fastStreams = fastStreams;
        var p = setup.ParametersFor(0);
        _vectorised = vectorise && VectorSweep.Supports(p);
        _partials = new SweepSums[setup.Chains * setup.TileCount];
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = maxThreads ?? Environment.ProcessorCount };
    }

    public string Description =>
        $"{(_fastStreams ? "cpu-fast" : "cpu")}: native{(_vectorised ? " SIMD" : "")}{(_fastStreams ? ", xoshiro256++/ziggurat streams" : "")}, {_parallel.MaxDegreeOfParallelism} threads";

    public void ComputeSums(uint sweep, ReadOnlySpan<ChainState> states, Span<SweepSums> sums)
    {
        var p = _setup.ParametersFor(sweep);
        var data = _setup.Data;
        var chainStates = states.ToArray();
        int tiles = _setup.TileCount;
        var partials = _partials;
        bool vectorised = _vectorised, fast = _fastStreams;
        void Tile(int item)
        {
            int chain = item / tiles, tile = item - (chain * tiles);
            var state = chainStates[chain];
            partials[item] = (fast, vectorised) switch
            {
                (true, true) => VectorFastTile.TileSums(data, tile, chain, state, p),
                (true, false) => FastTile.ScalarSums(data, tile, chain, state, p),
                (false, true) => VectorSweep.TileSums(data, tile, chain, state, p),
                (false, false) => SweepArithmetic.TileSums(new ArraySource(data), tile, chain, state, p),
            };
        }
        if (partials.Length == 1)
            Tile(0); // one chain, one tile (the talk's workload): forking a thread costs more than it saves
        else
            Parallel.For(0, partials.Length, _parallel, Tile);
        _setup.ReduceTiles(partials, sums);
    }

    public void Dispose() { }
}
