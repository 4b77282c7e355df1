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
    /// <summary>The tile, both instantiations of its main loop, the spill path and its scalar helpers.</summary>
    /// <exception cref="InvalidOperationException">A method named here no longer exists (a test holds the list to the code).</exception>
    public static IReadOnlyList<MethodInfo> HotMethods()
    {
        const BindingFlags any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;
        var tile = typeof(VectorFastTile);
        IEnumerable<MethodInfo> Named(Type type, string name)
        {
            var found = type.GetMethods(any).Where(m => m.Name == name).ToList();
            return found.Count > 0 ? found : throw new InvalidOperationException($"{type.Name}.{name}: no such method to warm up");
        }
        Type Nested(string name) => tile.GetNestedType(name, BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"{tile.Name}.{name}: no such type to warm up");
        var mainLoop = Named(tile, "MainSums").Single();
        return
        [
            .. Named(tile, nameof(VectorFastTile.TileSums)),
            mainLoop.MakeGenericMethod(Nested("LoopFreeStep"), Nested("WithoutLogSum")),
            mainLoop.MakeGenericMethod(Nested("MarsagliaTsangStep"), Nested("WithoutLogSum")),
            // Not the ν-estimated loop (WithLogSum): it would be compiled at every fit's start, on a core the run needs.
            .. Named(Nested("SpillQueue"), "Finish"),
            .. Named(typeof(ZigguratNormal), nameof(ZigguratNormal.Next)),
            .. Named(typeof(FastGamma), nameof(FastGamma.Next)),
            .. Named(typeof(LaneStream), nameof(LaneStream.Seeded)),
            .. Named(typeof(Kernels.PortableMath), nameof(Kernels.PortableMath.Log)),
            .. Named(typeof(Kernels.PortableMath), nameof(Kernels.PortableMath.Exp)),
            .. Named(typeof(Kernels.Philox4x32), nameof(Kernels.Philox4x32.Generate)),
        ];
    }

    /// <summary>
    /// Starts compiling <see cref="HotMethods"/>, then runs a three-datum, three-sweep fit of two chains so that
    /// everything else on a sweep's path (plan, engine, the parallel loop, host draws, MathNet's samplers, the draw
    /// collector) is compiled too; the task ends when both are done. Its draws are thrown away.
    /// </summary>
    public static Task Start() => Task.Run(() =>
    {
        foreach (var method in HotMethods())
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
        // Measured (talk workload, fresh process, JIT build): the first fit 16.3 ms, the next ones 10.3 ms.
        Sampler.Run([-1.0, 0.5, 2.0], new SamplerOptions { Chains = 2, BurnIn = 1, Samples = 2, Seed = 1, Backend = Backend.CpuFast });
    });
}
