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
        var record = RunRecordBeside.Of(settings.Draws)?.Run;
        if (observed is not null) CheckIsTheRunsData(observed, settings.Data!, settings.Draws, record);
        string groups = ZarrOutput.Write(settings.Draws, settings.Out, observed, record);
        Console.Out.WriteLine($"InferenceData written to {settings.Out} (Zarr v2: {groups})");
        return 0;
    }

    /// <summary>
    /// Refuses <paramref name="data"/> as the store's observed_data when the run's record says the run had other data (its
    /// count or its SHA-256): a store of one run's draws beside another's data is wrong and looks right. Without a record
    /// nothing can tell, and a warning says so.
    /// </summary>
    private static void CheckIsTheRunsData(ObservedData data, string dataPath, string drawsPath, RunRecord? record)
    {
        if (record is null)
        {
            Console.Error.WriteLine($"warning: --data {dataPath}: no run record beside {drawsPath}, so nothing checks that these are the run's data");
            return;
        }
        if (record.Grouped) return; // a grouped run's data are its groups; ZarrOutput takes one data set only with the draws of one
        if (record.DataCount != data.Count)
            throw new InvalidInputException($"--data {dataPath}: {data.Count} values, but the run of {drawsPath} had {record.DataCount} (its record): not the run's data");
        if (!string.Equals(RunRecord.HashOf([(null, data)]), record.DataSha256, StringComparison.Ordinal))
            throw new InvalidInputException($"--data {dataPath}: {data.Count} values, as many as the run of {drawsPath} had, but not the same (their SHA-256 differs from its record's): not the run's data");
    }
}
