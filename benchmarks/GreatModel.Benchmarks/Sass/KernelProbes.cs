using GreatModel.Kernels;
using ILGPU;

namespace GreatModel.Benchmarks.Sass;

/// <summary>
/// One-part kernels for counting a part's GPU instructions without a GPU (<c>benchmarks/gpu/sass-count.sh</c>): each loads its
/// inputs from memory, runs one part of the per-datum update (a Philox block, a log, a cosine, a whole loop-free χ²) and stores the result, so the part's SASS is the probe's minus <see cref="Baseline"/>'s. Every branch of a
/// part is counted once: the cost to a warp whose lanes take all of them.
/// </summary>
public static class KernelProbes
{
    /// <summary>Load, add, store: what every probe pays besides its part.</summary>
    public static void Baseline(Index1D i, ArrayView<double> x) => x[i] = x[i] + 1.0;

    /// <summary>One Philox4x32-10 block.</summary>
    public static void PhiloxBlock(Index1D i, ArrayView<uint> w)
    {
        var b = Philox4x32.Generate(new Block128((uint)(int)i, w[0], w[1], w[2]), w[3], w[4]);
        w[i] = b.X0 ^ b.X1 ^ b.X2 ^ b.X3;
    }

    /// <summary>The double log (fdlibm's) of every kernel.</summary>
    public static void LogDouble(Index1D i, ArrayView<double> x) => x[i] = PortableMath.Log(x[i]);

    /// <summary>The double cos(2πu) of the Box–Muller normal and the odd-k χ² term.</summary>
    public static void CosTwoPiDouble(Index1D i, ArrayView<double> x) => x[i] = PortableMath.CosTwoPi(x[i]);

    /// <summary>The float log of <c>--precision single</c>.</summary>
    public static void LogSingle(Index1D i, ArrayView<float> x) => x[i] = SingleRandom.Log(x[i]);

    /// <summary>The float cos(2πu) of <c>--precision single</c>.</summary>
    public static void CosTwoPiSingle(Index1D i, ArrayView<float> x) => x[i] = SingleRandom.CosTwoPi(x[i]);

    /// <summary>The whole loop-free χ² in double (ν = 6: k = 7, two blocks, two logs, one cosine), the shape from memory.</summary>
    public static void LoopFreeChiSquaredDouble(Index1D i, ArrayView<double> x, ArrayView<ChiSquaredShape> k) =>
        x[i] = DeviceRandom.LoopFreeChiSquared(k[0], new DrawSite(1, 2, (uint)(int)i, 3, 4));

    /// <summary>The whole loop-free χ² in single precision.</summary>
    public static void LoopFreeChiSquaredSingle(Index1D i, ArrayView<float> x, ArrayView<ChiSquaredShape> k) =>
        x[i] = SingleRandom.LoopFreeChiSquared(k[0], new DrawSite(1, 2, (uint)(int)i, 3, 4));

    /// <summary>The single-precision χ² on CUDA's path: the device's log₂ and cosine (<see cref="SweepParameters.DeviceMath"/> = 1).</summary>
    public static void LoopFreeChiSquaredSingleDevice(Index1D i, ArrayView<float> x, ArrayView<ChiSquaredShape> k) =>
        x[i] = SingleRandom.LoopFreeChiSquared(k[0], new DrawSite(1, 2, (uint)(int)i, 3, 4), deviceMath: 1);

    /// <summary>
    /// One whole datum-update (its χ² draw, 1/U and the three terms, <see cref="SweepArithmetic.DatumTerms(double, int, int, ChainState, SweepParameters)"/>)
    /// with single-precision variates on CUDA's path, ν = 6 (the loop-free χ²₇): the parameters are constants here, so the
    /// compiler keeps only that path (the sweep kernels hold every path and choose at run time). The state comes from memory.
    /// </summary>
    public static void DatumUpdateSingleDevice(Index1D i, ArrayView<double> x, ArrayView<ChainState> s)
    {
        var p = new SweepParameters { Nu = 6, Chi2 = new ChiSquaredShape { LoopFreeDegrees = 7 }, SingleVariates = 1, DeviceMath = 1, Key0 = 1, Key1 = 2, Sweep = 3 };
        var terms = SweepArithmetic.DatumTerms(x[i], i, 4, s[0], p);
        x[i] = terms.S0 + terms.S1 + terms.S2;
    }

