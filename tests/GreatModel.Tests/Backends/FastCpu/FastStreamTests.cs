using System.Runtime.Intrinsics;
using GreatModel.Backends.FastCpu;
using GreatModel.Backends.Simd;
using GreatModel.Kernels;
using GreatModel.Tests.Support;
using MathNet.Numerics.Distributions;

namespace GreatModel.Tests.Backends.FastCpu;

/// <summary>
/// The `cpu-fast` streams: xoshiro256++ against its reference outputs, ziggurat normals and the main/spill gamma
/// draws against MathNet CDFs, and the vector tile against the plain scalar statement of its layout, bit for bit.
/// </summary>
public class FastStreamTests
{
    private const int Draws = 20_000;

    [Fact]
    public void TheWarmUpListNamesMethodsThatExist() =>
        Assert.True(JitWarmUp.HotMethods().Count >= 10); // throws, naming it, if a method was renamed or removed

    [Fact]
    public void XoshiroGivesTheReferenceOutputs()
    {
        // Blackman & Vigna's xoshiro256plusplus.c from state {1, 2, 3, 4} (also rand_xoshiro's test vector).
        var stream = new LaneStream(1, 2, 3, 4);
        ulong[] expected = [41943041, 58720359, 3588806011781223, 3591011842654386, 9228616714210784205, 9973669472204895162];
        Assert.Equal(expected, expected.Select(_ => stream.Next()).ToArray());
    }

    [Fact]
    public void VectorLanesAreTheScalarStreams()
    {
        var lanes = XoshiroLanes.Seeded(0xDEADBEEF, 0x01234567, chain: 3, sweep: 9, tile: 2);
        var scalar = Enumerable.Range(0, FastTile.Lanes).Select(k => LaneStream.Seeded(0xDEADBEEF, 0x01234567, 3, 9, 2, k)).ToArray();
        for (int step = 0; step < 1000; step++)
        {
            var words = lanes.Next();
            for (int k = 0; k < FastTile.Lanes; k++) Assert.Equal(scalar[k].Next(), words.GetElement(k));
        }
    }

    [Fact]
    public void SeedsDifferBetweenLanesTilesSweepsAndChains()
    {
        var seeds = new HashSet<ulong>();
        for (int index = 0; index < 8; index++)
            for (int tile = 0; tile < 3; tile++)
                for (uint sweep = 0; sweep < 3; sweep++)
                    for (int chain = 0; chain < 3; chain++)
                        Assert.True(seeds.Add(LaneStream.Seeded(1, 2, chain, sweep, tile, index).S0));
    }

    [Fact]
    public void ZigguratTablesCloseUp()
    {
        // 256 layers of equal area V: the recursion from R must land on the mode (X[255] > 0, top layer area V).
        var x = ZigguratNormal.X;
        var f = ZigguratNormal.F;
        for (int i = 0; i < ZigguratNormal.Layers; i++) Assert.True(x[i] > x[i + 1], $"X[{i}] = {x[i]}, X[{i + 1}] = {x[i + 1]}");
        Assert.Equal(1.0, f[ZigguratNormal.Layers]);
        double v = x[0] * f[1];
        double topArea = x[ZigguratNormal.Layers - 1] * (1.0 - f[ZigguratNormal.Layers - 1]);
        Assert.True(Math.Abs(topArea - v) < 1e-6 * v, $"top layer area {topArea} vs {v}");
    }

