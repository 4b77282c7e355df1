using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using GreatModel.Kernels;

namespace GreatModel.Backends.Simd;

/// <summary>
/// <see cref="SweepArithmetic.TileSums{TData}"/> with four adjacent lanes of the tile layout in one
/// Vector256: each vector lane sums its own items in item order and the 256 lane sums go through the
/// same <see cref="LaneTree"/>, so the result is the scalar one bit for bit. Only the gamma trial that
/// nearly always succeeds (trial 0) is vectorised; a lane that rejects is redrawn by the scalar code.
/// </summary>
/// <remarks>
/// Why in stages (all Philox blocks of a lane group, then all normals, then the rest): one datum's
/// update is a long chain of dependent multiplies, divides and a square root, so done one at a time the
/// core waits on latencies. Each stage is a short loop of independent iterations the CPU overlaps.
/// </remarks>
internal static class VectorSweep
{
    private const int Width = 4;
    private const int Items = SweepLayout.ItemsPerLane;

    /// <summary>The vector path covers Marsaglia–Tsang without the shape &lt; 1 boost (ν ≥ 1), on SIMD hardware.</summary>
    public static bool Supports(SweepParameters p) =>
        Vector256.IsHardwareAccelerated && p.HalfChi2.BoostExponent == 0.0;

    /// <remarks>Fully optimised from the first call: tier-0 code would run the vector math as calls.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SweepSums TileSums(double[] data, int tile, int chain, ChainState s, SweepParameters p)
    {
        Span<SweepSums> lanes = stackalloc SweepSums[SweepLayout.LaneCount];
        Span<Vector256<ulong>> roundKeys = stackalloc Vector256<ulong>[20];
        Span<Vector256<double>> radius = stackalloc Vector256<double>[Items];
        Span<Vector256<double>> angle = stackalloc Vector256<double>[Items];
        Span<Vector256<double>> acceptance = stackalloc Vector256<double>[Items];
        VectorPhilox.RoundKeys(p.Key0, p.Key1, roundKeys);
        int tileStart = tile * SweepLayout.TileSize;
        for (int lane = 0; lane < SweepLayout.LaneCount; lane += Width)
        {
            int items = 0;
            while (items < Items && tileStart + lane + items * SweepLayout.LaneCount < p.DataLength) items++;

            // Stage 1: trial-0 Philox blocks → the normal's radius and angle uniforms and the acceptance uniform.
            var counter = new PhiloxLanes
            {
                X1 = Vector256.Create((ulong)p.Sweep),
                X2 = Vector256.Create((ulong)(uint)chain),
                X3 = Vector256<ulong>.Zero,
            };
            for (int j = 0; j < items; j += 2)
            {
                // Two item rows at a time (an odd last row computes a spare block that is not used).
                var first = counter;
                var second = counter;
                first.X0 = DatumCounters(tileStart + lane + j * SweepLayout.LaneCount);
                second.X0 = DatumCounters(tileStart + lane + (j + 1) * SweepLayout.LaneCount);
                VectorPhilox.GeneratePair(ref first, ref second, roundKeys);
                Uniforms(first, j, radius, angle, acceptance);
                if (j + 1 < items) Uniforms(second, j + 1, radius, angle, acceptance);
            }

            // Stage 2: Box–Muller normals (in place of the radius uniforms).
            for (int j = 0; j < items; j += 2)
            {
                radius[j] = Normal(radius[j], angle[j]);
                if (j + 1 < items) radius[j + 1] = Normal(radius[j + 1], angle[j + 1]);
            }

            // Stage 3: accept or redraw, then the lane sums in item order.
            var s0 = Vector256<double>.Zero;
            var s1 = Vector256<double>.Zero;
            var s2 = Vector256<double>.Zero;
            for (int j = 0; j < items; j++)
            {
                int first = tileStart + lane + j * SweepLayout.LaneCount;
                var (t0, t1, t2) = Terms(data, first, Math.Min(Width, p.DataLength - first), radius[j], acceptance[j], chain, s, p);
                s0 += t0;
                s1 += t1;
                s2 += t2;
            }
            for (int k = 0; k < Width; k++)
                lanes[lane + k] = new SweepSums(s0.GetElement(k), s1.GetElement(k), s2.GetElement(k));
        }
        var tree = new LaneTree();
        for (int lane = 0; lane < SweepLayout.LaneCount; lane++)
            tree.Add(lane, lanes[lane]);
        return tree.Total;
    }

