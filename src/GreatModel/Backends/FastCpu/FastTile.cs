using GreatModel.Kernels;

namespace GreatModel.Backends.FastCpu;

/// <summary>
/// The `cpu-fast` layout of one (chain, tile). Eight lanes; lane k takes the tile's data k, k+8, k+16, ... in
/// order, drawing from its own main stream (seed stream k). A draw its main-stream words finish adds to the
/// lane's main sum; any other goes on in the lane's spill stream (seed stream 8 + k) and adds to its spill
/// sum, in data order. Lane total = main + spill; the tile's sum = ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)).
/// Every stream is seeded from (chain, sweep, tile), tiles are those of <see cref="SweepLayout"/> added in order
/// by the engine, so the draws depend on neither thread count nor chain count. Each word is used once, so
/// every draw is exact and all are independent.
/// </summary>
/// <remarks>
/// <para>A datum's χ²_k, k = ν + 1, as <see cref="ChiSquaredShape"/> says:</para>
/// <list type="bullet">
/// <item><description>Loop-free (integer k ≤ 16): for odd k a ziggurat word first, then ⌈m/2⌉ words, m = ⌊k/2⌋,
/// each giving two 32-bit uniforms (high half first; the last word's low half unused when m is odd);
/// χ² = -2·log(u₁⋯u_m) + z². Only a normal that leaves the ziggurat's inner rectangle (about 1 in 100) goes on
/// in the spill stream, which hands out its ziggurat word again first.</description></item>
/// <item><description>Otherwise Marsaglia–Tsang: a ziggurat word and a uniform word (<see cref="FastGamma.TryFirstTrial"/>);
/// a draw those two do not finish goes on in the spill stream, which hands them out again first.</description></item>
/// </list>
/// <para>This is the plain scalar statement of the layout; <see cref="VectorFastTile"/> computes the same bits faster.</para>
/// </remarks>
internal static class FastTile
{
    /// <summary>Lanes per tile: eight, one per Vector512 element in <see cref="VectorFastTile"/>.</summary>
    public const int Lanes = 8;

    /// <summary>The tile's sums by the plain scalar statement of the layout (the definition the vector path matches).</summary>
    public static SweepSums ScalarSums(double[] data, int tile, int chain, ChainState s, SweepParameters p)
    {
        var (start, end) = Range(tile, p);
        Span<SweepSums> laneSums = stackalloc SweepSums[Lanes];
        var terms = new DatumTerms(s, p);
        var k = p.Chi2;
        for (int lane = 0; lane < Lanes; lane++)
        {
            var main = LaneStream.Seeded(p.Key0, p.Key1, chain, p.Sweep, tile, lane);
            var spill = SpillStream(p, chain, tile, lane);
            SweepSums mainSum = default, spillSum = default;
            // S3 (ν estimated): the main and spill sums' log(1/U) each as one product (LogProduct).
            LogProduct mainLogs = LogProduct.Empty, spillLogs = LogProduct.Empty;
            for (int i = start + lane; i < end; i += Lanes)
            {
                if (k.LoopFreeDegrees > 0)
                {
                    double chi2 = LoopFreeChiSquared(k, ref main, ref spill, out bool spilled);
                    if (spilled)
                        spillSum += terms.Of(data[i], chi2);
                    else
                        mainSum += terms.Of(data[i], chi2);
                    continue;
                }
                ulong zigguratWord = main.Next(), uniformWord = main.Next();
                if (FastGamma.TryFirstTrial(k.Gamma, zigguratWord, uniformWord, out double gamma))
                {
                    var t = terms.Of(data[i], 2.0 * gamma);
                    mainSum += t;
                    if (terms.LogSum) mainLogs.Add(t.S0);
                    continue;
                }
                spill.PushFront(zigguratWord, uniformWord);
                var spilledTerms = terms.Of(data[i], 2.0 * FastGamma.Next(k.Gamma, ref spill));
                spillSum += spilledTerms;
                if (terms.LogSum) spillLogs.Add(spilledTerms.S0);
            }
            if (terms.LogSum)
            {
                mainSum.S3 = mainLogs.Log;
                spillSum.S3 = spillLogs.Log;
            }
            laneSums[lane] = mainSum + spillSum;
        }
        return Combine(laneSums);
    }

    /// <summary>
    /// One datum's loop-free χ²_k: for odd k a ziggurat word, then the uniform words, all from
    /// <paramref name="main"/>; a normal that leaves the inner rectangle goes on in <paramref name="spill"/>,
    /// which hands out that ziggurat word again first (<paramref name="spilled"/> then true).
    /// </summary>
    public static double LoopFreeChiSquared(ChiSquaredShape k, ref LaneStream main, ref LaneStream spill, out bool spilled)
    {
        spilled = false;
        if (!k.HasNormal) return UniformsTerm(k, ref main);
        ulong normalWord = main.Next();
        double chi2 = UniformsTerm(k, ref main);
        if (ZigguratNormal.InnerRectangle(normalWord, out _, out _, out double x)) return chi2 + (x * x);
        spilled = true;
        spill.PushFront(normalWord);
        double z = ZigguratNormal.Next(ref spill);
        return chi2 + (z * z);
    }

    /// <summary>
    /// The loop-free sum's -2·log(u₁⋯u_m) from the stream's next ⌈m/2⌉ words, two 32-bit uniforms per word
    /// (high half, then low half), multiplied in that order from 1.
    /// </summary>
    public static double UniformsTerm(ChiSquaredShape k, ref LaneStream stream)
    {
        double product = 1.0;
        for (int u = 0; u < k.UniformCount; u += 2)
        {
            ulong word = stream.Next();
            product *= Philox4x32.OpenUniform32((uint)(word >> 32));
            if (u + 1 < k.UniformCount) product *= Philox4x32.OpenUniform32((uint)word);
        }
        return -2.0 * PortableMath.Log(product);
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

        /// <summary>Whether S3 = Σ log(1/U) is summed (ν estimated; by the caller, as a <see cref="LogProduct"/> of the terms' 1/U).</summary>
        public readonly bool LogSum = p.EstimatesNu != 0;

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

    /// <summary>The tile's sum from its eight lane totals, in the layout's fixed order (a balanced tree).</summary>
    public static SweepSums Combine(ReadOnlySpan<SweepSums> lanes) =>
        ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}
