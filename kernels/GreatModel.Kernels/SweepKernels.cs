using ILGPU;

namespace GreatModel.Kernels;

/// <summary>
/// The fused sweep kernels (MODEL.md steps 1–2). Both write one <see cref="SweepSums"/> per launch item (one tile of
/// one chain, <see cref="TileItem"/>) into <c>partials[item]</c>; the host adds each chain's tiles in order. Neither
/// uses floating-point atomics, so results do not depend on scheduling. A chain reads only its own segment of the data
/// (<see cref="ChainSegment"/>: its group's stretch, with the group's key), so tiles never straddle groups.
/// </summary>
public static class SweepKernels
{
    /// <summary>
    /// How <see cref="GroupPerTile{TPath}"/> is compiled for a GPU: groups of <see cref="SweepLayout.LaneCount"/> threads, and
    /// as many resident per multiprocessor as the registers should allow, which caps them (PTX <c>.minnctapersm</c>). The
    /// portable instance fits four groups (50% of sm_90's warps) in 64 registers; the device instance left free took 87 (25%),
    /// and capped at four it spills 56 bytes, so it gets three (37.5%, 80 registers, 8 bytes spilled in the prologue only).
    /// benchmarks/gpu/sass-count.sh counts them.
    /// </summary>
    /// <typeparam name="TPath">The instance's path (<see cref="IMathPath"/>).</typeparam>
    /// <returns>The specialisation to load the kernel's <typeparamref name="TPath"/> instance with.</returns>
    public static ILGPU.Runtime.KernelSpecialization GroupPerTileSpecialization<TPath>()
        where TPath : struct, IMathPath =>
        new(SweepLayout.LaneCount, default(TPath).DeviceMath != 0 ? 3 : 4);

    /// <summary>
    /// For CPU-like accelerators: each thread computes whole tiles, striding over the launch's items. Launch with
    /// group size 1 and about one thread per core (ilgpu-notes §1).
    /// </summary>
    /// <param name="data">Every group's data, end to end.</param>
    /// <param name="segments">Every chain's segment of the run (indexed by <see cref="TileItem.Slot"/>).</param>
    /// <param name="items">The launch's items, chain by chain and tiles in order.</param>
    /// <param name="chains">The states of the launch's chains (chain FirstChain + k at index k).</param>
    /// <param name="partials">Output: one tile sum per item.</param>
    /// <param name="p">The sweep's parameters (its <see cref="SweepParameters.DeviceMath"/> is <typeparamref name="TPath"/>'s).</param>
    /// <typeparam name="TPath">The functions this instance computes with (<see cref="IMathPath"/>).</typeparam>
    public static void PerThreadTiles<TPath>(ArrayView<double> data, ArrayView<ChainSegment> segments, ArrayView<TileItem> items,
        ArrayView<ChainState> chains, ArrayView<SweepSums> partials, SweepParameters p)
        where TPath : struct, IMathPath
    {
        p.DeviceMath = default(TPath).DeviceMath;
        int count = (int)items.Length;
        int stride = Grid.DimX * Group.DimX;
        for (int item = Grid.GlobalIndex.X; item < count; item += stride)
        {
            var at = items[item];
            var segment = segments[at.Slot];
            var state = chains[at.Slot - p.FirstChain];
            partials[item] = SweepArithmetic.TileSums(new ViewSource(data.SubView(segment.DataOffset, segment.DataLength)),
                at.Tile, segment.Chain, state, p.ForChain(state).ForSegment(segment));
        }
    }

    /// <summary>
    /// For GPUs: one group of <see cref="SweepLayout.LaneCount"/> threads per item (one tile of one chain); a 1-D grid of
    /// the launch's items, so neither the chain count nor a group's size meets the grid's 65 535-row limit. Each thread
    /// is one lane; lane sums are combined in shared memory by the same adjacent-pairs tree as <see cref="LaneTree"/>.
    /// Barriers are reached by every thread.
    /// </summary>
    /// <param name="data">Every group's data, end to end.</param>
    /// <param name="segments">Every chain's segment of the run (indexed by <see cref="TileItem.Slot"/>).</param>
    /// <param name="items">The launch's items, chain by chain and tiles in order.</param>
    /// <param name="chains">The states of the launch's chains (chain FirstChain + k at index k).</param>
    /// <param name="partials">Output: one tile sum per item.</param>
    /// <param name="p">The sweep's parameters (its <see cref="SweepParameters.DeviceMath"/> is <typeparamref name="TPath"/>'s).</param>
    /// <typeparam name="TPath">The functions this instance computes with (<see cref="IMathPath"/>).</typeparam>
    public static void GroupPerTile<TPath>(ArrayView<double> data, ArrayView<ChainSegment> segments, ArrayView<TileItem> items,
        ArrayView<ChainState> chains, ArrayView<SweepSums> partials, SweepParameters p)
        where TPath : struct, IMathPath
    {
        p.DeviceMath = default(TPath).DeviceMath;
        var lanes = SharedMemory.Allocate<SweepSums>(SweepLayout.LaneCount);
        int item = Grid.IdxX, lane = Group.IdxX;
        var at = items[item];
        var segment = segments[at.Slot];
        var state = chains[at.Slot - p.FirstChain];
        lanes[lane] = SweepArithmetic.LaneSums(new ViewSource(data.SubView(segment.DataOffset, segment.DataLength)),
            at.Tile, lane, segment.Chain, state, p.ForChain(state).ForSegment(segment));
        for (int width = 1; width < SweepLayout.LaneCount; width <<= 1)
        {
            Group.Barrier();
            if ((lane & ((width << 1) - 1)) == 0)
                lanes[lane] = lanes[lane] + lanes[lane + width];
        }
        if (lane == 0)
            partials[item] = lanes[0];
    }
}
