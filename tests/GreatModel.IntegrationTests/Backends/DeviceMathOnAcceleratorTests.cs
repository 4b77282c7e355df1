using GreatModel.Backends;
using GreatModel.Kernels;
using GreatModel.Tests.Support;
using ILGPU;
using ILGPU.Runtime;

namespace GreatModel.Tests.Backends;

/// <summary>
/// CUDA's double-precision device functions (<see cref="DeviceDoubleMath"/>) run as a kernel on the accelerator itself and
/// checked on the host against .NET's Math: on CUDA this is the hardware's <c>rcp.approx.ftz.f64</c> and its refinement,
/// which no CPU test can reach (the device check runs it: benchmarks/gpu/run.sh); on ILGPU's CPU accelerator it is the
/// emulation, so the kernel is known to build and run everywhere.
/// </summary>
[Collection(IlgpuCollection.Name)]
public class DeviceMathOnAcceleratorTests
{
    private const int Count = 1 << 18;

    /// <summary>Each argument's reciprocal, log and cos²(2π·turn), one thread each.</summary>
    private static void Functions(Index1D i, ArrayView<double> x, ArrayView<double> turns, ArrayView<double> reciprocal, ArrayView<double> log, ArrayView<double> cos2)
    {
        reciprocal[i] = DeviceDoubleMath.Reciprocal(x[i]);
        log[i] = DeviceDoubleMath.Log(x[i]);
        cos2[i] = DeviceDoubleMath.CosSquaredTwoPi(turns[i]);
    }

    [Theory]
    [InlineData(Backend.IlgpuCpu)]
    [InlineData(Backend.Cuda)]
    public void ReciprocalLogAndCosSquaredAreAccurateOnTheAccelerator(Backend backend)
    {
        TestBackends.SkipUnlessAvailable(backend);
        var rng = new System.Random(31);
        // Arguments over the functions' whole range (1e-300 .. 1e300), the χ²'s own (uniforms and their products) among them.
        double[] x = [.. Enumerable.Range(0, Count).Select(_ => Math.Exp((rng.NextDouble() - 0.5) * 1380))];
        double[] turns = [.. Enumerable.Range(0, Count).Select(_ => rng.NextDouble())];
        var context = IlgpuDevices.CreateContext(cpuThreads: 2);
        try
        {
            var device = IlgpuDevices.First(context, backend == Backend.Cuda ? AcceleratorType.Cuda : AcceleratorType.CPU)!;
            using var accelerator = device.CreateAccelerator(context);
            using var xs = accelerator.Allocate1D(x);
            using var ts = accelerator.Allocate1D(turns);
            using var reciprocal = accelerator.Allocate1D<double>(Count);
            using var log = accelerator.Allocate1D<double>(Count);
            using var cos2 = accelerator.Allocate1D<double>(Count);
            var kernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>>(Functions);
            kernel(Count, xs.View, ts.View, reciprocal.View, log.View, cos2.View);
            accelerator.Synchronize();
            double[] r = reciprocal.GetAsArray1D(), l = log.GetAsArray1D(), c = cos2.GetAsArray1D();
            for (int i = 0; i < Count; i++)
            {
                Assert.True(UnitsInLastPlace.Between(r[i], 1 / x[i]) <= 1, $"{backend}: 1/{x[i]:R} = {r[i]:R}, want {1 / x[i]:R}");
                Assert.True(UnitsInLastPlace.Between(l[i], Math.Log(x[i])) <= 2, $"{backend}: log({x[i]:R}) = {l[i]:R}, want {Math.Log(x[i]):R}");
                double q = Math.Round(turns[i] * 4), d = turns[i] - (q / 4);
                double want = (int)q % 2 == 0 ? Math.Pow(Math.Cos(2 * Math.PI * d), 2) : Math.Pow(Math.Sin(2 * Math.PI * d), 2);
                Assert.True(Math.Abs(c[i] - want) <= Math.Pow(2, -51), $"{backend}: cos²(2π·{turns[i]:R}) = {c[i]:R}, want {want:R}");
            }
        }
        finally
        {
            IlgpuDevices.Dispose(context);
        }
    }
}
