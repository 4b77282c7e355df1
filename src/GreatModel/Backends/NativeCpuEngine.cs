using GreatModel.Kernels;

namespace GreatModel.Backends;

/// <summary>
/// The kernel C# code run directly by the .NET JIT on all cores: Parallel.For over (chain, tile) items.
/// Same arithmetic and order as the ILGPU kernels, so the same draws bit for bit.
/// </summary>
internal sealed class NativeCpuEngine : ISweepEngine
{
    private readonly SweepSetup _setup;
    private readonly SweepSums[] _partials;
    private readonly ParallelOptions _parallel;

    public NativeCpuEngine(SweepSetup setup, int? maxThreads = null)
    {
        _setup = setup;
        _partials = new SweepSums[setup.Chains * setup.TileCount];
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = maxThreads ?? Environment.ProcessorCount };
    }

    public string Description => $"cpu: native, {_parallel.MaxDegreeOfParallelism} threads";

    public void ComputeSums(uint sweep, ReadOnlySpan<ChainState> states, Span<SweepSums> sums)
    {
        var p = _setup.ParametersFor(sweep);
        var data = new ArraySource(_setup.Data);
        var chainStates = states.ToArray();
        int tiles = _setup.TileCount;
        var partials = _partials;
        Parallel.For(0, chainStates.Length * tiles, _parallel, item =>
        {
            int chain = item / tiles;
            partials[item] = SweepArithmetic.TileSums(data, item - (chain * tiles), chain, chainStates[chain], p);
        });
        _setup.ReduceTiles(partials, sums);
    }

    public void Dispose() { }
}
