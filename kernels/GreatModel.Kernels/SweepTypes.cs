namespace GreatModel.Kernels;

/// <summary>The three sums a sweep needs from the data: S0 = Σ 1/U, S1 = Σ x/U, S2 = Σ (x-μ)²/U.</summary>
public struct SweepSums
{
    public double S0, S1, S2;

    public SweepSums(double s0, double s1, double s2)
    {
        S0 = s0;
        S1 = s1;
        S2 = s2;
    }

    public static SweepSums operator +(SweepSums a, SweepSums b) => new(a.S0 + b.S0, a.S1 + b.S1, a.S2 + b.S2);

    /// <summary>Adds tile partials in tile order: the last, fixed step of every backend's reduction.</summary>
    public static SweepSums SumInOrder(ReadOnlySpan<SweepSums> tiles)
    {
        var total = default(SweepSums);
        foreach (var t in tiles) total += t;
        return total;
    }
}

/// <summary>One chain's current scalars, as the per-datum update reads them.</summary>
public struct ChainState
{
    public double Mu, Alpha2, Tau2;

    public ChainState(double mu, double alpha2, double tau2)
    {
        Mu = mu;
        Alpha2 = alpha2;
        Tau2 = tau2;
    }
}

/// <summary>Everything a sweep launch needs besides the data and the chain states.</summary>
public struct SweepParameters
{
    public double Nu;
    /// <summary>Gamma((ν+1)/2) constants: χ²_{ν+1} = 2·Gamma((ν+1)/2, 1).</summary>
    public GammaShape HalfChi2;
    public uint Key0, Key1;
    public uint Sweep;
    /// <summary>Global index of the launch's first chain (launches may cover a slice of the chains).</summary>
    public int FirstChain;
    public int DataLength;
    public int TileCount;
}

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