    private static Vector256<ulong> DatumCounters(int first) =>
        Vector256.Create((ulong)first) + Vector256.Create(0UL, 1UL, 2UL, 3UL);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Uniforms(in PhiloxLanes b, int j, Span<Vector256<double>> radius, Span<Vector256<double>> angle,
        Span<Vector256<double>> acceptance)
    {
        radius[j] = VectorPhilox.OpenUniform53(b.X0, b.X1);
        angle[j] = VectorPhilox.OpenUniform32(b.X2);
        acceptance[j] = VectorPhilox.OpenUniform32(b.X3);
    }

    /// <summary><see cref="DeviceRandom.StandardNormal"/>, lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Normal(Vector256<double> radiusUniform, Vector256<double> angleUniform) =>
        Vector256.Sqrt(Vector256.Create(-2.0) * VectorMath.Log(radiusUniform)) * VectorMath.CosTwoPi(angleUniform);

    /// <summary>
    /// <see cref="SweepArithmetic.DatumTerms"/> for data first .. first+valid-1 given trial 0's normal and
    /// acceptance uniform; lanes past the data give zeros, which is what the scalar lane sum adds for them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double>, Vector256<double>, Vector256<double>) Terms(double[] data, int first, int valid,
        Vector256<double> normal, Vector256<double> u, int chain, ChainState s, SweepParameters p)
    {
        var x = valid == Width
            ? Vector256.Create(data.AsSpan(first, Width))
            : Vector256.Create(At(data, first, valid, 0), At(data, first, valid, 1), At(data, first, valid, 2), At(data, first, valid, 3));
        var inRange = Vector256.LessThan(Vector256.Create(0L, 1L, 2L, 3L), Vector256.Create((long)valid)).AsDouble();

        // Marsaglia–Tsang trial 0, as DeviceRandom.Gamma computes it.
        var d = Vector256.Create(p.HalfChi2.D);
        var v = Vector256.Create(1.0) + Vector256.Create(p.HalfChi2.C) * normal;
        var positive = Vector256.GreaterThan(v, Vector256<double>.Zero);
        v = v * v * v;
        var x2 = normal * normal;
        var accepted = positive & Vector256.LessThan(u, Vector256.Create(1.0) - Vector256.Create(0.0331) * x2 * x2);
        if ((~accepted & positive & inRange) != Vector256<double>.Zero)
        {
            var logTest = Vector256.LessThan(VectorMath.Log(u),
                Vector256.Create(0.5) * x2 + d * (Vector256.Create(1.0) - v + VectorMath.Log(v)));
            accepted |= positive & logTest;
        }
        var chi2 = Vector256.Create(2.0) * (d * v);

        var dev = x - Vector256.Create(s.Mu);
        var dev2 = dev * dev;
        var inverseU = chi2 / (Vector256.Create(p.Nu * s.Tau2) + dev2 / Vector256.Create(s.Alpha2));
        var t0 = inverseU & inRange;
        var t1 = (x * inverseU) & inRange;
        var t2 = (dev2 * inverseU) & inRange;

        // The rare lanes whose trial 0 rejected: the scalar code redraws them from trial 0 on.
        var redraw = ~accepted & inRange;
        if (redraw != Vector256<double>.Zero)
        {
            for (int k = 0; k < Width; k++)
            {
                if (redraw.AsUInt64().GetElement(k) == 0) continue;
                var terms = SweepArithmetic.DatumTerms(data[first + k], first + k, chain, s, p);
                t0 = t0.WithElement(k, terms.S0);
                t1 = t1.WithElement(k, terms.S1);
                t2 = t2.WithElement(k, terms.S2);
            }
        }
        return (t0, t1, t2);
    }

    private static double At(double[] data, int first, int valid, int k) => k < valid ? data[first + k] : 0.0;
}
