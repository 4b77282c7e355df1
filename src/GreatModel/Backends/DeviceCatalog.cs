using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace GreatModel.Backends;

/// <summary>Every backend of <see cref="BackendRegistry"/>, with the devices ILGPU sees and why a device cannot be used when it cannot.</summary>
public static class DeviceCatalog
{
    /// <summary>One row per host backend, and one per ILGPU device (or one saying why there is none), in registry order.</summary>
    public static IReadOnlyList<DeviceInfo> List()
    {
        var found = new List<DeviceInfo>();
        // List every OpenCL device, then say which ILGPU would accept (OpenCL >= 2.0 with generic address space).
        var context = IlgpuDevices.CreateContext(Environment.ProcessorCount, openClFilter: _ => true);
        try
        {
            Describe(context, found);
        }
        finally
        {
            IlgpuDevices.Dispose(context);
        }
        string host = $"native .NET, {Environment.ProcessorCount} cores";
        return BackendRegistry.All.SelectMany(b => b.NeedsDevice || b.Id == Backend.IlgpuCpu
                ? found.Where(d => d.Backend == b.Id)
                : [new DeviceInfo(b.Id, host, null, null, true, b.Summary)])
            .ToList();
    }

    private static void Describe(Context context, List<DeviceInfo> rows)
    {
        foreach (var device in context.Devices)
        {
            switch (device)
            {
                case CudaDevice cuda:
                    rows.Add(new(Backend.Cuda, cuda.Name, cuda.MemorySize, cuda.WarpSize, true,
                        $"sm_{cuda.Architecture}, driver {cuda.DriverVersion}"));
                    break;
                case CLDevice cl:
                    string? why = IlgpuDevices.OpenClUsability(cl);
                    rows.Add(new(Backend.OpenCL, cl.Name, cl.MemorySize, cl.WarpSize, why is null, why ?? "accepted"));
                    break;
                default:
                    if (device.AcceleratorType == AcceleratorType.CPU)
                        rows.Add(new(Backend.IlgpuCpu, "ILGPU CPU accelerator", null, device.WarpSize, true,
                            $"{device.NumMultiprocessors} threads, group size 1"));
                    break;
            }
        }
        if (!context.Devices.Any(d => d.AcceleratorType == AcceleratorType.Cuda))
            rows.Add(new(Backend.Cuda, null, null, null, false, IlgpuDevices.DriverLoads(AcceleratorType.Cuda)
                ? "the CUDA driver loads but reports no supported device"
                : "no CUDA driver (libcuda.so.1 not found)"));
        if (!context.Devices.Any(d => d.AcceleratorType == AcceleratorType.OpenCL))
            rows.Add(new(Backend.OpenCL, null, null, null, false, IlgpuDevices.DriverLoads(AcceleratorType.OpenCL)
                ? "the OpenCL loader finds no platform or device"
                : "no OpenCL runtime (libOpenCL.so.1 not found)"));
    }
}
