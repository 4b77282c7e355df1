namespace GreatModel.Kernels;

/// <summary>
/// One unit of a launch's work: one tile of one chain. A launch's items are listed chain by chain, tiles in order, so
/// item k's partial sum goes to index k and the host adds each chain's stretch of partials in tile order. With ragged
/// groups chains have different numbers of tiles, so the item's chain and tile are looked up here rather than computed.
/// </summary>
public struct TileItem
{
    /// <summary>The chain's index in the run (its <see cref="ChainSegment"/> and state). Range: ≥ 0.</summary>
    public int Slot;

    /// <summary>The tile within the chain's data. Range: 0 ≤ tile &lt; its segment's <see cref="ChainSegment.TileCount"/>.</summary>
    public int Tile;
}
