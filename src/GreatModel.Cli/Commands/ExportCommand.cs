using GreatModel.Files.Draws;
using GreatModel.Files.Durability;
using GreatModel.Files.Export;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Cli.Parsing;

namespace GreatModel.Cli.Commands;

/// <summary>
/// <c>greatmodel export DRAWS --out NAME.zarr</c> (#30 item 2): a tidy draws file as ArviZ's InferenceData in a Zarr v2
/// store, which ArviZ 1.x and xarray open (<see cref="InferenceDataExport"/>). Written beside, then put in place whole;
/// an existing store at --out is replaced, anything else there is refused.
/// </summary>
internal sealed class ExportCommand : CliCommand<ExportCommand.Settings>
{
    /// <summary>The values of <see cref="OptionTable.Export"/>'s rows (each property's option, default and help are there).</summary>
    public sealed class Settings : CommandSettings
    {
        public string Draws { get; init; } = "";

        public string Out { get; init; } = "";

        public string? Data { get; init; }

        public string? Column { get; init; }
    }

    public override int Execute(Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Column is not null && settings.Data is null) throw new InvalidInputException($"--column {settings.Column}: needs --data");
        ZarrOutput.CheckTarget(settings.Out, [settings.Draws, settings.Data]);
        var plan = new OutputPlan().OutputFolder(nameof(settings.Out), settings.Out, ZarrOutput.RootFiles);
        plan.Input("DRAWS", settings.Draws).Input("--data", settings.Data);
        plan.Check();
        ZarrOutput.RemoveStale(settings.Out);
        ObservedData? observed = settings.Data is null ? null : DataFileReader.Read(settings.Data, settings.Column);
        string groups = ZarrOutput.Write(settings.Draws, settings.Out, observed, RunRecordBeside.Of(settings.Draws)?.Run);
        Console.Out.WriteLine($"InferenceData written to {settings.Out} (Zarr v2: {groups})");
        return 0;
    }
}
