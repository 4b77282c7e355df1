using System.Runtime.Intrinsics;
using GreatModel.Backends.Simd;
using GreatModel.Kernels;
using GreatModel.Model;

namespace GreatModel.Tests.Backends.Simd;

/// <summary>
/// The host draws of up to eight chains side by side (their three draws in vector lanes) give each chain the specification's bits (<see cref="HostConditionals.Draw"/>):
/// every chain it draws (in both layouts: blocks of one and two chains, and more), and it leaves every chain whose shape needs
/// the boost to the specification (with those whose trial 0 rejected). Run also with DOTNET_EnableAVX512F=0 (two 256-bit halves) and DOTNET_EnableHWIntrinsic=0 (no vector path).
/// </summary>
public class VectorHostConditionalsTests
{
    private const int Width = VectorHostConditionals.Width;

    /// <summary>Chains of mixed groups: keys, chain numbers, n from 1 (χ²'s boost) to 10⁶, ν from 0.05 (τ²'s boost) to 10⁶.</summary>
    private static readonly int[] Ns = [1, 2, 3, 7, 100, 500, 12_345, 1_000_000];
    private static readonly double[] Nus = [0.05, 0.5, 1.0, 2.5, 4.0, 30.0, 1e3, 1e6];

    [Fact]
    public void EveryLaneIsTheSpecificationsDrawWhateverTheBlockSize()
    {
        Assert.SkipUnless(Vector256.IsHardwareAccelerated, "no SIMD hardware: the vector path is not used here");
        var rng = new System.Random(11);
        int vectorLanes = 0, redrawn = 0;
        for (int trial = 0; trial < 4000; trial++)
        {
            int count = 1 + (trial % Width);
            var keys = Enumerable.Range(0, Width).Select(_ => (ulong)rng.NextInt64()).ToArray();
            var chains = Enumerable.Range(0, Width).Select(_ => (uint)rng.Next(0, 1 << 20)).ToArray();
            var n = Enumerable.Range(0, Width).Select(_ => Ns[rng.Next(Ns.Length)]).ToArray();
            var halfN = n.Select(v => GammaShape.For(v / 2.0)).ToArray();
            var sums = Enumerable.Range(0, count).Select(_ => new SweepSums(0.1 + (rng.NextDouble() * 50), (rng.NextDouble() - 0.5) * 40, 0.01 + (rng.NextDouble() * 80))).ToArray();
            if (trial % 97 == 0) sums[0] = sums[0] with { S2 = trial % 2 == 0 ? double.NaN : double.PositiveInfinity }; // the driver's check names such chains
            var states = Enumerable.Range(0, count).Select(_ => new ChainState(0, 1, 1, Nus[rng.Next(Nus.Length)])).ToArray();
            uint sweep = (uint)rng.Next();
            var constants = new ConditionalConstants
            {
                // Exactly the block's chains, as the last block of a run has them.
                N = n.AsSpan(0, count),
                Key0 = keys.Select(k => (ulong)(uint)k).Take(count).ToArray(),
                Key1 = keys.Select(k => k >> 32).Take(count).ToArray(),
                Chain = chains.Select(c => (ulong)c).Take(count).ToArray(),
            };
            double[] mu = new double[count], alpha2 = new double[count], tau2 = new double[count];
            uint redraw = VectorHostConditionals.Draw(constants, sweep, sums, states, mu, alpha2, tau2);
            Assert.Equal(0u, redraw >> count);
            for (int k = 0; k < count; k++)
            {
                bool boosted = n[k] < 2 || HostConditionals.Tau2Shape(states[k].Nu, n[k]) < 1;
                var expected = HostConditionals.Draw(keys[k], chains[k], sweep, sums[k], halfN[k], n[k], states[k].Nu);
                if ((redraw & (1u << k)) != 0)
                {
                    redrawn++;
                    continue;
                }
                Assert.False(boosted, $"lane {k} (n = {n[k]}, ν = {states[k].Nu}) needs the boost but was drawn");
                vectorLanes++;
                AssertSameBits(expected.Mu, mu[k]);
                AssertSameBits(expected.Alpha2, alpha2[k]);
                AssertSameBits(expected.Tau2, tau2[k]);
            }
        }
        // Most lanes finish in the vector path; the specification takes the boosts and trial-0 rejections.
        Assert.InRange(redrawn, 1, vectorLanes);
    }

    /// <summary>The same bits (−0 is not +0), or both NaN (a NaN's payload depends on which operand an instruction met first).</summary>
    private static void AssertSameBits(double expected, double actual)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual)) return;
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
    }

    [Fact]
    public void LaneRoundKeysAreEachLanesScheduledKeys()
    {
        Assert.SkipUnless(Vector256.IsHardwareAccelerated, "no SIMD hardware: the vector path is not used here");
        var keys = new LaneRoundKeys(Vector512.Create(0UL, 1, 0xFFFF_FFFF, 0x8000_0000, 12345, 0xDEAD_BEEF, 7, 0x7FFF_FFFF),
            Vector512.Create(0xFFFF_FFFFUL, 0, 1, 2, 3, 4, 5, 6));
        for (int round = 0; round < Philox4x32.Rounds; round++)
        {
            for (int lane = 0; lane < Width; lane++)
            {
                var scheduled = new ScheduledRoundKeys((uint)new ulong[] { 0, 1, 0xFFFF_FFFF, 0x8000_0000, 12345, 0xDEAD_BEEF, 7, 0x7FFF_FFFF }[lane],
                    (uint)new ulong[] { 0xFFFF_FFFF, 0, 1, 2, 3, 4, 5, 6 }[lane]);
                Assert.Equal(scheduled.Key0(round)[0], keys.Key0(round)[lane]);
                Assert.Equal(scheduled.Key1(round)[0], keys.Key1(round)[lane]);
            }
        }
    }
}
