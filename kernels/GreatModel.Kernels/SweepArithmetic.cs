using ILGPU;

namespace GreatModel.Kernels;

/// <summary>Read access to the data, so the same lane code runs over an ArrayView or a managed array.</summary>
public interface IDataSource
{
    double this[int index] { get; }
}

/// <summary>Data in accelerator memory.</summary>
public readonly struct ViewSource : IDataSource
{
    private readonly ArrayView<double> _view;

    public ViewSource(ArrayView<double> view) => _view = view;

    public double this[int index] => _view[index];
}

/// <summary>Data in a managed array (native CPU path; never passed to a kernel).</summary>
public readonly struct ArraySource : IDataSource
{
    private readonly double[] _data;

    public ArraySource(double[] data) => _data = data;

    public double this[int index] => _data[index];
}

/// <summary>
/// Pairwise sum of the 256 lane sums of a tile, fed in lane order, with no array: level k holds the
/// finished left sibling of size 2^k. Gives the same additions, in the same order, as the
/// shared-memory tree of <see cref="SweepKernels.GroupPerTile"/>.
/// </summary>
public struct LaneTree
{
    private SweepSums _p0, _p1, _p2, _p3, _p4, _p5, _p6, _p7;

    public SweepSums Total;

    public void Add(int lane, SweepSums v)
    {
        if ((lane & 1) == 0) { _p0 = v; return; }
        v = _p0 + v;
        if ((lane & 2) == 0) { _p1 = v; return; }
        v = _p1 + v;
        if ((lane & 4) == 0) { _p2 = v; return; }
        v = _p2 + v;
        if ((lane & 8) == 0) { _p3 = v; return; }
        v = _p3 + v;
        if ((lane & 16) == 0) { _p4 = v; return; }
        v = _p4 + v;
        if ((lane & 32) == 0) { _p5 = v; return; }
        v = _p5 + v;
        if ((lane & 64) == 0) { _p6 = v; return; }
        v = _p6 + v;
        if ((lane & 128) == 0) { _p7 = v; return; }
        Total = _p7 + v;
    }
}

/// <summary>The per-datum work of MODEL.md steps 1–2, shared by every kernel and the native CPU path.</summary>
public static class SweepArithmetic
{
    /// <summary>
    /// Step 1 for datum i: U = (ν τ² + (x-μ)²/α²) / χ²_{ν+1}; returns its terms of S0, S1, S2.
    /// U itself is never stored.
    /// </summary>
    public static SweepSums DatumTerms(double x, int datum, int chain, ChainState s, SweepParameters p) =>
        DatumTerms(x, datum, chain, s, p, firstTrial: 0);

    /// <summary>As above, with the gamma draw's trials before <paramref name="firstTrial"/> known to reject.</summary>
    public static SweepSums DatumTerms(double x, int datum, int chain, ChainState s, SweepParameters p, uint firstTrial)
    {
        var site = new DrawSite(p.Key0, p.Key1, (uint)datum, p.Sweep, (uint)chain);
        double chi2 = 2.0 * DeviceRandom.Gamma(p.HalfChi2, site, firstTrial);
        double dev = x - s.Mu;
        double dev2 = dev * dev;
        double inverseU = chi2 / (p.Nu * s.Tau2 + dev2 / s.Alpha2);
        return new SweepSums(inverseU, x * inverseU, dev2 * inverseU);
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
