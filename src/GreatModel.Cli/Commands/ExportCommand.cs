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

    /// <summary>Whether <paramref name="folder"/> is a store an earlier export wrote: its root attributes name greatmodel.</summary>
    private static bool IsOurStore(string folder)
    {
        string attributes = Path.Combine(folder, ".zattrs");
        try
        {
            return File.Exists(attributes) && System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(attributes))?["inference_library"]?.GetValue<string>() == "greatmodel";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or IOException)
        {
            return false;
        }
    }

    public override int Execute(Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Column is not null && settings.Data is null) throw new InvalidInputException($"--column {settings.Column}: needs --data");
        // Only a store this command wrote is replaced (its attributes say greatmodel): a folder of anything else is the
        // user's, never deleted; and never one that holds an input.
        string full = FilePaths.FullPath(Path.TrimEndingDirectorySeparator(settings.Out));
        if (File.Exists(full) || (Directory.Exists(full) && !IsOurStore(full)))
            throw new InvalidInputException($"--out {settings.Out}: exists and is not a store greatmodel export wrote; give a new name");
        foreach (string input in new[] { settings.Draws, settings.Data }.OfType<string>())
        {
            if (FilePaths.FullPath(input).StartsWith(full + Path.DirectorySeparatorChar, FilePaths.Comparison))
                throw new InvalidInputException($"--out {settings.Out}: holds the input {input}, which replacing the store would delete; give another name");
        }
        var plan = new OutputPlan().OutputFolder(nameof(settings.Out), settings.Out, [".zgroup", ".zmetadata"]);
        plan.Input("DRAWS", settings.Draws).Input("--data", settings.Data);
        plan.Check();
        string parent = Path.GetDirectoryName(full)!, name = Path.GetFileName(full);
        // An export stopped by a signal or a kill leaves its folder beside: the next one into this --out (which holds its
        // claim now, so none other is writing there) removes it.
        foreach (string stale in Directory.EnumerateDirectories(parent, $".{name}.*.tmp*"))
        {
            Directory.Delete(stale, recursive: true);
            Console.Error.WriteLine($"note: removed {stale}, left by an interrupted export");
        }
        ObservedData? observed = settings.Data is null ? null : DataFileReader.Read(settings.Data, settings.Column);
        string pending = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.tmp");
        string? old = null;
        try
        {
            InferenceDataExport.Write(settings.Draws, pending, observed, RunRecordBeside.Of(settings.Draws)?.Run);
            // In place whole: the old store goes aside first, comes back if the new one cannot take its place, and is removed
            // only once the new one is there.
            if (Directory.Exists(full))
            {
                old = $"{pending}.old";
                Directory.Move(full, old);
            }
            try
            {
                Directory.Move(pending, full);
            }
            catch when (old is not null)
            {
                Directory.Move(old, full);
                old = null;
                throw;
            }
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
