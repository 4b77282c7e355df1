using System.Globalization;
using GreatModel.Backends;

namespace GreatModel.Cli.Commands;

/// <summary><c>--devices all|ID,ID,…</c>: the devices of the named ILGPU backend to split the chains across (<see cref="Sampling.RunHooks.Devices"/>).</summary>
internal static class DevicesOption
{
    /// <summary>The ids <paramref name="text"/> names for <paramref name="backend"/>, or null when not given; one-line errors otherwise.</summary>
    /// <param name="text">--devices as given, or null.</param>
    /// <param name="backend">The run's backend.</param>
    /// <param name="resumed">Whether the backend is a resumed run's (its checkpoint's, not --backend's).</param>
    public static IReadOnlyList<int>? Parse(string? text, Backend backend, bool resumed = false)
    {
        if (text is null) return null;
        string flag = $"--devices {text}";
        if (resumed && (backend == Backend.Auto || !BackendRegistry.Get(backend).TakesDevices))
            throw new InvalidInputException($"{flag}: the resumed run's backend is {BackendRegistry.NameOf(backend)}, which runs on no device (devices are for cuda, opencl and ilgpu-cpu)");
        if (backend == Backend.Auto || !BackendRegistry.Get(backend).TakesDevices)
        {
            throw new InvalidInputException($"{flag}: needs --backend cuda, opencl or ilgpu-cpu" +
                (backend == Backend.Auto ? " (auto may choose a CPU backend)" : $", not {BackendRegistry.NameOf(backend)}"));
        }
        if (text.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            // The CPU accelerator is one device; GPUs as `greatmodel devices` lists the usable ones, in that order.
            int found = backend == Backend.IlgpuCpu ? 1 : DeviceCatalog.List().Count(d => d.Backend == backend && d.Usable && d.Device is not null);
            return found > 0 ? [.. Enumerable.Range(0, found)]
                : throw new InvalidInputException($"{flag}: no usable {BackendRegistry.NameOf(backend)} device; run `greatmodel devices` to see why");
        }
        var ids = new List<int>();
        foreach (string part in text.Split(','))
        {
            if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int id))
                throw new InvalidInputException($"{flag}: '{part}' is not a device id (all, or ids from 0 as `greatmodel devices` lists them, comma-separated)");
            ids.Add(id);
        }
        // Each ilgpu-cpu id is a CPU accelerator of its own (how multi-device runs are tried without GPUs): numbered from 0,
        // as `devices` numbers the one it lists, so an id such as 1000000 is a typo, not a device.
        if (backend == Backend.IlgpuCpu && ids.Where(id => id >= ids.Count).Select(id => (int?)id).FirstOrDefault() is { } high)
        {
            throw new InvalidInputException($"{flag}: ilgpu-cpu's devices are CPU accelerators numbered from 0, as many as the ids given " +
                $"(here 0 to {ids.Count - 1}); {high} is not one");
        }
        return ids;
    }
}
