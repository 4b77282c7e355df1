using System.Globalization;
using GreatModel.Backends;
using Spectre.Console;
using GreatModel.Cli.Parsing;

namespace GreatModel.Cli.Commands;

internal sealed class DevicesCommand : CliCommand<DevicesCommand.Settings>
{
    /// <summary>devices takes no options.</summary>
    public sealed class Settings : CommandSettings;

    public override int Execute(Settings settings, CancellationToken cancellationToken)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var h in new[] { "backend", "id", "device", "memory", "warp", "usable" }) table.AddColumn(h);
        var next = new Dictionary<Backend, int>();
        foreach (var d in DeviceCatalog.List())
        {
            // fit --devices ids: a usable device's place among its backend's usable ones (the order ILGPU's context gives).
            string id = "-";
            if (d.Usable && d.Device is not null && BackendRegistry.Get(d.Backend).TakesDevices)
            {
                int k = next.GetValueOrDefault(d.Backend);
                next[d.Backend] = k + 1;
                id = k.ToString(CultureInfo.InvariantCulture);
            }
            string memory = Memory(d);
            string warp = d.WarpSize?.ToString(CultureInfo.InvariantCulture) ?? "-";
            string usable = (d.Usable ? "yes: " : "no: ") + d.Detail;
            table.AddRow(Markup.Escape(BackendRegistry.NameOf(d.Backend)), id, Markup.Escape(d.Device ?? "-"), memory, warp, Markup.Escape(usable));
        }
        AnsiConsole.Write(table);
        return 0;
    }

    /// <summary>A device's memory in GiB, one decimal; "-" for the host.</summary>
    internal static string Memory(DeviceInfo device) =>
        device.MemoryBytes is { } bytes ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):F1} GiB") : "-";
}
