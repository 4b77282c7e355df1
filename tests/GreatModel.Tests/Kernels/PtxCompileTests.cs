using GreatModel.Backends;
using GreatModel.Kernels;
using ILGPU.Runtime;

namespace GreatModel.Tests.Kernels;

/// <summary>CI has no GPU, but ILGPU's PTX backend compiles offline: prove the CUDA kernels build.</summary>
[Collection(GreatModel.Tests.Support.IlgpuCollection.Name)]
public class PtxCompileTests
{
    [Theory]
    [InlineData(nameof(SweepKernels.GroupPerTile), false)]
    [InlineData(nameof(SweepKernels.PerThreadTiles), false)]
    [InlineData(nameof(SweepKernels.GroupPerTile), true)]
    [InlineData(nameof(SweepKernels.PerThreadTiles), true)]
    public void SweepKernelCompilesToPtxForHopperWithoutSoftwareMath(string kernel, bool deviceMath)
    {
        string ptx = deviceMath ? OfflinePtx.SweepKernel<DeviceMathPath>(kernel) : OfflinePtx.SweepKernel<PortableMathPath>(kernel);
        // On the GPU machine benchmarks/gpu/run.sh keeps the PTX beside the other raw outputs (instruction counts).
        if (Environment.GetEnvironmentVariable("GREATMODEL_PTX_DUMP") is { Length: > 0 } dump)
            File.WriteAllText(Path.Combine(dump, $"ptx_{kernel}{(deviceMath ? "_device" : "")}.ptx"), ptx);
        Assert.Contains(".entry", ptx, StringComparison.Ordinal);
        Assert.Contains(".f64", ptx, StringComparison.Ordinal);
        // PortableMath keeps double log/exp/cos out of ILGPU's CORDIC routines: no calls at all.
        Assert.DoesNotContain(ptx.Split('\n'), line => line.TrimStart().StartsWith("call", StringComparison.Ordinal));
        // Nor integer↔float conversions (a quarter of the double rate on a GPU): the uniforms, log's exponent,
        // cos's quarter turn and exp's k go through bit casts instead (PortableMath.UnsignedToDouble and friends,
        // SingleRandom's for the single-precision variates).
        Assert.DoesNotContain(ptx.Split('\n'), line => System.Text.RegularExpressions.Regex.IsMatch(line, @"\bcvt\.(rn|rz|rm|rp|rni|rzi|rmi|rpi)\.(f(32|64)\.[su]\d+|[su]\d+\.f(32|64))\b"));
        // CUDA's device path (SweepParameters.DeviceMath) is the hardware's log₂, cosine and reciprocal, and only that
        // instance holds them: the type argument makes the path a constant, so each kernel carries one.
        foreach (string approximation in new[] { "lg2.approx", "cos.approx", "rcp.approx.ftz.f64" })
        {
            if (deviceMath)
                Assert.Contains(approximation, ptx, StringComparison.Ordinal);
            else
                Assert.DoesNotContain(approximation, ptx, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The GPU kernel is compiled as the engine loads it on CUDA: groups of 256 and as many resident as its registers allow,
    /// four for the portable instance and three for the device one (SweepKernels.GroupPerTileSpecialization).
    /// </summary>
    [Fact]
    public void GroupPerTileCarriesItsOccupancyDirective()
    {
        Assert.Contains(".minnctapersm 4", OfflinePtx.SweepKernel<PortableMathPath>(nameof(SweepKernels.GroupPerTile)), StringComparison.Ordinal);
        Assert.Contains(".minnctapersm 3", OfflinePtx.SweepKernel<DeviceMathPath>(nameof(SweepKernels.GroupPerTile)), StringComparison.Ordinal);
        Assert.Contains(".maxntid 256, 1, 1", OfflinePtx.SweepKernel<DeviceMathPath>(nameof(SweepKernels.GroupPerTile)), StringComparison.Ordinal);
    }
}
