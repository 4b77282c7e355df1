using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GreatModel.Backends;
using GreatModel.Cli.Commands;

namespace GreatModel.Cli.Bench;

/// <summary>The machine a benchmark ran on, as lines for the report: figures mean nothing without it.</summary>
internal static class MachineInfo
{
    public static IReadOnlyList<string> Describe()
    {
        var lines = new List<string>
        {
            $"CPU: {CpuModel()}, {Environment.ProcessorCount} logical cores",
            $"SIMD: Vector256 {(Vector256.IsHardwareAccelerated ? "accelerated" : "not accelerated")}, Vector512 {(Vector512.IsHardwareAccelerated ? "accelerated" : "not accelerated")}",
            $"OS: {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
            $"Runtime: {RuntimeInformation.FrameworkDescription}",
        };
        var gpus = DeviceCatalog.List().Where(d => BackendRegistry.Get(d.Backend).NeedsDevice && d.Device is not null).ToList();
        lines.Add(gpus.Count == 0
            ? "GPU / OpenCL devices: none seen by ILGPU"
            : "GPU / OpenCL devices: " + string.Join("; ", gpus.Select(d => string.Create(CultureInfo.InvariantCulture,
                $"{BackendRegistry.NameOf(d.Backend)} {d.Device} ({DevicesCommand.Memory(d)}, usable: {(d.Usable ? "yes" : "no")}: {d.Detail})"))));
        return lines;
    }

    private static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null) return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }
        catch (IOException)
        {
            // fall through to the architecture alone
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
