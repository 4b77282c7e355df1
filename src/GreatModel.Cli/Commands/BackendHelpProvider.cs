using GreatModel.Backends;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace GreatModel.Cli.Commands;

/// <summary>
/// Spectre's help, with a BACKENDS section under the commands that take a backend: the names and one-line
/// summaries come from <see cref="BackendRegistry"/>, so a new backend appears in the help by itself.
/// </summary>
internal sealed class BackendHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
{
    private static readonly HashSet<string> CommandsWithBackends = ["fit", "bench"];

    public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command)
    {
        foreach (var part in base.GetFooter(model, command)) yield return part;
        if (command is null || !CommandsWithBackends.Contains(command.Name)) yield break;
        var grid = new Grid().AddColumn(new GridColumn().PadLeft(4).PadRight(2)).AddColumn();
        grid.AddRow(new Text(BackendRegistry.AutoName), new Text(BackendRegistry.AutoSummary));
        foreach (var backend in BackendRegistry.All)
            grid.AddRow(new Text(backend.Name), new Text(backend.Summary));
        yield return new Markup(Environment.NewLine + "[yellow]BACKENDS:[/]" + Environment.NewLine);
        yield return grid;
    }
}
