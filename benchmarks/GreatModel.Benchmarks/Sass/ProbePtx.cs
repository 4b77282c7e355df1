using GreatModel.Kernels;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace GreatModel.Benchmarks.Sass;

/// <summary>
/// Writes the PTX that ILGPU makes for sm_90 of every <see cref="KernelProbes"/> probe and of the two sweep kernels (each in its portable and device instance), offline
/// (no GPU needed), for <c>benchmarks/gpu/sass-count.sh</c> to assemble with ptxas and count.
/// </summary>
public static class ProbePtx
{
    /// <summary>Writes NAME.ptx for each probe and sweep kernel into <paramref name="folder"/> (created if new).</summary>
    /// <param name="folder">The output folder.</param>
    public static void WriteAll(string folder)
    {
        Directory.CreateDirectory(folder);
        using var context = Context.Create(b => b.Optimize(OptimizationLevel.O1));
        using var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_88, null!);
        foreach (string name in KernelProbes.Names)
            Write(backend, EntryPointDescription.FromImplicitlyGroupedKernel(typeof(KernelProbes).GetMethod(name)!), folder, name);
        foreach (string name in new[] { nameof(SweepKernels.GroupPerTile), nameof(SweepKernels.PerThreadTiles) })
        {
            foreach (var (path, suffix) in new[] { (typeof(PortableMathPath), ""), (typeof(DeviceMathPath), "Device") })
            {
                var kernel = typeof(SweepKernels).GetMethod(name)!.MakeGenericMethod(path);
                Write(backend, EntryPointDescription.FromExplicitlyGroupedKernel(kernel), folder, name + suffix, name == nameof(SweepKernels.GroupPerTile) ? SweepKernels.GroupPerTileSpecialization(path == typeof(DeviceMathPath) ? 1 : 0) : new KernelSpecialization());
            }
        }
    }

    private static void Write(PTXBackend backend, EntryPointDescription entry, string folder, string name, KernelSpecialization specialization = default)
    {
        var compiled = (PTXCompiledKernel)backend.Compile(entry, specialization);
        File.WriteAllText(Path.Combine(folder, name + ".ptx"), compiled.PTXAssembly);
    }
}
