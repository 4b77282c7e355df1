using GreatModel.Backends.Simd;
using GreatModel.Kernels;
using GreatModel.Sampling;

namespace GreatModel.Backends;

/// <summary>
/// What the two native CPU engines share: Parallel.For over contiguous chunks of the plan's (chain, tile) items, one partial per
/// item, then the plan's fixed tile-order reduction. Each chain reads its own group's data array, with its group's key
/// (<see cref="SweepParameters.ForSegment"/>) and its chain number within the group. A subclass says how one tile is summed. Nothing is
/// allocated per sweep by this class (the per-sweep inputs live in fields read by one cached delegate).
/// </summary>
internal abstract class NativeTileEngine : IChainwiseEngine
{
    private readonly RunPlan _plan;
    private readonly SweepSums[] _partials;
    private readonly ChainState[] _states;
    private readonly ParallelOptions _parallel;
    private SweepParameters _parameters;

    /// <param name="plan">The run.</param>
    /// <param name="vectorise">False forces the scalar code (tests compare the two); true uses SIMD where the hardware allows and <see cref="VectorSweep.Supports"/> says the chain's parameters can.</param>
    protected NativeTileEngine(RunPlan plan, bool vectorise)
    {
        _plan = plan;
        // Fixed ν: one answer for the run (the description says it). Estimated: per chain and sweep (an estimated ν
        // below 1 needs the boost, which runs scalar), so the vector paths are on and each tile asks.
        Vectorised = vectorise && VectorSweep.HardwareSupports && (plan.EstimatesNu || VectorSweep.Supports(plan.ParametersFor(0)));
        _partials = new SweepSums[plan.FirstItemOf(plan.Slots)];
        _states = new ChainState[plan.Slots];
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = plan.Threads };
        // Items in contiguous chunks, about 16 per thread: one delegate call and one read of the plan's tables per
        // chunk, not per item (groups of 100 have one item per chain, 40 000 a sweep for 10⁴ groups × 4 chains).
        _itemsPerChunk = Math.Max(1, _partials.Length / (Threads * ChunksPerThread));
        _chunks = (_partials.Length + _itemsPerChunk - 1) / _itemsPerChunk;
        _chunk = chunk =>
        {
            int first = chunk * _itemsPerChunk, end = Math.Min(first + _itemsPerChunk, _partials.Length);
            for (int item = first; item < end; item++) _partials[item] = ItemSums(item);
        };
    }

    /// <summary>Chunks of items per thread and sweep: enough for the threads to even out ragged groups' uneven tiles.</summary>
    private const int ChunksPerThread = 16;

    private readonly int _itemsPerChunk, _chunks;
    private readonly Action<int> _chunk;

    /// <summary>One (chain, tile) item's sums with this sweep's parameters, by the pass's code.</summary>
    private SweepSums ItemSums(int item)
    {
        var at = _plan.Items[item];
        return SlotTileSums(_parameters, at.Slot, at.Tile, _states[at.Slot]);
    }

    /// <summary>Tile <paramref name="tile"/> of slot <paramref name="slot"/>'s sums from <paramref name="state"/>, by the code of <paramref name="sweep"/>'s pass.</summary>
    private SweepSums SlotTileSums(SweepParameters sweep, int slot, int tile, ChainState state)
    {
        var segment = _plan.Segments[slot];
        var p = sweep.ForChain(state).ForSegment(segment);
        double[] data = _plan.GroupOf(slot).Values;
        return p.Pass == SweepParameters.LatentPass ? TileSums(data, tile, segment.Chain, state, p)
            : Vectorised ? VectorLikelihood.TileSums(data, tile, state, p)
            : SweepArithmetic.TileSums(new ArraySource(data), tile, segment.Chain, state, p);
    }

    /// <summary>Tiles of a chain summed into a buffer on the stack; longer chains rent one.</summary>
    private const int StackTiles = 64;

    public SweepSums ChainSums(int pass, uint sweep, int slot, ChainState state)
    {
        var parameters = _plan.ParametersFor(sweep);
        parameters.Pass = pass;
        int tiles = _plan.FirstItemOf(slot + 1) - _plan.FirstItemOf(slot);
        if (tiles == 1) return SweepSums.SumInOrder([SlotTileSums(parameters, slot, 0, state)]); // small data: no buffer to clear
        var rented = tiles > StackTiles ? System.Buffers.ArrayPool<SweepSums>.Shared.Rent(tiles) : null;
        Span<SweepSums> partials = rented is null ? stackalloc SweepSums[tiles] : rented.AsSpan(0, tiles);
        for (int tile = 0; tile < tiles; tile++) partials[tile] = SlotTileSums(parameters, slot, tile, state);
        var sums = SweepSums.SumInOrder(partials); // the order ReduceTiles adds a chain's tiles in
        if (rented is not null) System.Buffers.ArrayPool<SweepSums>.Shared.Return(rented);
        return sums;
    }

    public abstract string Description { get; }

    /// <summary>Whether tiles run in SIMD registers where <see cref="VectorSweep.Supports"/> allows (else the scalar statement of the same arithmetic).</summary>
    protected bool Vectorised { get; }

    /// <summary>Whether a chain's tile runs the vector path: <see cref="Vectorised"/>, and its parameters allow (an estimated ν below 1 needs the boost, which runs scalar).</summary>
    protected bool RunsVectorised(SweepParameters p) => Vectorised && VectorSweep.Supports(p);

    /// <summary>Threads the tiles run on.</summary>
    protected int Threads => _parallel.MaxDegreeOfParallelism;

    /// <summary>The sums of one tile of one chain (MODEL.md steps 1–2 over that tile); <paramref name="p"/> is the chain's own (<see cref="SweepParameters.ForChain"/>).</summary>
    protected abstract SweepSums TileSums(double[] data, int tile, int chain, ChainState state, SweepParameters p);

    public void ComputeSums(uint sweep, ReadOnlySpan<ChainState> states, Span<SweepSums> sums) =>
        Compute(SweepParameters.LatentPass, sweep, states, sums);

    public void ComputeNuLikelihoods(uint sweep, ReadOnlySpan<ChainState> states, Span<SweepSums> sums) =>
        Compute(SweepParameters.NuLikelihoodPass, sweep, states, sums);

    private void Compute(int pass, uint sweep, ReadOnlySpan<ChainState> states, Span<SweepSums> sums)
    {
        _parameters = _plan.ParametersFor(sweep);
        _parameters.Pass = pass;
        states.CopyTo(_states);
        if (_chunks == 1)
            _chunk(0); // one chain, one tile (the talk's workload): forking a thread costs more than it saves
        else
            Parallel.For(0, _chunks, _parallel, _chunk);
        _plan.ReduceTiles(_partials, sums);
    }

    public void Dispose() { }
}
