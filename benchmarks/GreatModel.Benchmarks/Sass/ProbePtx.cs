using GreatModel.Backends;
using GreatModel.Kernels;
using ILGPU.Runtime;

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
        foreach (string name in KernelProbes.Names)
            Write(folder, name, OfflinePtx.Compile(typeof(KernelProbes).GetMethod(name)!, explicitlyGrouped: false, new KernelSpecialization()));
        foreach (string name in new[] { nameof(SweepKernels.GroupPerTile), nameof(SweepKernels.PerThreadTiles) })
        {
            Write(folder, name, OfflinePtx.SweepKernel<PortableMathPath>(name));
            Write(folder, name + "Device", OfflinePtx.SweepKernel<DeviceMathPath>(name));
        }
    }

    private static void Write(string folder, string name, string ptx) => File.WriteAllText(Path.Combine(folder, name + ".ptx"), ptx);
}
