using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using GreatModel.Kernels;
using GreatModel.Model;

namespace GreatModel.Backends.Simd;

/// <summary>
/// <see cref="HostConditionals.Draw"/> for up to eight chains side by side in Vector512 lanes, in one of two layouts: one chain
/// per lane (each draw kind one vector over the chains, then α², μ, τ² lane-wise), or, for blocks of one or two chains, each
/// chain's three draws (χ²_n's gamma, μ's normal, τ²'s gamma) in lanes of their own, so that one chain pays for one vector,
/// not for eight lanes of which seven idle. Either way each lane makes its trial-0 Philox block (each its own key, chain and
/// draw), its Box–Muller normal and, for a gamma, Marsaglia–Tsang's first trial. A chain whose trial 0 rejects, or whose shape
/// is below 1 (the boost), is left for the caller to draw by the specification (about one in fifty at n = 100): so every chain
/// gets the scalar bits whatever the block's size and layout.
/// </summary>
[SkipLocalsInit] // the values of a block's pairs are written before they are read
internal static class VectorHostConditionals
{
    /// <summary>Chains per call, at most.</summary>
    public const int Width = 8;

    /// <summary>Lanes per vector.</summary>
    private const int Lanes = 8;

    /// <summary>Draws per chain (χ², μ's normal, τ²'s gamma: <see cref="HostConditionals.ChiSquareDraw"/>, MuDraw, Tau2Draw).</summary>
    private const int DrawsPerChain = 3;

    /// <summary>
    /// Draws chains 0 .. count − 1 of the block, count = <paramref name="sums"/>.Length (1 to <see cref="Width"/>).
    /// </summary>
    /// <param name="constants">The block's per-chain constants, from its first chain on (at least count entries each).</param>
    /// <param name="sweep">The sweep.</param>
    /// <param name="sums">The block's chains' sums.</param>
    /// <param name="states">Their states (ν is read).</param>
    /// <param name="mu">Out: μ of each drawn chain.</param>
    /// <param name="alpha2">Out: α².</param>
    /// <param name="tau2">Out: τ².</param>
    /// <returns>Bit k set where chain k was not drawn (a trial 0 rejected, or a shape below 1): the caller draws it by the specification.</returns>
    public static uint Draw(in ConditionalConstants constants, uint sweep, ReadOnlySpan<SweepSums> sums, ReadOnlySpan<ChainState> states,
        Span<double> mu, Span<double> alpha2, Span<double> tau2) =>
        sums.Length >= ChainLanesFrom
            ? ByChainLanes(constants, sweep, sums, states, mu, alpha2, tau2)
            : ByDrawLanes(constants, sweep, sums, states, mu, alpha2, tau2);

    /// <summary>
    /// Blocks of this many chains or more put one chain in each lane (three vectors' draws for up to eight chains, the
    /// arithmetic of α², μ, τ² lane-wise too); smaller blocks put each of their chains' three draws in lanes of their own
    /// (one vector for one chain). Measured on a 2-core EPYC, per chain: eight chains 38 ns by chain lanes, 48 ns by draw lanes;
    /// one chain about 100 ns by draw lanes, 256 ns by chain lanes (MathNet's scalar samplers: 91 ns).
    /// </summary>
    private const int ChainLanesFrom = 3;

