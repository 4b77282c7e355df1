using System.ComponentModel;
using GreatModel.Data;
using GreatModel.Model;
using Spectre.Console.Cli;

namespace GreatModel.Cli.Commands;

/// <summary>
/// <c>greatmodel export DRAWS --out NAME.zarr</c> (#30 item 2): a tidy draws file as ArviZ's InferenceData in a Zarr v2
/// store, which ArviZ 1.x and xarray open (<see cref="InferenceDataExport"/>). Written beside, then put in place whole;
/// an existing store at --out is replaced, anything else there is refused.
/// </summary>
internal sealed class ExportCommand : Command<ExportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DRAWS>")]
        [Description("A tidy draws file written by `greatmodel fit` or `merge` (grouped or not; its log_lik and y_rep columns too).")]
        public string Draws { get; init; } = "";

        [CommandOption("--out <STORE>")]
        [Description("The Zarr store to write (a folder, e.g. fit.zarr; its parent must exist; an earlier store there is replaced).")]
        public string? Out { get; init; }

        [CommandOption("--data <FILE>")]
        [Description("The data the run was fitted to, for the observed_data group (an ungrouped run's; any format fit reads).")]
        public string? Data { get; init; }

        [CommandOption("--column <NAME>")]
        [Description("With --data: the column to read, as fit's --column.")]
        public string? Column { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Out is null) throw new InvalidInputException("--out: give the Zarr store to write (e.g. --out fit.zarr)");
        if (settings.Column is not null && settings.Data is null) throw new InvalidInputException($"--column {settings.Column}: needs --data");
        // Only a store is replaced: a folder of anything else at --out is the user's, never deleted.
        if (File.Exists(settings.Out) || (Directory.Exists(settings.Out) && !File.Exists(Path.Combine(settings.Out, ".zgroup"))))
            throw new InvalidInputException($"--out {settings.Out}: exists and is not a Zarr store; give a new name");
        var plan = new OutputPlan().OutputFolder(nameof(settings.Out), settings.Out, [".zgroup", ".zmetadata"]);
        plan.Input("DRAWS", settings.Draws).Input("--data", settings.Data);
        plan.Check();
        ObservedData? observed = settings.Data is null ? null : DataFileReader.Read(settings.Data, settings.Column);
        string full = FilePaths.FullPath(Path.TrimEndingDirectorySeparator(settings.Out));
        string pending = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            InferenceDataExport.Write(settings.Draws, pending, observed, RunRecordBeside.Of(settings.Draws)?.Run);
            // In place whole: the old store goes aside first, and only once the new one is there is it removed.
            string? old = Directory.Exists(full) ? $"{pending}.old" : null;
            if (old is not null) Directory.Move(full, old);
            Directory.Move(pending, full);
            if (old is not null) Directory.Delete(old, recursive: true);
        }
        finally
        {
            if (Directory.Exists(pending)) Directory.Delete(pending, recursive: true);
        }
        Console.Out.WriteLine($"InferenceData written to {settings.Out} (Zarr v2: posterior{(DrawsFileReader.HasColumn(settings.Draws, "log_lik[1]") ? ", log_likelihood" : "")}{(DrawsFileReader.HasColumn(settings.Draws, "y_rep[1]") ? ", posterior_predictive" : "")}{(observed is null ? "" : ", observed_data")})");
        return 0;
    }
}
