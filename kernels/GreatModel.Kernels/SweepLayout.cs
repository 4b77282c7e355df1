namespace GreatModel.Kernels;

/// <summary>
/// The fixed reduction layout shared by every backend: the data is cut into tiles of
/// <see cref="TileSize"/>; in a tile, lane l sums items l, l+256, l+512, ... in that order, and the 256
/// lane sums are added pairwise (adjacent pairs first). Tiles are then added in order. The layout
/// depends on n alone, so the sums (and the draws) do not depend on thread count or chain count.
/// </summary>
public static class SweepLayout
{
    /// <summary>Lanes per tile (256): a GPU group's threads, each summing its own items.</summary>
    public const int LaneCount = 256;

    /// <summary>Items per lane (16): lane l of a tile takes items l, l + 256, ..., l + 15·256.</summary>
    public const int ItemsPerLane = 16;

    /// <summary>Data per tile: <see cref="LaneCount"/> · <see cref="ItemsPerLane"/> = 4096.</summary>
    public const int TileSize = LaneCount * ItemsPerLane;

    /// <summary>The number of tiles for n data: ⌈n / <see cref="TileSize"/>⌉, the last one possibly partial.</summary>
    /// <param name="n">The number of data. Range: n ≥ 0.</param>
    /// <returns>⌈n / 4096⌉.</returns>
    public static int TileCount(int n) => (n + TileSize - 1) / TileSize;
}
