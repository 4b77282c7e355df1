using GreatModel.Files.Draws;
using GreatModel.Files.Durability;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Model;

namespace GreatModel.Cli.Commands;

/// <summary>
/// A Zarr store of ArviZ's InferenceData as an output (<c>export --out</c>, <c>fit --format zarr --out</c>): checked before
/// anything is written, written beside from a tidy draws file (<see cref="InferenceDataExport"/>), then put in place whole.
/// An existing store at the path is replaced only when greatmodel wrote it; anything else there is refused.
/// </summary>
internal static class ZarrOutput
{
    /// <summary>The files of a store's root, as an output folder's (<see cref="OutputPlan.OutputFolder"/>).</summary>
    public static readonly string[] RootFiles = [".zgroup", ".zmetadata"];

    /// <summary>Refuses <paramref name="store"/> when something other than a store greatmodel wrote is there, or when it holds an input.</summary>
    /// <param name="store">The option's value.</param>
    /// <param name="inputs">The command's input files (null entries skipped).</param>
    /// <exception cref="InvalidInputException">The store cannot be written there.</exception>
    public static void CheckTarget(string store, IEnumerable<string?> inputs)
    {
        string full = FilePaths.FullPath(Path.TrimEndingDirectorySeparator(store));
        // Only a store this program wrote is replaced (its attributes say greatmodel): a folder of anything else is the
        // user's, never deleted; and never one that holds an input.
        if (File.Exists(full) || (Directory.Exists(full) && !IsOurStore(full)))
            throw new InvalidInputException($"--out {store}: exists and is not a store greatmodel wrote; give a new name");
        foreach (string input in inputs.OfType<string>())
        {
            if (FilePaths.FullPath(input).StartsWith(full + Path.DirectorySeparatorChar, FilePaths.Comparison))
                throw new InvalidInputException($"--out {store}: holds the input {input}, which replacing the store would delete; give another name");
        }
    }

    /// <summary>
    /// Removes what a write stopped by a signal or a kill left beside <paramref name="store"/> (the caller holds the store's
    /// claim, so no other command is writing there), saying so.
    /// </summary>
    public static void RemoveStale(string store)
    {
        string full = FilePaths.FullPath(Path.TrimEndingDirectorySeparator(store));
        string parent = Path.GetDirectoryName(full)!, name = Path.GetFileName(full);
        foreach (string stale in Directory.EnumerateDirectories(parent, $".{name}.*.tmp*"))
        {
            Directory.Delete(stale, recursive: true);
            Console.Error.WriteLine($"note: removed {stale}, left by an interrupted write of {store}");
        }
        foreach (string stale in Directory.EnumerateFiles(parent, $".{name}.*.draws.csv"))
        {
            File.Delete(stale);
            Console.Error.WriteLine($"note: removed {stale}, left by an interrupted write of {store}");
        }
    }

    /// <summary>Where <c>fit --format zarr</c> streams its tidy rows before the store is made from them: a hidden file beside the store.</summary>
    public static string DrawsBeside(string store)
    {
        string full = FilePaths.FullPath(Path.TrimEndingDirectorySeparator(store));
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.draws.csv");
    }

    /// <summary>Writes the store at <paramref name="store"/> from the tidy file <paramref name="draws"/>, beside first, then in place whole.</summary>
    /// <returns>What the store holds, for the line that says it was written ("posterior, log_likelihood, observed_data").</returns>
    /// <param name="source">What the store's attributes name as its source: fit's data (its draws streamed to a hidden file); null: the draws file.</param>
    public static string Write(string draws, string store, ObservedData? observed, RunRecord? record, string? source = null)
    {
        string full = FilePaths.FullPath(Path.TrimEndingDirectorySeparator(store));
        string pending = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        string? old = null;
        try
        {
            InferenceDataExport.Write(draws, pending, observed, record, source);
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
        var columns = DrawsFileReader.Columns(draws);
        return "posterior" + (columns.Contains("lp__") ? ", sample_stats" : "") + (columns.Contains("log_lik[1]") ? ", log_likelihood" : "")
            + (columns.Contains("y_rep[1]") ? ", posterior_predictive" : "") + (observed is null ? "" : ", observed_data");
    }

    /// <summary>Whether <paramref name="folder"/> is a store greatmodel wrote: its root attributes name greatmodel.</summary>
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
}
