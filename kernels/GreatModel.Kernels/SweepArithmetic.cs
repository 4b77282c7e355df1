namespace GreatModel.Kernels;

/// <summary>The per-datum work of MODEL.md steps 1–2, shared by every kernel and the native CPU path.</summary>
public static class SweepArithmetic
{
    /// <summary>
    /// Step 1 for datum i: U = (ν τ² + (x-μ)²/α²) / χ²_{ν+1}; returns its terms of S0, S1, S2.
    /// U itself is never stored.
    /// </summary>
    public static SweepSums DatumTerms(double x, int datum, int chain, ChainState s, SweepParameters p) =>
        DatumTerms(x, datum, chain, s, p, firstTrial: CounterSpace.DeviceTrialFirst);

    /// <summary>As above, with the gamma draw's trials before <paramref name="firstTrial"/> known to reject.</summary>
    public static SweepSums DatumTerms(double x, int datum, int chain, ChainState s, SweepParameters p, uint firstTrial)
    {
        var site = new DrawSite(p.Key0, p.Key1, (uint)datum, p.Sweep, (uint)chain);
        double chi2 = 2.0 * DeviceRandom.Gamma(p.HalfChi2, site, firstTrial);
        return LatentTerms.Of(x, chi2, s, p.Nu);
    }

    /// <summary>One lane's sums over its items of one tile, in item order.</summary>
    public static SweepSums LaneSums<TData>(TData data, int tile, int lane, int chain, ChainState s, SweepParameters p)
        where TData : struct, IDataSource
    {
        var sums = default(SweepSums);
        int first = tile * SweepLayout.TileSize + lane;
        for (int j = 0; j < SweepLayout.ItemsPerLane; j++)
        {
            int i = first + j * SweepLayout.LaneCount;
            if (i >= p.DataLength) break;
            sums += DatumTerms(data[i], i, chain, s, p);
        }
        return sums;
    }

    /// <summary>A whole tile by one thread: lanes in order through <see cref="LaneTree"/>.</summary>
    public static SweepSums TileSums<TData>(TData data, int tile, int chain, ChainState s, SweepParameters p)
        where TData : struct, IDataSource
    {
        var tree = new LaneTree();
        for (int lane = 0; lane < SweepLayout.LaneCount; lane++)
            tree.Add(lane, LaneSums(data, tile, lane, chain, s, p));
        return tree.Total;
    }
}
