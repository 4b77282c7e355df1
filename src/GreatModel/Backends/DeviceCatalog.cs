using System.Globalization;
using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace GreatModel.Backends;

/// <summary>One line of `greatmodel devices`.</summary>
public sealed record DeviceInfo(string Backend, string Name, string Memory, string Warp, string Usability);

/// <summary>What ILGPU sees on this machine, and why a device cannot be used when it cannot.</summary>
public static class DeviceCatalog
{
    public static IReadOnlyList<DeviceInfo> List()
    {
        var rows = new List<DeviceInfo>
        {
            new("cpu", $"native .NET, {Environment.ProcessorCount} cores", "-", "-", "yes"),
        };
        // List every OpenCL device, then say which ILGPU would accept (OpenCL >= 2.0 with generic address space).
        var context = IlgpuDevices.CreateContext(Environment.ProcessorCount, openClFilter: _ => true);
        try
        {
            Describe(context, rows);
        }
        finally
        {
            IlgpuDevices.Dispose(context);
        }
        return rows;
    }

    private static void Describe(Context context, List<DeviceInfo> rows)
    {
        foreach (var device in context.Devices)
        {
            switch (device)
            {
                case CudaDevice cuda:
                    rows.Add(new("cuda", cuda.Name, Memory(cuda.MemorySize), cuda.WarpSize.ToString(CultureInfo.InvariantCulture),
                        $"yes (sm_{cuda.Architecture}, driver {cuda.DriverVersion})"));
                    break;
                case CLDevice cl:
                    rows.Add(new("opencl", cl.Name, Memory(cl.MemorySize), cl.WarpSize.ToString(CultureInfo.InvariantCulture), OpenClUsability(cl)));
                    break;
                default:
                    if (device.AcceleratorType == AcceleratorType.CPU)
                        rows.Add(new("ilgpu-cpu", "ILGPU CPU accelerator", "-", device.WarpSize.ToString(CultureInfo.InvariantCulture),
                            $"yes ({device.NumMultiprocessors} threads, group size 1)"));
                    break;
            }
        }
        if (!context.Devices.Any(d => d.AcceleratorType == AcceleratorType.Cuda))
            rows.Add(new("cuda", "-", "-", "-", NativeLibrary.TryLoad("libcuda.so.1", out _) || NativeLibrary.TryLoad("nvcuda", out _)
                ? "no: the CUDA driver loads but reports no supported device"
                : "no: no CUDA driver (libcuda.so.1 not found)"));
        if (!context.Devices.Any(d => d.AcceleratorType == AcceleratorType.OpenCL))
            rows.Add(new("opencl", "-", "-", "-", NativeLibrary.TryLoad("libOpenCL.so.1", out _) || NativeLibrary.TryLoad("OpenCL", out _)
                ? "no: the OpenCL loader finds no platform or device"
                : "no: no OpenCL runtime (libOpenCL.so.1 not found)"));
    }

    private static string OpenClUsability(CLDevice cl) =>
        IlgpuDevices.OpenClUsability(cl) is { } why ? $"no: {why}" : "yes";

    private static string Memory(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):F1} GiB");
}
