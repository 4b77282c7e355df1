using System.Reflection;
using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace GreatModel.Backends;

/// <summary>Creates ILGPU contexts configured for this project (ilgpu-notes §1–3).</summary>
internal static class IlgpuDevices
{
    private static readonly Lock ResolverLock = new();
    private static bool _resolverInstalled;

    /// <summary>
    /// CPU accelerator shaped for throughput: one OS thread per core, group size 1 kernels. ILGPU's default
    /// CPU device (4 × 4 threads, one multiprocessor) pays a barrier after every 4 elements.
    /// </summary>
    public static CPUDevice ThroughputCpuDevice(int threads) =>
        new(numThreadsPerWarp: 2, numWarpsPerMultiprocessor: 1, numMultiprocessors: Math.Max(1, threads));

    /// <summary>A context with the CPU accelerator, CUDA and OpenCL devices (whatever is present).</summary>
    public static Context CreateContext(int cpuThreads, Predicate<CLDevice>? openClFilter = null)
    {
        InstallNativeResolver();
        return Context.Create(builder =>
        {
            builder.CPU(ThroughputCpuDevice(cpuThreads)).Cuda();
            if (openClFilter is null) builder.OpenCL();
            else builder.OpenCL(openClFilter);
            builder.Optimize(OptimizationLevel.O1);
        });
    }

    /// <summary>
    /// ILGPU imports "cuda" and "OpenCL", which .NET resolves as libcuda.so / libOpenCL.so; drivers often
    /// ship only the versioned .so.1. Without this, CUDA silently finds no device.
    /// </summary>
    private static void InstallNativeResolver()
    {
        lock (ResolverLock)
        {
            if (_resolverInstalled || !OperatingSystem.IsLinux()) return;
            _resolverInstalled = true;
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(Context).Assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                // ILGPU installed its own (WSL): keep it.
            }
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        string? versioned = name switch { "cuda" => "libcuda.so.1", "OpenCL" => "libOpenCL.so.1", _ => null };
        if (versioned is null) return IntPtr.Zero;
        if (NativeLibrary.TryLoad(name, assembly, path, out var handle)) return handle;
        return NativeLibrary.TryLoad(versioned, out handle) ? handle : IntPtr.Zero;
    }

    public static Device? First(Context context, AcceleratorType type) =>
        context.Devices.FirstOrDefault(d => d.AcceleratorType == type);

    public static string Describe(Accelerator accelerator) => accelerator.AcceleratorType switch
    {
        AcceleratorType.Cuda => $"cuda: {accelerator.Name}",
        AcceleratorType.OpenCL => $"opencl: {accelerator.Name}",
        _ => $"ilgpu-cpu: {accelerator.NumMultiprocessors} threads",
    };
}
