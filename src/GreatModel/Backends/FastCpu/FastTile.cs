using GreatModel.Kernels;

namespace GreatModel.Backends.FastCpu;

/// <summary>
/// The `cpu-fast` layout of one (chain, tile). Four lanes; lane k takes the tile's data k, k+4, k+8, ... in
/// order, two words each from its main stream. A draw those two words finish (<see cref="FastGamma.TryFirstTrial"/>)
/// adds to the lane's main sum; any other goes on with the lane's spill stream and adds to its spill sum,
/// in data order. Lane total = main + spill; the tile's sum = (l0 + l1) + (l2 + l3). Every stream is seeded
/// from (chain, sweep, tile), tiles are those of <see cref="SweepLayout"/> added in order by the engine,
/// so the draws depend on neither thread count nor chain count. Each word is used once, so every draw is
/// an exact Gamma draw and all are independent.
/// This is the plain scalar statement of the layout; <see cref="VectorFastTile"/> computes the same bits faster.
/// </summary>
internal static class FastTile
{
    /// <summary>Lanes per tile: four, one per Vector256 element in <see cref="VectorFastTile"/>.</summary>
    public const int Lanes = 4;

    /// <summary>The tile's sums by the plain scalar statement of the layout (the definition the vector path matches).</summary>
    public static SweepSums ScalarSums(double[] data, int tile, int chain, ChainState s, SweepParameters p)
    {
        var (start, end) = Range(tile, p);
        Span<SweepSums> laneSums = stackalloc SweepSums[Lanes];
        var terms = new DatumTerms(s, p);
        for (int lane = 0; lane < Lanes; lane++)
        {
            var main = LaneStream.Seeded(p.Key0, p.Key1, chain, p.Sweep, tile, lane);
            var spill = SpillStream(p, chain, tile, lane);
            SweepSums mainSum = default, spillSum = default;
            for (int i = start + lane; i < end; i += Lanes)
            {
                ulong zigguratWord = main.Next(), uniformWord = main.Next();
                if (FastGamma.TryFirstTrial(p.Chi2.Gamma, zigguratWord, uniformWord, out double gamma))
                {
                    mainSum += terms.Of(data[i], 2.0 * gamma);
                    continue;
                }
                spill.PushFront(zigguratWord, uniformWord);
                spillSum += terms.Of(data[i], 2.0 * FastGamma.Next(p.Chi2.Gamma, ref spill));
            }
            laneSums[lane] = mainSum + spillSum;
        }
        return Combine(laneSums[0], laneSums[1], laneSums[2], laneSums[3]);
    }

    /// <summary>
    /// A datum's terms of S0, S1, S2 from its χ² draw, with one division where the kernels' formula
    /// (<see cref="SweepArithmetic.DatumTerms(double, int, int, ChainState, SweepParameters)"/>) has two:
    /// 1/U = χ²/(ν τ² + (x-μ)²/α²) = χ²·α² / (ν τ² α² + (x-μ)²). Equal in exact arithmetic, rounded differently:
    /// each backend keeps its own form (and its goldens). The one scalar statement of cpu-fast's form; vector
    /// twin: <see cref="VectorFastTile.TileSums"/>.
    /// </summary>
    public readonly struct DatumTerms(ChainState s, SweepParameters p)
    {
        /// <summary>The chain's μ, α² and the offset ν τ² α², read once per tile.</summary>
        public readonly double Mu = s.Mu, Alpha2 = s.Alpha2, Offset = p.Nu * s.Tau2 * s.Alpha2;

        /// <summary>The terms of datum <paramref name="x"/> with χ² draw <paramref name="chi2"/>.</summary>
        public SweepSums Of(double x, double chi2)
        {
            double dev = x - Mu;
            double dev2 = dev * dev;
            double inverseU = chi2 * Alpha2 / (Offset + dev2);
            return new SweepSums(inverseU, x * inverseU, dev2 * inverseU);
        }
    }

    /// <summary>Lane <paramref name="lane"/>'s spill stream: seed stream index <see cref="Lanes"/> + lane (main streams are 0 .. Lanes-1).</summary>
    public static LaneStream SpillStream(SweepParameters p, int chain, int tile, int lane) =>
        LaneStream.Seeded(p.Key0, p.Key1, chain, p.Sweep, tile, Lanes + lane);

    /// <summary>The tile's data indices [Start, End), End clipped to n.</summary>
    public static (int Start, int End) Range(int tile, SweepParameters p)
    {
        int start = tile * SweepLayout.TileSize;
        return (start, Math.Min(start + SweepLayout.TileSize, p.DataLength));
    }

    /// <summary>The tile's sum from its lane totals, in the layout's fixed order: (l0 + l1) + (l2 + l3).</summary>
    public static SweepSums Combine(SweepSums l0, SweepSums l1, SweepSums l2, SweepSums l3) => (l0 + l1) + (l2 + l3);
}
