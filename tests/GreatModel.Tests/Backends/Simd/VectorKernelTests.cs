using System.Runtime.Intrinsics;
using GreatModel.Backends;
using GreatModel.Backends.Simd;
using GreatModel.Kernels;
using GreatModel.Model;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Backends.Simd;

/// <summary>
/// The native SIMD path must give the scalar kernel code's bits: the same Philox words, the same log and
/// cos, and the same tile sums (so the `cpu` backend's draws equal `ilgpu-cpu`'s and the GPU kernels' layout).
/// </summary>
public class VectorKernelTests
{
    private static bool Simd => Vector256.IsHardwareAccelerated;

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the round keys computed as the rounds go (ScheduledRoundKeys), not read from the table
    public void EightPhiloxBlocksAtOnceAreTheScalarBlocks(bool scheduledKeys)
    {
        Assert.SkipUnless(Simd, "no SIMD hardware: the vector path is not used here");
        var keys = new Vector512<ulong>[VectorPhilox.RoundKeyCount];
        VectorPhilox.RoundKeys(0xDEADBEEF, 0x01234567, keys);
        var rng = new System.Random(5);
        const int width = 8;
        for (int t = 0; t < 1000; t++)
        {
            var counters = Enumerable.Range(0, 2 * width).Select(_ => new Block128((uint)rng.Next(), (uint)rng.Next(), (uint)rng.Next(), (uint)rng.Next())).ToArray();
            Vector512<ulong> Word(int from, Func<Block128, uint> word) =>
                Vector512.Create(Enumerable.Range(from, width).Select(i => (ulong)word(counters[i])).ToArray());
            PhiloxLanes Lanes(int from) => new()
            {
                X0 = Word(from, c => c.X0),
                X1 = Word(from, c => c.X1),
                X2 = Word(from, c => c.X2),
                X3 = Word(from, c => c.X3),
            };
            var a = Lanes(0);
            var b = Lanes(width);
            if (scheduledKeys)
                VectorPhilox.GeneratePair(ref a, ref b, new ScheduledRoundKeys(0xDEADBEEF, 0x01234567));
            else
                VectorPhilox.GeneratePair(ref a, ref b, keys);
            for (int k = 0; k < 2 * width; k++)
            {
                var want = Philox4x32.Generate(counters[k], 0xDEADBEEF, 0x01234567);
                var lanes = k < width ? a : b;
                int lane = k % width;
                Assert.Equal(want.X0, (uint)lanes.X0.GetElement(lane));
                Assert.Equal(want.X1, (uint)lanes.X1.GetElement(lane));
                Assert.Equal(want.X2, (uint)lanes.X2.GetElement(lane));
                Assert.Equal(want.X3, (uint)lanes.X3.GetElement(lane));
            }
            Assert.Equal(Philox4x32.OpenUniform53(counters[0].X0, counters[0].X1),
                VectorPhilox.OpenUniform53(Vector512.Create((ulong)counters[0].X0), Vector512.Create((ulong)counters[0].X1)).GetElement(0));
            Assert.Equal(Philox4x32.OpenUniform32(counters[1].X2), VectorPhilox.OpenUniform32(Vector512.Create((ulong)counters[1].X2)).GetElement(0));
        }
    }

    [Fact]
    public void VectorLogAndCosineGiveThePortableBits()
    {
        Assert.SkipUnless(Simd, "no SIMD hardware: the vector path is not used here");
        var rng = new System.Random(6);
        var special = new[] { 1.0, 0.5, 2.0, double.Epsilon, 4.9e-320, 2.2250738585072014e-308, 1 - 1e-16, 1 + 2.2e-16,
            BitConverter.Int64BitsToDouble(0x3FF6A09E667F3BCD), BitConverter.Int64BitsToDouble(0x3FF6A09E667F3BCE), 0.25, 0.75 };
        var inputs = special.Concat(Enumerable.Range(0, 100_000).Select(_ => Math.Exp((rng.NextDouble() - 0.5) * 1400)))
            .Concat(Enumerable.Range(0, 100_000).Select(_ => rng.NextDouble())).ToArray();
        const int width = 8;
        for (int i = 0; i + width <= inputs.Length; i += width)
        {
            var x = Vector512.Create(inputs.AsSpan(i, width));
            var log = VectorMath.Log(x);
            for (int k = 0; k < width; k++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(PortableMath.Log(inputs[i + k])), BitConverter.DoubleToInt64Bits(log.GetElement(k)));
            if (inputs.AsSpan(i, width).ContainsAnyExceptInRange(0.0, 0.9999999999999999)) continue;
            var cos = VectorMath.CosTwoPi(x);
            for (int k = 0; k < width; k++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(PortableMath.CosTwoPi(inputs[i + k])), BitConverter.DoubleToInt64Bits(cos.GetElement(k)));
        }
    }

