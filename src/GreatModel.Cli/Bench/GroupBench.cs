using System.Globalization;
using System.Text;
using GreatModel.Backends;
using GreatModel.Files.Draws;
using GreatModel.Files.Durability;
using GreatModel.Files.Export;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Diagnostics;

namespace GreatModel.Cli.Bench;

/// <summary>
/// <c>bench --groups</c> (#15): many data sets in one run against one data set of the same total size, side by side per
/// backend — 10⁴ groups × 100 data, 10³ × 1000 and 500 ragged groups of 2 to 10⁴ (log-uniform), 4 chains each, fixed
/// sweeps. Each pair runs <see cref="Repeats"/> times, grouped and single alternately, and the medians are reported (one run
/// each swung a ratio by ±20% on a shared 2-core machine), with their ranges; then the median bulk ESS/s of μ over the groups.
/// </summary>
internal static class GroupBench
{
    private const int Chains = 4, BurnIn = 50, Samples = 100;

    /// <summary>Runs of each (grouped, single) pair: the median of three, alternating, so a slow spell hits both.</summary>
    private const int Repeats = 3;

    /// <summary>One measured workload: its name and group sizes.</summary>
    private sealed record Workload(string Name, int[] Sizes);

    public static IReadOnlyList<string> Run(IReadOnlyList<Backend> backends, string folder, IReadOnlyList<string> machine, string command, Action<string> report)
    {
        var ragged = new System.Random(BenchSeed);
        Workload[] workloads =
        [
            new("10^4 groups × 100", Enumerable.Repeat(100, 10_000).ToArray()),
            new("10^3 groups × 1000", Enumerable.Repeat(1000, 1000).ToArray()),
            new("500 ragged groups, 2 to 10^4", [.. Enumerable.Range(0, 500).Select(_ => (int)Math.Round(Math.Exp(Math.Log(2) + (ragged.NextDouble() * Math.Log(5000)))))]),
        ];
        var rows = new List<string>();
        var csv = new StringBuilder("workload,backend,groups,total_n,chains,sweeps,repeats,grouped_s,grouped_datum_updates_per_s,grouped_min,grouped_max," +
            "single_s,single_datum_updates_per_s,single_min,single_max,ratio,median_ess_bulk_mu_per_s\n");
        foreach (var workload in workloads)
        {
            var groups = new GroupedData(workload.Sizes.Select((n, g) => KeyValuePair.Create($"g{g}",
                new ObservedData(Simulation.StudentT(n, ExampleData.Nu, ExampleData.TrueMu + g % 7, ExampleData.TrueSigma2, BenchPlan.Seed + (ulong)g), "bench"))), "bench");
            var single = new ObservedData(groups.Groups.SelectMany(g => g.Values), "bench");
            foreach (var backend in backends)
            {
                var options = new SamplerOptions { Chains = Chains, BurnIn = BurnIn, Samples = Samples, Seed = BenchPlan.Seed, Backend = backend };
                string name = BackendRegistry.NameOf(backend);
                try
                {
                    Sampler.Run(ExampleData.Load(), options with { BurnIn = 20, Samples = 20 }); // warm
                    var groupedRuns = new List<GroupedPosterior>();
                    var wholeRuns = new List<Posterior>();
                    for (int r = 0; r < Repeats; r++)
                    {
                        groupedRuns.Add(Sampler.Run(groups, options));
                        wholeRuns.Add(Sampler.Run(single, options, new Sampling.RunHooks { KeepDrawsInMemory = false }));
                    }
                    var grouped = groupedRuns.OrderBy(g => g.DatumUpdatesPerSecond).ElementAt(Repeats / 2);
                    var whole = wholeRuns.OrderBy(w => w.DatumUpdatesPerSecond).ElementAt(Repeats / 2);
                    var (groupedMin, groupedMax) = (groupedRuns.Min(g => g.DatumUpdatesPerSecond), groupedRuns.Max(g => g.DatumUpdatesPerSecond));
                    var (wholeMin, wholeMax) = (wholeRuns.Min(w => w.DatumUpdatesPerSecond), wholeRuns.Max(w => w.DatumUpdatesPerSecond));
                    double medianEss = grouped.Groups.Select(g => Convergence.EssBulk(g.Mu.ToChainArrays())).Order().ElementAt(grouped.Groups.Count / 2);
                    double ratio = grouped.DatumUpdatesPerSecond / whole.DatumUpdatesPerSecond;
                    string line = string.Create(CultureInfo.InvariantCulture,
                        $"| {workload.Name} | {name} | {grouped.DatumUpdatesPerSecond / 1e6:F1} ({groupedMin / 1e6:F0}–{groupedMax / 1e6:F0}) | " +
                        $"{whole.DatumUpdatesPerSecond / 1e6:F1} ({wholeMin / 1e6:F0}–{wholeMax / 1e6:F0}) | {ratio:F2} | {medianEss / grouped.Elapsed.TotalSeconds:F0} |");
                    rows.Add(line);
                    report(line);
                    csv.Append(CultureInfo.InvariantCulture, $"{workload.Name},{name},{groups.Count},{groups.TotalCount},{Chains},{BurnIn + Samples},{Repeats},")
                       .Append(CultureInfo.InvariantCulture, $"{grouped.Elapsed.TotalSeconds:R},{grouped.DatumUpdatesPerSecond:R},{groupedMin:R},{groupedMax:R},")
                       .Append(CultureInfo.InvariantCulture, $"{whole.Elapsed.TotalSeconds:R},{whole.DatumUpdatesPerSecond:R},{wholeMin:R},{wholeMax:R},{ratio:R},{medianEss / grouped.Elapsed.TotalSeconds:R}\n");
                }
                catch (BackendUnavailableException e)
                {
                    string line = $"| {workload.Name} | {name} | not available: {e.Reason} | | | |";
                    rows.Add(line);
                    report(line);
                }
            }
        }
        Directory.CreateDirectory(folder);
        var md = new StringBuilder("# Many data sets in one run (bench --groups)\n\n");
        foreach (string line in machine) md.Append("- ").Append(line).Append('\n');
        md.Append(CultureInfo.InvariantCulture, $"\nCommand: `{command}`. {Chains} chains per group, {BurnIn} + {Samples} sweeps, ν = 6 fixed. ")
          .Append("\"single\" is one data set of the same total size (all groups' data pooled), same chains and sweeps, in the same process. ")
          .Append(CultureInfo.InvariantCulture, $"Each is the median of {Repeats} runs, grouped and single alternately (in brackets the range); the ratio is of the medians.\n\n")
          .Append("| workload | backend | grouped M datum-updates/s | single M datum-updates/s | grouped / single | median ESS/s of μ per group |\n|---|---|---|---|---|---|\n");
        foreach (string row in rows) md.Append(row).Append('\n');
        string mdPath = Path.Combine(folder, "groups.md"), csvPath = Path.Combine(folder, "groups.csv");
        AtomicFile.Write(mdPath, w => w.Write(md.ToString()));
        AtomicFile.Write(csvPath, w => w.Write(csv.ToString()));
        return [mdPath, csvPath];
    }

    private const int BenchSeed = 15;
}
