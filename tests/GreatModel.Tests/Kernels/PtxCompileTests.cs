using GreatModel.Kernels;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace GreatModel.Tests.Kernels;

/// <summary>CI has no GPU, but ILGPU's PTX backend compiles offline: prove the CUDA kernels build.</summary>
[Collection(GreatModel.Tests.Support.IlgpuCollection.Name)]
public class PtxCompileTests
{
    [Theory]
    [InlineData(nameof(SweepKernels.GroupPerTile))]
    [InlineData(nameof(SweepKernels.PerThreadTiles))]
    public void SweepKernelCompilesToPtxForHopperWithoutSoftwareMath(string kernel)
    {
        using var context = Context.Create(b => b.Optimize(OptimizationLevel.O1));
        using var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_88, null!);
        var method = typeof(SweepKernels).GetMethod(kernel)!;
        var entry = EntryPointDescription.FromExplicitlyGroupedKernel(method);
        var compiled = (PTXCompiledKernel)backend.Compile(entry, new KernelSpecialization());
        string ptx = compiled.PTXAssembly;
        // On the GPU machine benchmarks/gpu/run.sh keeps the PTX beside the other raw outputs (instruction counts).
        if (Environment.GetEnvironmentVariable("GREATMODEL_PTX_DUMP") is { Length: > 0 } dump)
            File.WriteAllText(Path.Combine(dump, $"ptx_{kernel}.ptx"), ptx);
        Assert.Contains(".entry", ptx, StringComparison.Ordinal);
        Assert.Contains(".f64", ptx, StringComparison.Ordinal);
        // PortableMath keeps double log/exp/cos out of ILGPU's CORDIC routines: no calls at all.
        Assert.DoesNotContain(ptx.Split('\n'), line => line.TrimStart().StartsWith("call", StringComparison.Ordinal));
        // Nor integer↔float conversions (a quarter of the double rate on a GPU): the uniforms, log's exponent,
        // cos's quarter turn and exp's k go through bit casts instead (PortableMath.UnsignedToDouble and friends,
        // SingleRandom's for the single-precision variates).
        Assert.DoesNotContain(ptx.Split('\n'), line => System.Text.RegularExpressions.Regex.IsMatch(line, @"\bcvt\.(rn|rz|rm|rp|rni|rzi|rmi|rpi)\.(f(32|64)\.[su]\d+|[su]\d+\.f(32|64))\b"));
        // The single-precision variates' device path (SweepParameters.DeviceMath) is the hardware's log₂ and cosine.
        Assert.Contains("lg2.approx", ptx, StringComparison.Ordinal);
        Assert.Contains("cos.approx", ptx, StringComparison.Ordinal);
    }
}