    /// <summary>The same in double precision (ν = 6: the loop-free χ²₇ in double).</summary>
    public static void DatumUpdateDouble(Index1D i, ArrayView<double> x, ArrayView<ChainState> s)
    {
        var p = new SweepParameters { Nu = 6, Chi2 = new ChiSquaredShape { LoopFreeDegrees = 7 }, Key0 = 1, Key1 = 2, Sweep = 3 };
        var terms = SweepArithmetic.DatumTerms(x[i], i, 4, s[0], p);
        x[i] = terms.S0 + terms.S1 + terms.S2;
    }

    /// <summary>The same on CUDA's path in double precision (<see cref="SweepParameters.DeviceMath"/> = 1: <see cref="DeviceDoubleMath"/>'s log, cos² and reciprocal).</summary>
    public static void DatumUpdateDoubleDevice(Index1D i, ArrayView<double> x, ArrayView<ChainState> s)
    {
        var p = new SweepParameters { Nu = 6, Chi2 = new ChiSquaredShape { LoopFreeDegrees = 7 }, DeviceMath = 1, Key0 = 1, Key1 = 2, Sweep = 3 };
        var terms = SweepArithmetic.DatumTerms(x[i], i, 4, s[0], p);
        x[i] = terms.S0 + terms.S1 + terms.S2;
    }

    /// <summary>The double log of CUDA's path (<see cref="DeviceDoubleMath.Log"/>).</summary>
    public static void LogDoubleDevice(Index1D i, ArrayView<double> x) => x[i] = DeviceDoubleMath.Log(x[i]);

    /// <summary>The double cos²(2πu) of CUDA's path (<see cref="DeviceDoubleMath.CosSquaredTwoPi"/>).</summary>
    public static void CosSquaredTwoPiDoubleDevice(Index1D i, ArrayView<double> x) => x[i] = DeviceDoubleMath.CosSquaredTwoPi(x[i]);

    /// <summary>The refined hardware reciprocal of CUDA's path (<see cref="DeviceDoubleMath.Reciprocal"/>).</summary>
    public static void ReciprocalDoubleDevice(Index1D i, ArrayView<double> x) => x[i] = DeviceDoubleMath.Reciprocal(x[i]);

    /// <summary>The whole loop-free χ² in double on CUDA's path.</summary>
    public static void LoopFreeChiSquaredDoubleDevice(Index1D i, ArrayView<double> x, ArrayView<ChiSquaredShape> k) =>
        x[i] = DeviceRandom.LoopFreeChiSquared(k[0], new DrawSite(1, 2, (uint)(int)i, 3, 4), deviceMath: 1);

    /// <summary>The device's float log (lg2.approx.f32 × ln 2).</summary>
    public static void LogSingleDevice(Index1D i, ArrayView<float> x) => x[i] = SingleRandom.DeviceLog(x[i]);

    /// <summary>The device's float cos(2πu) (cos.approx.f32).</summary>
    public static void CosTwoPiSingleDevice(Index1D i, ArrayView<float> x) => x[i] = SingleRandom.DeviceCosTwoPi(x[i]);

    /// <summary>The probes, by name.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        nameof(Baseline), nameof(PhiloxBlock), nameof(LogDouble), nameof(CosTwoPiDouble), nameof(LogSingle), nameof(CosTwoPiSingle),
        nameof(LoopFreeChiSquaredDouble), nameof(LoopFreeChiSquaredSingle), nameof(LogSingleDevice), nameof(CosTwoPiSingleDevice),
        nameof(LoopFreeChiSquaredSingleDevice), nameof(DatumUpdateSingleDevice), nameof(DatumUpdateDouble),
        nameof(LogDoubleDevice), nameof(CosSquaredTwoPiDoubleDevice), nameof(ReciprocalDoubleDevice), nameof(LoopFreeChiSquaredDoubleDevice), nameof(DatumUpdateDoubleDevice),
    ];
}