    [Fact]
    public void ZigguratNormalPassesKolmogorovSmirnov()
    {
        var stream = LaneStream.Seeded(7, 8, 0, 0, 0, 0);
        var z = new double[200_000];
        for (int i = 0; i < z.Length; i++) z[i] = ZigguratNormal.Next(ref stream);
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(z, v => Normal.CDF(0, 1, v));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"p = {p}");
    }

    [Fact]
    public void ZigguratTailHasTheNormalMassAndShape()
    {
        // Beyond R the draws come from Marsaglia's tail algorithm: check how many and how they spread.
        var stream = LaneStream.Seeded(9, 10, 0, 0, 0, 0);
        const int n = 4_000_000;
        var tail = new List<double>();
        for (int i = 0; i < n; i++)
        {
            double z = ZigguratNormal.Next(ref stream);
            if (Math.Abs(z) >= ZigguratNormal.R) tail.Add(z);
        }
        double q = 2 * Normal.CDF(0, 1, -ZigguratNormal.R);
        double zScore = (tail.Count - (n * q)) / Math.Sqrt(n * q * (1 - q));
        Assert.True(Math.Abs(zScore) < 4, $"{tail.Count} draws beyond ±R, expected {n * q:F0}: z = {zScore:F2}");
        double tailMass = Normal.CDF(0, 1, -ZigguratNormal.R);
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(tail.Select(Math.Abs), v => 1 - ((1 - Normal.CDF(0, 1, v)) / tailMass));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"tail shape: p = {p}");
        Assert.Contains(tail, z => z < 0);
        Assert.Contains(tail, z => z > 0);
    }

    /// <summary>One draw as a tile makes it: from a lane's main stream, going on in its spill stream when needed.</summary>
    private delegate double TileDraw(ref LaneStream main, ref LaneStream spill, out bool spilled);

    /// <summary><paramref name="count"/> draws of <paramref name="draw"/> in one lane's order, and how many spilled.</summary>
    private static double[] TileStyle(TileDraw draw, uint key, int count, out int spilled)
    {
        var main = LaneStream.Seeded(key, key + 1, 0, 0, 0, 0);
        var spill = LaneStream.Seeded(key, key + 1, 0, 0, 0, FastTile.Lanes);
        var x = new double[count];
        spilled = 0;
        for (int i = 0; i < count; i++)
        {
            x[i] = draw(ref main, ref spill, out bool wasSpilled);
            spilled += wasSpilled ? 1 : 0;
        }
        return x;
    }

    /// <summary>Gamma draws exactly as a tile makes them: two main-stream words, finished in the spill stream when needed.</summary>
    private static double[] TileStyleGammas(double shape, int count, out int spilled)
    {
        var g = GammaShape.For(shape);
        return TileStyle((ref LaneStream main, ref LaneStream spill, out bool wasSpilled) =>
        {
            ulong w1 = main.Next(), w2 = main.Next();
            wasSpilled = !FastGamma.TryFirstTrial(g, w1, w2, out double gamma);
            if (!wasSpilled) return gamma;
            spill.PushFront(w1, w2);
            return FastGamma.Next(g, ref spill);
        }, key: 3, count, out spilled);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.75)]
    [InlineData(1.0)]
    [InlineData(3.5)]
    [InlineData(10)]
    [InlineData(1e3)]
    public void GammaAsTilesDrawItPassesKolmogorovSmirnov(double shape)
    {
        var x = TileStyleGammas(shape, Draws, out int spilled);
        Assert.All(x, v => Assert.True(v > 0 && double.IsFinite(v)));
        Assert.True(spilled > 0, "no draw needed the spill stream: that path went untested");
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(x, v => Gamma.CDF(shape, 1, v));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"shape {shape}: p = {p} ({spilled} spilled)");
    }

    /// <summary>χ²_k draws exactly as a tile makes them by the loop-free sum (FastTile.LoopFreeChiSquared).</summary>
    private static double[] TileStyleChiSquares(int degrees, int count, out int spilled)
    {
        var k = ChiSquaredShape.For(degrees);
        return TileStyle((ref LaneStream main, ref LaneStream spill, out bool wasSpilled) =>
            FastTile.LoopFreeChiSquared(k, ref main, ref spill, out wasSpilled), key: 5, count, out spilled);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(15)]
    [InlineData(16)]
    public void LoopFreeChiSquaredAsTilesDrawItPassesKolmogorovSmirnov(int degrees)
    {
        var x = TileStyleChiSquares(degrees, Draws, out int spilled);
        Assert.All(x, v => Assert.True(v > 0 && double.IsFinite(v)));
        Assert.True(degrees % 2 == 0 || spilled > 0, "no normal needed the spill stream: that path went untested");
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(x, v => ChiSquared.CDF(degrees, v));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"k = {degrees}: p = {p} ({spilled} spilled)");
    }

    [Fact]
    public void LoopFreeChiSquaredHasTheVarianceAndTail()
    {
        // 2·10^6 draws of χ²_7: the spilled normals (ziggurat wedges and tail, about 1%) must keep the variance
        // (2k) and the share above the 99.9% quantile within Monte Carlo error.
        const int n = 2_000_000, k = 7;
        var x = TileStyleChiSquares(k, n, out int spilled);
        Assert.InRange(spilled / (double)n, 0.002, 0.03);
        double variance = x.Select(v => (v - k) * (v - k)).Average();
        double zVariance = (variance - (2 * k)) / Math.Sqrt(((12.0 * k * (k + 4)) - (4.0 * k * k)) / n); // Var(s²) = (μ4 - σ⁴)/n, μ4 = 12k(k + 4)
        double q = ChiSquared.InvCDF(k, 0.999);
        double zTail = (x.Count(v => v > q) - (n * 0.001)) / Math.Sqrt(n * 0.001 * 0.999);
        Assert.True(Math.Abs(zVariance) < 4, $"variance {variance} vs {2 * k}: z = {zVariance:F2}");
        Assert.True(Math.Abs(zTail) < 4, $"share above the 99.9% quantile: z = {zTail:F2}");
    }

    [Fact]
    public void SpilledDrawsContinueTheirWordsRatherThanRestart()
    {
        // The draws the first trial cannot finish lean to the ziggurat's edges and to rejected trials; the
        // spill stream must go on from their two words. A scheme that restarted them from fresh words looks
        // fine to KS below 4·10^6 draws but thins the tails: at 2·10^6 it gives z ≈ -6 for the variance and
        // z ≈ -8 for the share above the 99.9% quantile (measured). The right scheme stays within |z| < 4.
        const int n = 2_000_000;
        const double a = 3.5;
        var x = TileStyleGammas(a, n, out int spilled);
        Assert.InRange(spilled / (double)n, 0.01, 0.05);
        double variance = x.Select(v => (v - a) * (v - a)).Average();
        double zVariance = (variance - a) / Math.Sqrt(((2 * a * a) + (6 * a)) / n); // Var(s²) = (μ4 - σ⁴)/n for Gamma(a)
        double q = Gamma.InvCDF(a, 1, 0.999);
        double zTail = (x.Count(v => v > q) - (n * 0.001)) / Math.Sqrt(n * 0.001 * 0.999);
        Assert.True(Math.Abs(zVariance) < 4, $"variance {variance} vs {a}: z = {zVariance:F2}");
        Assert.True(Math.Abs(zTail) < 4, $"share above the 99.9% quantile: z = {zTail:F2}");
    }

    [Theory]
    [InlineData(6.0)]
    [InlineData(3.0)]
    [InlineData(2.5)]
    [InlineData(0.5)]
    public void LatentUpdateIsScaledInverseChiSquare(double nu) =>
        LatentUpdateCheck.AssertScaledInverseChiSquare(nu, (x, state, p) => FastTile.ScalarSums([x], 0, 0, state, p));

    /// <summary>
    /// A tile far into a large data set (datum indices past 2^24): the spill queue keeps each vector's first datum
    /// in full (an int packing of it with the lane mask overflowed past 2^23 and read the wrong datum or none).
    /// Only that tile is computed; the rest of the array stays zero.
    /// </summary>
    [Theory]
    [InlineData(6.0)]
    [InlineData(2.5)]
    public void AFarTileGivesTheScalarSums(double nu)
    {
        Assert.SkipUnless(Vector256.IsHardwareAccelerated, "no SIMD hardware: the vector path is not used here");
        const int tile = 4200; // data 17 203 200 .. 17 207 295, past 2^24
        int n = (tile + 1) * SweepLayout.TileSize;
        var data = new double[n];
        var rng = new System.Random(4);
        for (int i = tile * SweepLayout.TileSize; i < n; i++) data[i] = (rng.NextDouble() - 0.5) * 20;
        var p = new SweepParameters
        {
            Nu = nu,
            Chi2 = ChiSquaredShape.For(nu + 1),
            Key0 = 0x5EED,
            Key1 = 3,
            Sweep = 3,
            DataLength = n,
            TileCount = SweepLayout.TileCount(n),
        };
        var state = new ChainState(mu: 0.3, alpha2: 1.2, tau2: 0.8, nu: 6);
        var want = FastTile.ScalarSums(data, tile, 1, state, p);
        var got = VectorFastTile.TileSums(data, tile, 1, state, p);
        Assert.Equal((want.S0, want.S1, want.S2), (got.S0, got.S1, got.S2));
    }

    [Theory]
    [InlineData(6.0, 1)]
    [InlineData(6.0, 7)]
    [InlineData(6.0, 500)]
    [InlineData(6.0, 4096)]
    [InlineData(6.0, 10_001)]
    [InlineData(1.0, 3000)]
    [InlineData(3.0, 1001)]
    [InlineData(14.0, 1001)]
    [InlineData(15.0, 1001)]
    [InlineData(2.5, 4099)]
    [InlineData(40, 2000)]
    public void VectorTilesGiveTheScalarSums(double nu, int n)
    {
        Assert.SkipUnless(Vector256.IsHardwareAccelerated, "no SIMD hardware: the vector path is not used here");
        var rng = new System.Random(n);
        var data = Enumerable.Range(0, n).Select(_ => (rng.NextDouble() - 0.5) * 20).ToArray();
        for (uint sweep = 0; sweep < 6; sweep++)
        {
            var p = new SweepParameters
            {
                Nu = nu,
                Chi2 = ChiSquaredShape.For(nu + 1),
                Key0 = 0x5EED,
                Key1 = sweep,
                Sweep = sweep,
                DataLength = n,
                TileCount = SweepLayout.TileCount(n),
            };
            Assert.True(VectorSweep.Supports(p));
            var state = new ChainState(mu: rng.NextDouble(), alpha2: 0.5 + rng.NextDouble(), tau2: 0.5 + rng.NextDouble(), nu);
            for (int tile = 0; tile < p.TileCount; tile++)
            {
                var want = FastTile.ScalarSums(data, tile, 2, state, p);
                var got = VectorFastTile.TileSums(data, tile, 2, state, p);
                Assert.Equal((want.S0, want.S1, want.S2), (got.S0, got.S1, got.S2));
            }
        }
    }

    [Theory]
    [InlineData(4.37, 1)]
    [InlineData(4.37, 500)]
    [InlineData(1.3, 4099)]
    [InlineData(250.5, 10_001)]
    public void WithNuEstimatedVectorTilesGiveTheScalarSumsAndS3(double nu, int n)
    {
        // ν estimated: the chain's own Marsaglia–Tsang shape and S3 = Σ log(1/U), main and spill products alike.
        Assert.SkipUnless(Vector256.IsHardwareAccelerated, "no SIMD hardware: the vector path is not used here");
        var rng = new System.Random(n);
        var data = Enumerable.Range(0, n).Select(_ => (rng.NextDouble() - 0.5) * 20).ToArray();
        for (uint sweep = 0; sweep < 4; sweep++)
        {
            var p = new SweepParameters
            {
                Nu = 6,
                Chi2 = ChiSquaredShape.For(7),
                EstimatesNu = 1,
                Key0 = 0x5EED,
                Key1 = sweep,
                Sweep = sweep,
                DataLength = n,
                TileCount = SweepLayout.TileCount(n),
            };
            var state = new ChainState(rng.NextDouble(), 0.5 + rng.NextDouble(), 0.5 + rng.NextDouble(), nu, ChiSquaredShape.ForVarying(nu));
            var chain = p.ForChain(state);
            for (int tile = 0; tile < p.TileCount; tile++)
            {
                var want = FastTile.ScalarSums(data, tile, 2, state, chain);
                var got = VectorFastTile.TileSums(data, tile, 2, state, chain);
                Assert.Equal(want, got);
                Assert.True(double.IsFinite(want.S3) && want.S3 != 0);
            }
        }
    }
}
