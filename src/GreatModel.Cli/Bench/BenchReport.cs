using System.Globalization;
using System.Text;
using CsvHelper;
using GreatModel.Cli.Plots;
using GreatModel.Files.Draws;
using GreatModel.Files.Durability;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using ScottPlot;

namespace GreatModel.Cli.Bench;

/// <summary>The benchmark's outputs: bench.md (tables and machine), bench.csv (every cell) and a throughput plot.</summary>
internal static class BenchReport
{
    /// <summary>The talk's reported times for its workload (MODEL.md), for the README's comparison.</summary>
    public const double TalkPythonMs = 10_404, TalkNumPyMs = 357;

    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<BenchResult> results, IReadOnlyList<string> machine, string command)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        string md = Path.Combine(folder, "bench.md");
        AtomicFile.Write(md, w => w.Write(Markdown(results, machine, command)));
        written.Add(md);
        string csv = Path.Combine(folder, "bench.csv");
        AtomicFile.Write(csv, w => WriteCsv(w, results));
        written.Add(csv);
        written.AddRange(PosteriorPlots.Save(ThroughputPlot(results), folder, "bench_throughput"));
        return written;
    }

    private static string F(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "";

    public static string Markdown(IReadOnlyList<BenchResult> results, IReadOnlyList<string> machine, string command)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# GreatModel throughput benchmark").AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Regenerate: `{command}`").AppendLine();
        foreach (string line in machine) sb.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        sb.AppendLine();
        sb.AppendLine("Wall time is that of the sweeps (set-up, kernel compilation and uploads excluded), after about a second of warm-up per backend;");
        sb.AppendLine("datum-updates/s = chains × n × sweeps / wall time; ESS is rank-normalised bulk ESS of all chains together;");
        sb.AppendLine("host share = time in the host's scalar draws / wall time (GPU engines overlap part of it with device work);");
        sb.AppendLine("peak MiB = the process's largest working set during the cell (host memory only).").AppendLine();
        // With ν estimated: which moves of ν ran ("ridge": the ridge move and ν | U; "conditional": ν | U alone) and ν's ESS/s.
        bool nu = results.Any(r => r.Cell.NuMove is not null);
        string NuMove(BenchResult r) => nu ? $" {r.Cell.NuMove} |" : "";
        string NuEss(BenchResult r) => nu ? $" {F(r.EssPerSecondNu, "F0")} |" : "";
        if (nu) sb.AppendLine("ν is estimated in every cell (prior gamma(2, 0.1) on [1, 1e6]); the data are simulated with ν = 6.").AppendLine();

        var talk = results.Where(r => r.Cell.Workload == "talk").ToList();
        double? reference = talk.FirstOrDefault(r => r.Cell.Backend == "reference")?.WallSeconds;
        double? numPy = talk.FirstOrDefault(r => r.Cell.Backend == NumPyBaseline.RowName)?.WallSeconds;
        double? peer = talk.FirstOrDefault(r => r.Cell.Backend == CompiledPeerBaseline.RowName)?.WallSeconds;
        if (talk.Count > 0)
        {
            var first = talk[0].Cell;
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"## The talk's workload: 1 chain, n = {first.N}, {first.BurnIn} + {first.Samples} sweeps").AppendLine();
            sb.AppendLine($"| implementation |{(nu ? " ν moves |" : "")} wall ms | M datum-updates/s | ESS/s mu | ESS/s sigma2 |{(nu ? " ESS/s nu |" : "")} speed-up vs compiled peer | speed-up vs reference | speed-up vs NumPy | note |");
            sb.AppendLine($"|---|{(nu ? "---|" : "")}--:|--:|--:|--:|{(nu ? "--:|" : "")}--:|--:|--:|---|");
            foreach (var r in talk)
            {
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Cell.Backend} |{NuMove(r)} {F(r.WallSeconds * 1000, "F1")} | {F(r.DatumUpdatesPerSecond / 1e6, "F1")} | {F(r.EssPerSecondMu, "F0")} | {F(r.EssPerSecondSigma2, "F0")} |{NuEss(r)} {F(peer / r.WallSeconds, "F2")} | {F(reference / r.WallSeconds, "F1")} | {F(numPy / r.WallSeconds, "F1")} | {r.Note} |");
            }
            if (first.BurnIn == 2000 && first.Samples == 2000 && !nu)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"| *talk: pure Python (its machine)* | {TalkPythonMs:F0} | {2e6 / TalkPythonMs / 1e3:F2} | | | | | | reported in the talk |");
                sb.AppendLine(CultureInfo.InvariantCulture, $"| *talk: NumPy (its machine)* | {TalkNumPyMs:F0} | {2e6 / TalkNumPyMs / 1e3:F1} | | | | | | reported in the talk |");
            }
            sb.AppendLine();
        }

        var grid = results.Where(r => r.Cell.Workload == "grid").ToList();
        if (grid.Count > 0)
        {
            var first = grid[0].Cell;
            sb.AppendLine(CultureInfo.InvariantCulture, $"## Grid: chains × n, {first.BurnIn} + {first.Samples} sweeps").AppendLine();
            // The compiled peer's rate in the same cell, for the ratio column (its single thread against all cores).
            var peerRates = grid.Where(r => r.Cell.Backend == CompiledPeerBaseline.RowName && r.Measured)
                .ToDictionary(r => (r.Cell.Chains, r.Cell.N), r => r.DatumUpdatesPerSecond);
            sb.AppendLine($"| backend | chains | n | wall s | M datum-updates/s | × compiled peer | ESS/s mu | ESS/s sigma2 |{(nu ? " ESS/s nu |" : "")} host share | peak MiB | note |");
            sb.AppendLine($"|---|--:|--:|--:|--:|--:|--:|--:|{(nu ? "--:|" : "")}--:|--:|---|");
            foreach (var r in grid.OrderBy(r => r.Cell.Backend, StringComparer.Ordinal).ThenBy(r => r.Cell.N).ThenBy(r => r.Cell.Chains))
            {
                double? peerRate = peerRates.GetValueOrDefault((r.Cell.Chains, r.Cell.N));
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Cell.Backend} | {r.Cell.Chains} | {r.Cell.N} | {F(r.WallSeconds, "F3")} | {F(r.DatumUpdatesPerSecond / 1e6, "F1")} | {F(r.DatumUpdatesPerSecond / peerRate, "F2")} | {F(r.EssPerSecondMu, "F0")} | {F(r.EssPerSecondSigma2, "F0")} |{NuEss(r)} {F(r.HostShare * 100, "F1")}{(r.HostShare is null ? "" : "%")} | {F(r.PeakMemoryMiB, "F0")} | {r.Note} |");
            }
        }
        return sb.ToString();
    }

    private static void WriteCsv(TextWriter writer, IReadOnlyList<BenchResult> results)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        csv.WriteRecords(results.Select(r => new
        {
            workload = r.Cell.Workload,
            backend = r.Cell.Backend,
            chains = r.Cell.Chains,
            n = r.Cell.N,
            burn_in = r.Cell.BurnIn,
            samples = r.Cell.Samples,
            wall_s = r.WallSeconds,
            datum_updates_per_s = r.DatumUpdatesPerSecond,
            ess_bulk_mu = r.EssBulkMu,
            ess_bulk_sigma2 = r.EssBulkSigma2,
            ess_per_s_mu = r.EssPerSecondMu,
            ess_per_s_sigma2 = r.EssPerSecondSigma2,
            nu_move = r.Cell.NuMove,
            ess_bulk_nu = r.EssBulkNu,
            ess_per_s_nu = r.EssPerSecondNu,
            host_share = r.HostShare,
            peak_memory_mib = r.PeakMemoryMiB,
            note = r.Note,
        }));
    }

    private static Plot ThroughputPlot(IReadOnlyList<BenchResult> results)
    {
        var plot = new Plot();
        foreach (var backend in results.Where(r => r.Measured && r.Cell.Workload == "grid").GroupBy(r => r.Cell.Backend))
        {
            var cells = backend.ToList();
            var xs = cells.Select(r => Math.Log10((double)r.Cell.Chains * r.Cell.N)).ToArray();
            var ys = cells.Select(r => Math.Log10(r.DatumUpdatesPerSecond!.Value)).ToArray();
            var points = plot.Add.ScatterPoints(xs, ys); // no lines: cells of similar size differ in shape (chains vs n)
            points.LegendText = backend.Key;
            points.MarkerSize = 9;
        }
        plot.Title("throughput by work per sweep");
        plot.XLabel("log10(chains × n)");
        plot.YLabel("log10(datum-updates / s)");
        plot.ShowLegend();
        return plot;
    }
}