    /// <summary>One chain per lane: each draw kind one vector over the block's chains.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // full optimisation at the first call: tier-0 code runs the vector math as calls
    private static uint ByChainLanes(in ConditionalConstants constants, uint sweep, ReadOnlySpan<SweepSums> sums, ReadOnlySpan<ChainState> states,
        Span<double> mu, Span<double> alpha2, Span<double> tau2)
    {
        int count = sums.Length;
        var live = VectorSweep.FirstLanes(count);
        var s0 = Vector512.Create(At(sums, 0).S0, At(sums, 1).S0, At(sums, 2).S0, At(sums, 3).S0, At(sums, 4).S0, At(sums, 5).S0, At(sums, 6).S0, At(sums, 7).S0);
        var s1 = Vector512.Create(At(sums, 0).S1, At(sums, 1).S1, At(sums, 2).S1, At(sums, 3).S1, At(sums, 4).S1, At(sums, 5).S1, At(sums, 6).S1, At(sums, 7).S1);
        var s2 = Vector512.Create(At(sums, 0).S2, At(sums, 1).S2, At(sums, 2).S2, At(sums, 3).S2, At(sums, 4).S2, At(sums, 5).S2, At(sums, 6).S2, At(sums, 7).S2);
        var nu = Vector512.Create(At(states, 0).Nu, At(states, 1).Nu, At(states, 2).Nu, At(states, 3).Nu, At(states, 4).Nu, At(states, 5).Nu, At(states, 6).Nu, At(states, 7).Nu);
        var lanes = new LaneChains(count);
        var n = lanes.OfN(constants.N);
        var keys = new LaneRoundKeys(lanes.Of(constants.Key0), lanes.Of(constants.Key1));
        var chains = lanes.Of(constants.Chain);
        var chiBlock = Counters(Vector512.Create((ulong)HostConditionals.ChiSquareDraw), sweep, chains);
        var muBlock = Counters(Vector512.Create((ulong)HostConditionals.MuDraw), sweep, chains);
        var tauBlock = Counters(Vector512.Create((ulong)HostConditionals.Tau2Draw), sweep, chains);
        var unused = tauBlock;
        VectorPhilox.GeneratePair(ref chiBlock, ref muBlock, keys);
        VectorPhilox.GeneratePair(ref tauBlock, ref unused, keys);

        // α² = S2/χ²_n, χ²_n = 2·Gamma(n/2) (GammaShape.For(n/2)'s d and c lane-wise; no boost wherever n ≥ 2).
        var halfN = n / Vector512.Create(2.0);
        var (halfND, halfNC) = MarsagliaTsang(halfN);
        var (chiAccepted, halfNGamma) = VectorSweep.GammaTrial(Normal(chiBlock), VectorPhilox.OpenUniform32(chiBlock.X3),
            live & Vector512.GreaterThanOrEqual(halfN, Vector512.Create(1.0)), halfND, halfNC);
        var alpha2V = s2 / (Vector512.Create(2.0) * halfNGamma);

        var muV = (s1 / s0) + (Vector512.Sqrt(alpha2V / s0) * Normal(muBlock));

        // τ² = Gamma(νn/2, 1)/(νS0/2).
        var shape = nu * n / Vector512.Create(2.0);
        var (d, c) = MarsagliaTsang(shape);
        var (tauAccepted, tauGamma) = VectorSweep.GammaTrial(Normal(tauBlock), VectorPhilox.OpenUniform32(tauBlock.X3),
            live & Vector512.GreaterThanOrEqual(shape, Vector512.Create(1.0)), d, c);
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

    /// <summary>Trial 0's counters of eight lanes' draws: (HostConditionalsDatum + draw, sweep, chain, trial 0), as <see cref="HostConditionals.Site"/> lays them out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static PhiloxLanes Counters(Vector512<ulong> draws, uint sweep, Vector512<ulong> chains) => new()
    {
        X0 = Vector512.Create((ulong)CounterSpace.HostConditionalsDatum) + draws,
        X1 = Vector512.Create((ulong)sweep),
        X2 = chains,
        X3 = Vector512.Create((ulong)CounterSpace.DeviceTrialFirst),
    };

    /// <summary><see cref="DeviceRandom.StandardNormal"/> of each lane's block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Normal(in PhiloxLanes block) =>
        VectorSweep.Normal(VectorPhilox.OpenUniform53(block.X0, block.X1), VectorPhilox.OpenUniform32(block.X2));

    /// <summary><see cref="GammaShape.For"/>'s d = a − 1/3 and c = 1/√(9d) lane-wise, for shapes a ≥ 1 (no boost): the same operations, the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<double> D, Vector512<double> C) MarsagliaTsang(Vector512<double> shape)
    {
        var d = shape - Vector512.Create(1.0 / 3.0);
        return (d, Vector512.Create(1.0) / Vector512.Sqrt(Vector512.Create(9.0) * d));
    }

    /// <summary>Each chain's three draws in lanes of their own (pair p = 3k + d in lane p mod 8 of vector p / 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // full optimisation at the first call: tier-0 code runs the vector math as calls
    private static uint ByDrawLanes(in ConditionalConstants constants, uint sweep, ReadOnlySpan<SweepSums> sums, ReadOnlySpan<ChainState> states,
        Span<double> mu, Span<double> alpha2, Span<double> tau2)
    {
        int count = sums.Length, pairs = DrawsPerChain * count;
        Span<double> values = stackalloc double[DrawsPerChain * Width]; // pair p = 3k + d: chain k's gamma (d = 0, 2) or normal (d = 1)
        ulong finished = 0; // bit p: pair p's value is the specification's
        for (int vector = 0; vector * Lanes < pairs; vector++)
        {
            int first = vector * Lanes;
            var lanes = new LaneChains(vector, count, DrawsPerChain);
            var draw = Vector512.Create<ulong>(DrawOfLane.AsSpan(first, Lanes));
            var inBlock = Vector512.LessThan(Vector512.Create((long)first) + Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7), Vector512.Create((long)pairs)).AsDouble();
            var isTau = Vector512.Equals(draw, Vector512.Create((ulong)HostConditionals.Tau2Draw)).AsDouble();
            var isNormal = Vector512.Equals(draw, Vector512.Create((ulong)HostConditionals.MuDraw)).AsDouble() & inBlock;
            var counters = Counters(draw, sweep, lanes.Of(constants.Chain));
            var spare = counters;
            VectorPhilox.GeneratePair(ref counters, ref spare, new LaneRoundKeys(lanes.Of(constants.Key0), lanes.Of(constants.Key1))); // a set of eight costs what a pair does
            var normal = VectorSweep.Normal(VectorPhilox.OpenUniform53(counters.X0, counters.X1), VectorPhilox.OpenUniform32(counters.X2));

            // Gamma shapes as the specification forms them: n/2 for χ², νn/2 for τ² (HostConditionals.Tau2Shape), then
            // GammaShape.For's d and c lane-wise where no boost is needed (shape ≥ 1); other lanes run no trial.
            var n = lanes.OfN(constants.N);
            var shape = Vector512.ConditionalSelect(isTau, lanes.OfNu(states) * n, n) / Vector512.Create(2.0);
            var trial = ~isNormal & inBlock & Vector512.GreaterThanOrEqual(shape, Vector512.Create(1.0));
            var (d, c) = MarsagliaTsang(shape);
            var (accepted, gamma) = VectorSweep.GammaTrial(normal, VectorPhilox.OpenUniform32(counters.X3), trial, d, c);
            Vector512.ConditionalSelect(trial, gamma, normal).CopyTo(values[first..]);
            finished |= (ulong)(accepted | isNormal).ExtractMostSignificantBits() << first;
        }
        uint redraw = 0;
        for (int k = 0; k < count; k++)
        {
            const ulong allThree = (1UL << DrawsPerChain) - 1;
            if (((finished >> (DrawsPerChain * k)) & allThree) != allThree)
            {
                redraw |= 1u << k;
                continue;
            }
            var s = sums[k];
            // The specification's arithmetic: α² = S2/χ², μ = S1/S0 + √(α²/S0)·z, τ² = gamma/(νS0/2).
            double chiSquare = 2.0 * values[DrawsPerChain * k];
            alpha2[k] = s.S2 / chiSquare;
            mu[k] = (s.S1 / s.S0) + (Math.Sqrt(alpha2[k] / s.S0) * values[(DrawsPerChain * k) + 1]);
            tau2[k] = values[(DrawsPerChain * k) + 2] / HostConditionals.Tau2Rate(states[k].Nu, s.S0);
        }
        return redraw;
    }