    [Fact]
    public void VectorSingleLogAndCosineGiveTheScalarBits()
    {
        Assert.SkipUnless(Simd, "no SIMD hardware: the vector path is not used here");
        var rng = new System.Random(9);
        // The logs' inputs: uniforms and products of up to four (down to 2^-96), and the edges of the fold at √2.
        var special = new[] { 1.0f, 0.5f, 2.0f, 1.4142135f, 1.4142137f, 0.70710677f, 5.9604645e-08f, 1 - 5.9604645e-08f, 1.2621775e-29f };
        var logs = special.Concat(Enumerable.Range(0, 100_000).Select(_ => (float)Math.Pow(rng.NextDouble(), 1 + (3 * rng.NextDouble()))))
            .Where(x => x >= 1.2e-38f).ToArray();
        var turns = new[] { 0.0f, 0.125f, 0.25f, 0.375f, 0.5f, 0.625f, 0.75f, 0.875f, 1 - 5.9604645e-08f, 5.9604645e-08f }
            .Concat(Enumerable.Range(0, 100_000).Select(_ => SingleRandom.OpenUniform((uint)rng.NextInt64(0, 1L << 32)))).ToArray();
        const int width = 8;
        for (int i = 0; i + width <= logs.Length; i += width)
        {
            var log = VectorSingleMath.Log(Vector256.Create(logs.AsSpan(i, width)));
            for (int k = 0; k < width; k++) Assert.Equal(BitConverter.SingleToInt32Bits(SingleRandom.Log(logs[i + k])), BitConverter.SingleToInt32Bits(log.GetElement(k)));
        }
        for (int i = 0; i + width <= turns.Length; i += width)
        {
            var cos = VectorSingleMath.CosTwoPi(Vector256.Create(turns.AsSpan(i, width)));
            for (int k = 0; k < width; k++) Assert.Equal(BitConverter.SingleToInt32Bits(SingleRandom.CosTwoPi(turns[i + k])), BitConverter.SingleToInt32Bits(cos.GetElement(k)));
        }
        var words = Vector512.Create(0UL, 1, 511, 512, 0xFFFF_FFFF, 0x8000_0000, 0x1234_5678, 0xFFFF_FE00);
        var uniforms = VectorSingleMath.OpenUniform(VectorSingleMath.Words(words));
        for (int k = 0; k < width; k++) Assert.Equal(SingleRandom.OpenUniform((uint)words.GetElement(k)), uniforms.GetElement(k));
    }

    /// <summary>
    /// --precision single on the cpu backend's vector path: every loop-free k (with and without the normal, one to three
    /// Philox blocks, one to three float products), a partial vector and a second tile; the scalar kernel code's sums bit for bit.
    /// </summary>
    [Theory]
    [InlineData(1.0, 1001)]
    [InlineData(2.0, 1001)]
    [InlineData(6.0, SweepLayout.TileSize + 13)]
    [InlineData(7.0, 1001)]
    [InlineData(14.0, 1001)]
    [InlineData(15.0, 1001)]
    public void VectorisedSinglePrecisionTilesGiveTheScalarSums(double nu, int n)
    {
        var rng = new System.Random(8);
        var data = new ObservedData(Enumerable.Range(0, n).Select(_ => (rng.NextDouble() - 0.5) * 20).ToArray(), "test");
        RunPlan Plan(int threads) => RunPlan.Create(data,
            new SamplerOptions { Nu = nu, Seed = 0x5EED_0000_0000_0043UL, Chains = 3, Backend = Backend.Cpu, Precision = Precision.Single },
            new RunHooks { CpuThreads = threads });
        var states = new[] { new ChainState(0.5, 1.0, 1.0, nu), new ChainState(-2, 3.5, 0.2, nu), new ChainState(9, 0.01, 40, nu) };
        using var vector = new CpuEngine(Plan(2), vectorise: true);
        using var scalar = new CpuEngine(Plan(1), vectorise: false);
        Assert.Equal(Simd, vector.Description.Contains("SIMD", StringComparison.Ordinal));
        var got = new SweepSums[3];
        var want = new SweepSums[3];
        for (uint sweep = 0; sweep < 5; sweep++)
        {
            vector.ComputeSums(sweep, states, got);
            scalar.ComputeSums(sweep, states, want);
            Assert.Equal(want, got);
        }
    }

    /// <summary>
    /// n leaves a partial tile and a partial vector; ν = 1.5 (shape 1.25) makes the scalar redraw of
    /// rejected trials common; ν = 0.5 (shape 0.75, boosted) takes the scalar path throughout; ν = 1, 3,
    /// 14, 15 are the loop-free χ² (k = 2, 4: one block, even; k = 15: three blocks with the normal; k = 16:
    /// the largest), ν = 16 (k = 17) is Marsaglia–Tsang again.
    /// </summary>
    [Theory]
    [InlineData(6.0, 2 * SweepLayout.TileSize + 7)]
    [InlineData(1.0, 1001)]
    [InlineData(3.0, 1001)]
    [InlineData(14.0, 1001)]
    [InlineData(15.0, 1001)]
    [InlineData(16.0, 1001)]
    [InlineData(1.5, SweepLayout.TileSize + 258)]
    [InlineData(0.5, 1001)]
    [InlineData(6.0, 3)]
    public void VectorisedTilesGiveTheScalarSums(double nu, int n)
    {
        var rng = new System.Random(7);
        var data = Enumerable.Range(0, n).Select(_ => (rng.NextDouble() - 0.5) * 20).ToArray();
        var plan2 = TestPlans.For(data, nu, seed: 0x5EED_0000_0000_0042UL, chains: 3, threads: 2);
        var plan1 = TestPlans.For(data, nu, seed: 0x5EED_0000_0000_0042UL, chains: 3, threads: 1);
        var states = new[] { new ChainState(0.5, 1.0, 1.0, nu), new ChainState(-2, 3.5, 0.2, nu), new ChainState(9, 0.01, 40, nu) };
        using var vector = new CpuEngine(plan2, vectorise: true);
        using var scalar = new CpuEngine(plan1, vectorise: false);
        Assert.Equal(Simd && nu >= 1, vector.Description.Contains("SIMD", StringComparison.Ordinal));
        var got = new SweepSums[3];
        var want = new SweepSums[3];
        for (uint sweep = 0; sweep < 5; sweep++)
        {
            vector.ComputeSums(sweep, states, got);
            scalar.ComputeSums(sweep, states, want);
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(want[c].S0, got[c].S0);
                Assert.Equal(want[c].S1, got[c].S1);
                Assert.Equal(want[c].S2, got[c].S2);
            }
        }
    }
}
