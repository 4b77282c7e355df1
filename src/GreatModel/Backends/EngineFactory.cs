using ILGPU;
using ILGPU.Runtime;

namespace GreatModel.Backends;

/// <summary>Turns a <see cref="Backend"/> choice into a running engine, or says why it cannot.</summary>
internal static class EngineFactory
{
    public static ISweepEngine Create(Backend backend, SweepSetup setup, int? cpuThreads = null, bool? overlap = null)
    {
        int threads = cpuThreads ?? Environment.ProcessorCount;
        switch (backend)
        {
            case Backend.Cpu:
                return new NativeCpuEngine(setup, threads);
            case Backend.CpuFast:
                return new NativeCpuEngine(setup, threads, fastStreams: true);
            case Backend.IlgpuCpu:
                return OnDevice(AcceleratorType.CPU, setup, threads, overlap)!;
            case Backend.Cuda:
            case Backend.OpenCL:
                var type = backend == Backend.Cuda ? AcceleratorType.Cuda : AcceleratorType.OpenCL;
                return OnDevice(type, setup, threads, overlap) ?? throw new InvalidInputException(
                    $"--backend {backend.ToString().ToLowerInvariant()}: no usable {type} device; run `greatmodel devices` to see why");
            case Backend.Auto:
                return OnDevice(AcceleratorType.Cuda, setup, threads, overlap)
                    ?? OnDevice(AcceleratorType.OpenCL, setup, threads, overlap)
                    ?? (ISweepEngine)new NativeCpuEngine(setup, threads);
            default:
                throw new ArgumentOutOfRangeException(nameof(backend), backend, "the reference sampler has no engine");
        }
    }

    private static IlgpuEngine? OnDevice(AcceleratorType type, SweepSetup setup, int cpuThreads, bool? overlap)
    {
        var context = IlgpuDevices.CreateContext(cpuThreads);
        var device = IlgpuDevices.First(context, type);
        if (device is null)
        {
            IlgpuDevices.Dispose(context);
            return null;
        }
        try
        {
            return new IlgpuEngine(context, device, setup, overlap: overlap);
        }
        catch
        {
            IlgpuDevices.Dispose(context);
            throw;
        }
    }
}
