using System.Numerics;
using GreatModel.Backends.Simd;
using GreatModel.Kernels;
using GreatModel.Model;
using GreatModel.Sampling;

namespace GreatModel.Backends;

/// <summary>
/// A run's host draws of α², μ, τ² (MODEL.md steps 3–5) for every backend but the reference: <see cref="HostConditionals"/> per
/// chain, up to eight chains' draws at a time in vector lanes where the CPU has SIMD (<see cref="VectorHostConditionals"/>, the same bits).
/// Holds each slot's constants (key, chain, n).
/// </summary>
internal sealed class ConditionalDraws
{
    private readonly int[] _n;
    private readonly ulong[] _key0, _key1, _chain;

    /// <summary>Bytes held per slot: n and three 8-byte constants (the run's memory estimate counts them).</summary>
    public const int BytesPerSlot = sizeof(int) + (3 * sizeof(ulong));

    /// <param name="plan">The run: its slots' groups (key, n) and chains.</param>
    public ConditionalDraws(RunPlan plan)
    {
        int slots = plan.Slots;
        _n = new int[slots];
        _key0 = new ulong[slots];
        _key1 = new ulong[slots];
        _chain = new ulong[slots];
        for (int slot = 0; slot < slots; slot++)
        {
            var group = plan.GroupOf(slot);
            _n[slot] = group.N;
            _key0[slot] = (uint)group.Key;
            _key1[slot] = (uint)(group.Key >> 32);
            _chain[slot] = (uint)plan.ChainOf(slot);
        }
    }

    /// <summary>Slot <paramref name="slot"/>'s n (its group's).</summary>
    public int N(int slot) => _n[slot];

    /// <summary>Steps 3–5 of one slot by the specification (<see cref="HostConditionals.Draw"/>).</summary>
    /// <param name="slot">The slot. Range: [0, slots).</param>
    /// <param name="sweep">The sweep.</param>
    /// <param name="sums">The slot's sums this sweep.</param>
    /// <param name="nu">The slot's ν this sweep.</param>
    public (double Mu, double Alpha2, double Tau2) DrawOne(int slot, long sweep, SweepSums sums, double nu)
    {
        int n = _n[slot];
        return HostConditionals.Draw(_key0[slot] | (_key1[slot] << 32), (uint)_chain[slot], (uint)sweep, sums, GammaShape.For(n / 2.0), n, nu);
    }

    /// <summary>
    /// Steps 3–5 of the chains in <paramref name="lanes"/> of slots <paramref name="first"/> .. first + count − 1 (count =
    /// <paramref name="sums"/>.Length, at most <see cref="VectorHostConditionals.Width"/>; spans relative to the first): vector lanes
    /// where the CPU has SIMD, each lane the vector path could not finish by the specification. Chains outside the mask (their sweep
    /// failed) are not drawn.
    /// </summary>
    /// <param name="first">The block's first slot.</param>
    /// <param name="lanes">Bit k set: draw slot first + k.</param>
    /// <param name="sweep">The sweep.</param>
    /// <param name="sums">The block's sums.</param>
    /// <param name="states">The block's states (ν is read).</param>
    /// <param name="mu">Out: μ of each drawn chain.</param>
    /// <param name="alpha2">Out: α².</param>
    /// <param name="tau2">Out: τ².</param>
    public void DrawBlock(int first, uint lanes, long sweep, ReadOnlySpan<SweepSums> sums, ReadOnlySpan<ChainState> states,
        Span<double> mu, Span<double> alpha2, Span<double> tau2)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sums.Length, VectorHostConditionals.Width);
        uint redraw = lanes;
        if (VectorSweep.HardwareSupports)
        {
            var constants = new ConditionalConstants
            {
                N = _n.AsSpan(first),
                Key0 = _key0.AsSpan(first),
                Key1 = _key1.AsSpan(first),
                Chain = _chain.AsSpan(first),
            };
            redraw &= VectorHostConditionals.Draw(constants, (uint)sweep, sums, states, mu, alpha2, tau2);
        }
        for (; redraw != 0; redraw &= redraw - 1)
        {
            int k = BitOperations.TrailingZeroCount(redraw);
            (mu[k], alpha2[k], tau2[k]) = DrawOne(first + k, sweep, sums[k], states[k].Nu);
        }
    }
}
