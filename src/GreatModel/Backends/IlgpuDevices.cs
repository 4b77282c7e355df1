using System.Reflection;
using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using ILGPU.Backends.OpenCL;

namespace GreatModel.Backends;

/// <summary>Creates ILGPU contexts configured for this project (ilgpu-notes §1–3).</summary>
internal static class IlgpuDevices
{
    private static readonly Lock ResolverLock = new();

    /// <summary>
    /// Serialises creating and disposing ILGPU contexts and accelerators. Creating CUDA and OpenCL
    /// contexts from several threads at once crashed the process (SIGSEGV) on the H100 machine with
    /// PoCL installed; each context on its own was fine.
    /// </summary>
    public static readonly Lock Lifetime = new();
    private static bool _resolverInstalled;

    /// <summary>
    /// CPU accelerator shaped for throughput: one OS thread per core, group size 1 kernels. ILGPU's default
    /// CPU device (4 × 4 threads, one multiprocessor) pays a barrier after every 4 elements.
    /// </summary>
    public static CPUDevice ThroughputCpuDevice(int threads) =>
        new(numThreadsPerWarp: 2, numWarpsPerMultiprocessor: 1, numMultiprocessors: Math.Max(1, threads));

    /// <summary>
    /// A context with the CPU accelerator, CUDA and the OpenCL devices <paramref name="openClFilter"/> keeps
    /// (default: those <see cref="OpenClUsability"/> accepts, so listing and running agree).
    /// </summary>
    public static Context CreateContext(int cpuThreads, Predicate<CLDevice>? openClFilter = null)
    {
        InstallNativeResolver();
        lock (Lifetime)
            return Context.Create(builder => builder
            .CPU(ThroughputCpuDevice(cpuThreads))
            .Cuda()
            .OpenCL(openClFilter ?? (d => OpenClUsability(d) is null))
            .Optimize(OptimizationLevel.O1));
    }

    /// <summary>Why ILGPU 1.5.3 cannot run our kernels on an OpenCL device, or null when it can.</summary>
    public static string? OpenClUsability(CLDevice cl)
    {
        if (cl.CLStdVersion < CLBackend.MinimumVersion)
            return $"OpenCL C {cl.CLStdVersion}, ILGPU needs {CLBackend.MinimumVersion}+";
        if (!cl.Capabilities.GenericAddressSpace)
            return "lacks the generic address space ILGPU's OpenCL backend requires (e.g. PoCL 3.x)";
        return cl.Capabilities.Float64 ? null : "no double precision (cl_khr_fp64)";
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

    public static void Dispose(Context context)
    {
        lock (Lifetime) context.Dispose();
    }

    /// <summary>Whether a device of this type is present and accepted.</summary>
    public static bool Has(AcceleratorType type)
    {
        // No driver library, no device: answer without building an ILGPU context (~80 ms of every default
        // `fit` on a machine without a GPU went to these probes).
        if (type != AcceleratorType.CPU && !DriverLoads(type)) return false;
        var context = CreateContext(1);
        try
        {
            return First(context, type) is not null;
        }
        finally
        {
            Dispose(context);
        }
    }

    /// <summary>Whether the native driver library ILGPU needs for <paramref name="type"/> can be loaded at all.</summary>
    public static bool DriverLoads(AcceleratorType type) => type switch
    {
        AcceleratorType.Cuda => NativeLibrary.TryLoad("libcuda.so.1", out _) || NativeLibrary.TryLoad("libcuda.so", out _) || NativeLibrary.TryLoad("nvcuda", out _),
        AcceleratorType.OpenCL => NativeLibrary.TryLoad("libOpenCL.so.1", out _) || NativeLibrary.TryLoad("libOpenCL.so", out _) || NativeLibrary.TryLoad("OpenCL", out _),
        _ => true,
    };

    public static Device? First(Context context, AcceleratorType type) =>
        context.Devices.FirstOrDefault(d => d.AcceleratorType == type);

    public static string Describe(Accelerator accelerator) => accelerator.AcceleratorType switch
    {
        AcceleratorType.Cuda => $"cuda: {accelerator.Name}",
        AcceleratorType.OpenCL => $"opencl: {accelerator.Name}",
        _ => $"ilgpu-cpu: {accelerator.NumMultiprocessors} thread{(accelerator.NumMultiprocessors == 1 ? "" : "s")}",
    };
}
