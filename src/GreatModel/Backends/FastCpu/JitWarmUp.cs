using System.Reflection;
using System.Runtime.CompilerServices;

namespace GreatModel.Backends.FastCpu;

/// <summary>
/// Compiles cpu-fast's hot methods ahead of a run, on a thread-pool thread. They are marked for full optimisation
/// at their first call (tier-0 code would run the vector loops as calls), so that first call waits for the JIT;
/// a front end that starts this while it reads its input moves that wait to another core.
/// </summary>
internal static class JitWarmUp
{
    /// <summary>The methods compiled: the tile, both main loops, the spill path and its scalar helpers.</summary>
    private static readonly (Type Type, string Name)[] HotMethods =
    [
        (typeof(VectorFastTile), nameof(VectorFastTile.TileSums)),
        (typeof(VectorFastTile), "LoopFreeSums"),
        (typeof(VectorFastTile), "MarsagliaTsangSums"),
        (typeof(ZigguratNormal), nameof(ZigguratNormal.Next)),
        (typeof(FastGamma), nameof(FastGamma.Next)),
        (typeof(LaneStream), nameof(LaneStream.Seeded)),
        (typeof(Kernels.PortableMath), nameof(Kernels.PortableMath.Log)),
        (typeof(Kernels.PortableMath), nameof(Kernels.PortableMath.Exp)),
        (typeof(Kernels.Philox4x32), nameof(Kernels.Philox4x32.Generate)),
    ];

    /// <summary>
    /// Starts compiling <see cref="HotMethods"/> (and the spill queue's drain), then runs a three-datum, three-sweep
    /// fit so that everything else on a sweep's path (plan, engine, host draws, MathNet's samplers, the draw
    /// collector) has been compiled too; the task ends when both are done. Its draws are thrown away.
    /// </summary>
    public static Task Start() => Task.Run(() =>
    {
        const BindingFlags any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;
        var methods = HotMethods.SelectMany(m => m.Type.GetMethods(any).Where(x => x.Name == m.Name))
            .Concat(typeof(VectorFastTile).GetNestedTypes(BindingFlags.NonPublic).SelectMany(t => t.GetMethods(any)).Where(m => m.Name == "Finish"));
        foreach (var method in methods)
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
        // Measured (talk workload, fresh process, JIT build): the first fit 16.3 ms, the next ones 10.3 ms.
        Sampler.Run([-1.0, 0.5, 2.0], new SamplerOptions { Chains = 2, BurnIn = 1, Samples = 2, Seed = 1, Backend = Backend.CpuFast });
    });
}
