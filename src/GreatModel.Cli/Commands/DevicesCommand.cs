using GreatModel.Backends;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GreatModel.Cli.Commands;

internal sealed class DevicesCommand : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var h in new[] { "backend", "device", "memory", "warp", "usable" }) table.AddColumn(h);
        foreach (var d in DeviceCatalog.List())
            table.AddRow(Markup.Escape(d.Backend), Markup.Escape(d.Name), Markup.Escape(d.Memory), Markup.Escape(d.Warp), Markup.Escape(d.Usability));
        AnsiConsole.Write(table);
        return 0;
    }
}
