using System.Globalization;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;
using GreatModel.Diagnostics;
using GreatModel.Cli.Parsing;

namespace GreatModel.Cli.Commands;

/// <summary>
/// <c>greatmodel merge SHARD... --out DIR</c> (#17): the shards of one run (each a folder holding one manifest, or the
/// manifest itself) into DIR/draws.csv — the file one process would have written for every chain, byte for byte on the same
/// backend — with its manifest and the summary (printed, and DIR/summary.json with a run entry; per group for a grouped run).
/// </summary>
internal sealed class MergeCommand : CliCommand<MergeCommand.Settings>
{
    /// <summary>The values of <see cref="OptionTable.Merge"/>'s rows (each property's option, default and help are there).</summary>
    public sealed class Settings : CommandSettings
    {
        public string[] Shards { get; init; } = [];

        public string Out { get; init; } = "";

        public bool Wide { get; init; }
    }

    public override int Execute(Settings settings, CancellationToken cancellationToken)
    {
        var manifests = settings.Shards.Select(ManifestOf).ToList();
        if (File.Exists(settings.Out)) throw new InvalidInputException($"--out {settings.Out}: this is a file, not a folder");
        // A folder holding another run's records would hold two afterwards, and `merge DIR` or `fit --resume DIR` could not
        // tell which is meant (the merged run's own are draws.manifest.json, replaced whole).
        if (Directory.Exists(settings.Out) && Directory.GetFiles(settings.Out, "*.json")
                .Where(f => f.EndsWith(".manifest.json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".checkpoint.json", StringComparison.OrdinalIgnoreCase))
                .FirstOrDefault(f => !Path.GetFileName(f).Equals("draws.manifest.json", StringComparison.OrdinalIgnoreCase)) is { } record)
            throw new InvalidInputException($"--out {settings.Out}: holds another run's record {Path.GetFileName(record)}; merge into a folder of its own");
        // The one output set: the folder's files checked as every command's outputs are (never a shard's input, never
        // another run's record), and the folder claimed, so a second merge into it is refused while this one runs.
        var plan = new OutputPlan().OutputFolder(nameof(settings.Out), settings.Out, ["draws.csv", "summary.json"]);
        foreach (string manifest in manifests)
        {
            plan.Input("SHARD", manifest);
            plan.Input("SHARD", Path.Combine(Path.GetDirectoryName(manifest)!, ShardManifest.Read(manifest).DrawsFile));
        }
        plan.Check();
        bool created = !Directory.Exists(settings.Out);
        Directory.CreateDirectory(settings.Out);
        string draws = Path.Combine(settings.Out, "draws.csv");
        ShardManifest merged;
        try
        {
            merged = ShardMerge.Merge(manifests, draws);
        }
        catch
        {
            // A refused merge leaves nothing behind: the folder it made for its output goes again while it is empty.
            if (created && !Directory.EnumerateFileSystemEntries(settings.Out).Any()) Directory.Delete(settings.Out);
            throw;
        }
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"merged {manifests.Count} shards: {merged.Run.TotalChains} chains × {merged.DrawsPerChain} draws, seed {merged.Run.Seed}, backend {merged.Run.Backend}; written to {draws}"));
        string[] parameters = merged.Columns.Split(',').Contains("nu") ? ["mu", "sigma2", "nu"] : ["mu", "sigma2"];
        if (!FitResources.SummaryFits((int)Math.Min(int.MaxValue, merged.Run.DataCount), merged.Run.Groups * merged.Run.TotalChains, merged.DrawsPerChain, parameters.Length)) return 0; // said on stderr
        string summaryPath = Path.Combine(settings.Out, "summary.json");
        if (merged.Columns.StartsWith("group,", StringComparison.Ordinal))
        {
            // Each group its own posterior, read back per group, printed and written as a grouped fit's are.
            // Each group's n from the shards' manifests (groups in the run's order, as the file's rows first name them).
            var groups = DrawsFileReader.ReadGrouped(draws, parameters)
                .AsParallel().AsOrdered() // each group's summary alone: the cores share them, in the file's order
                .Select((g, k) => (Group: g.Key, N: merged.GroupCounts is { } counts && k < counts.Count ? counts[k] : (int?)null, Draws: g.Value))
                .Select(g => (g.Group, g.N, Rows: (IReadOnlyList<ParameterSummary>)[.. parameters.Select(p => ParameterSummary.Of(p, g.Draws[p], g.N))])).ToList();
            GroupedFit.PrintGroups(groups, settings.Wide, summaryPath);
            SummaryJson.WriteMergedGrouped(summaryPath, groups, merged, manifests.Count);
            Console.Out.WriteLine($"summary written to {summaryPath}");
            return 0;
        }
        var summary = DrawsFileReader.Read([draws], parameters).Select(d => ParameterSummary.Of(d.Key, d.Value)).ToList();
        Console.Out.Write(SummaryTable.Render(summary, null, settings.Wide));
        SummaryJson.WriteMerged(summaryPath, summary, merged, manifests.Count);
        Console.Out.WriteLine($"summary written to {summaryPath}");
        return 0;
    }

    /// <summary>A shard's manifest: the path itself, or the one *.manifest.json in the folder.</summary>
    private static string ManifestOf(string shard) => RecordFileArgument.Find(shard, shard, "*.manifest.json", "manifests",
        "no such shard folder or manifest", "fit --chain-range or --shard", "merge");
}
