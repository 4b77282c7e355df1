using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using GreatModel.Kernels;
using GreatModel.Model;

namespace GreatModel.Backends.Simd;

/// <summary>
/// <see cref="HostConditionals.Draw"/> for eight chains side by side, one per Vector512 lane (each lane its own key, chain, n, sums
/// and ν): the three draws' trial-0 blocks, their normals, both Marsaglia–Tsang trials and the arithmetic of α², μ, τ² lane-wise,
/// the same operations as the scalar specification. A lane whose trial 0 rejects, or whose shape needs the boost (below 1), is
/// left for the caller to draw by the specification (about one lane in fifty for n = 100): so every lane gets the scalar bits.
/// </summary>
internal static class VectorHostConditionals
{
    /// <summary>Chains per call: one per Vector512 lane.</summary>
    public const int Width = 8;

    /// <summary>
    /// Draws chains 0 .. count − 1 of the block, count = <paramref name="sums"/>.Length. The per-chain constants are read eight at
    /// a time whatever the count (their arrays run at least eight past the block's start); sums and states only up to count.
    /// </summary>
    /// <param name="constants">The block's per-chain constants, from its first chain on (at least eight entries each).</param>
    /// <param name="sweep">The sweep.</param>
    /// <param name="sums">The block's chains' sums. Length: count, 1 to 8.</param>
    /// <param name="states">Their states (ν is read).</param>
    /// <param name="mu">Out: μ of each drawn chain.</param>
    /// <param name="alpha2">Out: α².</param>
    /// <param name="tau2">Out: τ².</param>
    /// <returns>Bit k set where chain k was not drawn (a trial 0 rejected, or a shape below 1): the caller draws it by the specification.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // full optimisation at the first call: tier-0 code runs the vector math as calls
    public static uint Draw(in ConditionalConstants constants, uint sweep, ReadOnlySpan<SweepSums> sums, ReadOnlySpan<ChainState> states,
        Span<double> mu, Span<double> alpha2, Span<double> tau2)
    {
        int count = sums.Length;
        var live = VectorSweep.FirstLanes(count);
        var s0 = Vector512.Create(At(sums, 0).S0, At(sums, 1).S0, At(sums, 2).S0, At(sums, 3).S0, At(sums, 4).S0, At(sums, 5).S0, At(sums, 6).S0, At(sums, 7).S0);
        var s1 = Vector512.Create(At(sums, 0).S1, At(sums, 1).S1, At(sums, 2).S1, At(sums, 3).S1, At(sums, 4).S1, At(sums, 5).S1, At(sums, 6).S1, At(sums, 7).S1);
        var s2 = Vector512.Create(At(sums, 0).S2, At(sums, 1).S2, At(sums, 2).S2, At(sums, 3).S2, At(sums, 4).S2, At(sums, 5).S2, At(sums, 6).S2, At(sums, 7).S2);
        var nu = Vector512.Create(At(states, 0).Nu, At(states, 1).Nu, At(states, 2).Nu, At(states, 3).Nu, At(states, 4).Nu, At(states, 5).Nu, At(states, 6).Nu, At(states, 7).Nu);
        var n = Vector512.Create(constants.N[..Width]);

        var keys = new LaneRoundKeys(Vector512.Create(constants.Key0[..Width]), Vector512.Create(constants.Key1[..Width]));
        var chains = Vector512.Create(constants.Chain[..Width]);
        var chiBlock = Counters(HostConditionals.ChiSquareDraw, sweep, chains);
        var muBlock = Counters(HostConditionals.MuDraw, sweep, chains);
        var tauBlock = Counters(HostConditionals.Tau2Draw, sweep, chains);
        var unused = tauBlock;
        VectorPhilox.GeneratePair(ref chiBlock, ref muBlock, keys);
        VectorPhilox.GeneratePair(ref tauBlock, ref unused, keys);

        // α² = S2/χ²_n, χ²_n = 2·Gamma(n/2): n/2 ≥ 1 (no boost) wherever n ≥ 2.
        var halfNLive = live & Vector512.GreaterThanOrEqual(n, Vector512.Create(2.0));
        var (chiAccepted, halfNGamma) = VectorSweep.GammaTrial(Normal(chiBlock), VectorPhilox.OpenUniform32(chiBlock.X3), halfNLive,
            Vector512.Create(constants.HalfND[..Width]), Vector512.Create(constants.HalfNC[..Width]));
        var alpha2V = s2 / (Vector512.Create(2.0) * halfNGamma);

        var muV = (s1 / s0) + (Vector512.Sqrt(alpha2V / s0) * Normal(muBlock));

        // τ² = Gamma(νn/2, 1)/(νS0/2), GammaShape.For's d and c lane-wise for the shapes that need no boost.
        var shape = nu * n / Vector512.Create(2.0);
        var tauLive = live & Vector512.GreaterThanOrEqual(shape, Vector512.Create(1.0));
        var d = shape - Vector512.Create(1.0 / 3.0);
        var c = Vector512.Create(1.0) / Vector512.Sqrt(Vector512.Create(9.0) * d);
        var (tauAccepted, tauGamma) = VectorSweep.GammaTrial(Normal(tauBlock), VectorPhilox.OpenUniform32(tauBlock.X3), tauLive, d, c);
        var tau2V = tauGamma / (nu * s0 / Vector512.Create(2.0));

        for (int k = 0; k < count; k++)
        {
            mu[k] = muV.GetElement(k);
            alpha2[k] = alpha2V.GetElement(k);
            tau2[k] = tau2V.GetElement(k);
        }
        return (uint)(live & ~(chiAccepted & tauAccepted)).ExtractMostSignificantBits();
    }

    /// <summary>Entry k of a block of <paramref name="values"/>.Length ≤ 8 chains; past its end the first (lanes not drawn).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T At<T>(ReadOnlySpan<T> values, int k) => values[k < values.Length ? k : 0];

    /// <summary>Trial 0's counters of one draw of eight chains: (HostConditionalsDatum + draw, sweep, chain, trial 0), as <see cref="HostConditionals.Site"/> lays them out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static PhiloxLanes Counters(uint draw, uint sweep, Vector512<ulong> chains) => new()
    {
        X0 = Vector512.Create((ulong)(CounterSpace.HostConditionalsDatum + draw)),
        X1 = Vector512.Create((ulong)sweep),
        X2 = chains,
        X3 = Vector512.Create((ulong)CounterSpace.DeviceTrialFirst),
    };

    /// <summary><see cref="DeviceRandom.StandardNormal"/> of each lane's block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Normal(in PhiloxLanes block) =>
        VectorSweep.Normal(VectorPhilox.OpenUniform53(block.X0, block.X1), VectorPhilox.OpenUniform32(block.X2));
}