    /// <summary>Draw of lane j of vector v: pair 8v + j is chain (8v + j)/3's draw (8v + j) mod 3.</summary>
    private static readonly ulong[] DrawOfLane = [.. Enumerable.Range(0, DrawsPerChain * Width).Select(p => (ulong)(p % DrawsPerChain))];

    /// <summary>
    /// Which chain of the block each lane of a vector belongs to (by draw lanes, pair p: chain p/3; by chain lanes, lane k: chain
    /// k; past the block, chain 0), and the lane-wise values of a per-chain constant, built from scalars (no store and reload of a
    /// scratch vector, which stalls).
    /// </summary>
    private readonly ref struct LaneChains
    {
        private readonly int _c0, _c1, _c2, _c3, _c4, _c5, _c6, _c7;

        /// <summary>By chain lanes: lane k holds chain k.</summary>
        public LaneChains(int count) : this(0, count, 1)
        {
        }

        /// <summary>Vector <paramref name="vector"/> of a layout with <paramref name="perChain"/> lanes per chain.</summary>
        public LaneChains(int vector, int count, int perChain)
        {
            int first = vector * Lanes;
            _c0 = Chain(first, count, perChain);
            _c1 = Chain(first + 1, count, perChain);
            _c2 = Chain(first + 2, count, perChain);
            _c3 = Chain(first + 3, count, perChain);
            _c4 = Chain(first + 4, count, perChain);
            _c5 = Chain(first + 5, count, perChain);
            _c6 = Chain(first + 6, count, perChain);
            _c7 = Chain(first + 7, count, perChain);
        }

        private static int Chain(int lane, int count, int perChain) => lane < perChain * count ? lane / perChain : 0;

        public Vector512<ulong> Of(ReadOnlySpan<ulong> v) => Vector512.Create(v[_c0], v[_c1], v[_c2], v[_c3], v[_c4], v[_c5], v[_c6], v[_c7]);

        public Vector512<double> OfN(ReadOnlySpan<int> v) =>
            Vector512.Create((double)v[_c0], v[_c1], v[_c2], v[_c3], v[_c4], v[_c5], v[_c6], v[_c7]);

        public Vector512<double> OfNu(ReadOnlySpan<ChainState> v) =>
            Vector512.Create(v[_c0].Nu, v[_c1].Nu, v[_c2].Nu, v[_c3].Nu, v[_c4].Nu, v[_c5].Nu, v[_c6].Nu, v[_c7].Nu);
    }
}
