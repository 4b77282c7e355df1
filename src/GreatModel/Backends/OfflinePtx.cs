using System.Reflection;
using GreatModel.Kernels;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace GreatModel.Backends;

/// <summary>
/// ILGPU's PTX for sm_90, compiled offline (no GPU, no driver): the sweep kernels as the CUDA engine loads them, and any
/// other kernel method. For the tests that prove the CUDA kernels build (PtxCompileTests) and for the instruction counts
/// (benchmarks/gpu/sass-count.sh), so both see the engine's own configuration.
/// </summary>
internal static class OfflinePtx
{
    /// <summary>The PTX of sweep kernel <paramref name="kernelName"/>'s <typeparamref name="TPath"/> instance, with the specialisation the engine loads it with on CUDA.</summary>
    /// <typeparam name="TPath">The instance's path.</typeparam>
    /// <param name="kernelName"><see cref="SweepKernels.GroupPerTile{TPath}"/> or <see cref="SweepKernels.PerThreadTiles{TPath}"/>, by name.</param>
    /// <returns>The PTX text.</returns>
    public static string SweepKernel<TPath>(string kernelName)
        where TPath : struct, IMathPath
    {
        var method = typeof(SweepKernels).GetMethod(kernelName) ?? throw new ArgumentException($"no sweep kernel {kernelName}", nameof(kernelName));
        var specialization = kernelName == nameof(SweepKernels.GroupPerTile) ? SweepKernels.GroupPerTileSpecialization<TPath>() : new KernelSpecialization();
        return Compile(method.MakeGenericMethod(typeof(TPath)), explicitlyGrouped: true, specialization);
    }

    /// <summary>The PTX of kernel <paramref name="method"/>.</summary>
    /// <param name="method">A static kernel method (closed, if generic).</param>
    /// <param name="explicitlyGrouped">True for a kernel launched with a <see cref="KernelConfig"/>; false for an implicitly grouped one (its first parameter an index).</param>
    /// <param name="specialization">What to compile it for (group size, resident groups).</param>
    /// <returns>The PTX text.</returns>
    public static string Compile(MethodInfo method, bool explicitlyGrouped, KernelSpecialization specialization)
    {
        using var context = Context.Create(b => b.Optimize(OptimizationLevel.O1)); // the engine's level (IlgpuDevices.CreateContext)
        using var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_88, null!);
        var entry = explicitlyGrouped ? EntryPointDescription.FromExplicitlyGroupedKernel(method) : EntryPointDescription.FromImplicitlyGroupedKernel(method);
        return ((PTXCompiledKernel)backend.Compile(entry, specialization)).PTXAssembly;
    }
}
