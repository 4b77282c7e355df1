namespace GreatModel.Kernels;

/// <summary>
/// The fixed reduction layout shared by every backend: the data is cut into tiles of
/// <see cref="TileSize"/>; in a tile, lane l sums items l, l+256, l+512, ... in that order, and the 256
/// lane sums are added pairwise (adjacent pairs first). Tiles are then added in order. The layout
/// depends on n alone, so the sums (and the draws) do not depend on thread count or chain count.
/// </summary>
public static class SweepLayout
{
    public const int LaneCount = 256;
    public const int ItemsPerLane = 16;
    public const int TileSize = LaneCount * ItemsPerLane;

    public static int TileCount(int n) => (n + TileSize - 1) / TileSize;
}
