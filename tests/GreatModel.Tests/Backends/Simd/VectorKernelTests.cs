using System.Runtime.Intrinsics;
using GreatModel.Backends;
using GreatModel.Backends.Simd;
using GreatModel.Kernels;
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
