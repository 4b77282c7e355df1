using System.Globalization;
using GreatModel.Backends;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Diagnostics;
using GreatModel.Cli.Commands;
using GreatModel.Sampling;

namespace GreatModel.Cli.Bench;

/// <summary>
/// Runs a <see cref="BenchPlan"/> in one process, side by side, so every ratio compares runs on the same
/// machine at the same time. Wall time is that of the sweeps (set-up, kernel compilation and uploads
/// excluded), after a warm-up of about a second per backend; a cell whose predicted time exceeds the per-cell budget
/// (from the best rate that backend has shown so far at that chain count, else at any) is skipped and says so.
/// </summary>
internal static class BenchmarkHarness
{
    public static IReadOnlyList<BenchResult> Run(BenchPlan plan, string workFolder, Action<BenchResult> report)
    {
        var results = new List<BenchResult>();
        void Add(BenchResult r)
        {
            results.Add(r);
            report(r);
        }

        // Baselines outside this program, each found (or why not) once.
        var baselines = new Dictionary<string, ExternalBaseline>();
        var missing = new Dictionary<string, string>();
        void Look(string name, bool wanted, Func<string, (ExternalBaseline?, string)> find)
        {
            if (!wanted) return;
            var (found, why) = find(workFolder);
            if (found is null) missing[name] = why;
            else baselines[name] = found;
        }
        Look(CompiledPeerBaseline.RowName, plan.Peer, folder => (CompiledPeerBaseline.Find(folder, out string why), why));
        Look(NumPyBaseline.RowName, plan.NumPy, folder => (NumPyBaseline.Find(folder, out string why), why));
        var names = plan.Backends.Select(BackendRegistry.NameOf).Concat(baselines.Keys).Concat(missing.Keys).ToList();

        var usable = new List<string>();
        foreach (string name in names)
        {
            string? why = missing.TryGetValue(name, out string? absent) ? absent
                : baselines.ContainsKey(name) ? (plan.EstimateNu ? "fixed ν only (the talk's sampler does not estimate ν)" : null)
                : WarmUp(BackendOption.Parse(name), plan);
            if (why is null) usable.Add(name);
            else Add(BenchResult.Skipped(new BenchCell("talk", name, 1, ExampleData.N, plan.TalkBurnIn, plan.TalkSamples), why));
        }

        // Best rate seen per backend, and per (backend, chains): many chains run in parallel, so a
        // multi-chain rate would over-predict a one-chain cell.
        var bestRate = new Dictionary<string, double>();
        var bestRateAtChains = new Dictionary<(string, int), double>();
        var example = ExampleData.Load().Values.ToArray();
        foreach (string name in usable)
        {
            var talk = new BenchCell("talk", name, 1, ExampleData.N, plan.TalkBurnIn, plan.TalkSamples, NuMove: plan.EstimateNu ? NuMoveNames.Name(NuMove.Ridge) : null);
            var r = Measure(talk, example, baselines.GetValueOrDefault(name), plan, workFolder);
            bestRate[name] = r.DatumUpdatesPerSecond ?? 1;
            Add(r);
            if (plan.EstimateNu) Add(Measure(talk with { NuMove = "conditional" }, example, null, plan, workFolder));
        }

        foreach (int n in plan.Sizes)
        {
            var data = Simulation.StudentT(n, ExampleData.Nu, ExampleData.TrueMu, ExampleData.TrueSigma2, BenchPlan.Seed);
            foreach (string name in usable)
            {
                foreach (int chains in plan.Chains)
                {
                    var cell = new BenchCell("grid", name, chains, n, plan.GridBurnIn, plan.GridSamples, NuMove: plan.EstimateNu ? NuMoveNames.Name(NuMove.Ridge) : null);
                    double rate = bestRateAtChains.TryGetValue((name, chains), out double seen) ? seen : bestRate[name];
                    double predicted = cell.DatumUpdates / rate;
                    if (predicted > plan.CellSeconds)
                    {
                        Add(BenchResult.Skipped(cell, string.Create(CultureInfo.InvariantCulture,
                            $"skipped: predicted {predicted:F0} s > {plan.CellSeconds:F0} s budget")));
                        continue;
                    }
                    var r = Measure(cell, data, baselines.GetValueOrDefault(name), plan, workFolder);
                    bestRate[name] = Math.Max(bestRate[name], r.DatumUpdatesPerSecond ?? 0);
                    bestRateAtChains[(name, chains)] = Math.Max(seen, r.DatumUpdatesPerSecond ?? 0);
                    Add(r);
                    // Where host draws weigh most (many chains, little data), measure the GPU engines without
                    // their overlap too, so the table shows what the overlap buys.
                    if (!baselines.ContainsKey(name) && BackendRegistry.Get(BackendOption.Parse(name)).NeedsDevice && chains == plan.Chains[^1] && n == plan.Sizes[0])
                        Add(Measure(cell with { Overlap = false }, data, null, plan, workFolder));
                }
            }
        }
        return results;
    }

    /// <summary>
    /// Runs a backend until its hot code is fully optimised (the JIT's tiering needs repeated calls and a
    /// little time), on one chain and on many (the parallel host draws); null when it runs, else why not.
    /// </summary>
    private static string? WarmUp(Backend backend, BenchPlan plan)
    {
        if (plan.Precision == Precision.Single && !BackendRegistry.Get(backend).RunsKernels)
            return "double precision only (--precision single runs on the kernel backends)";
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (int run = 0; run < 2 || clock.Elapsed < WarmUpTime; run++)
            {
                Sampler.Run(ExampleData.Load(), Options(backend, 1, 100, 100, plan, plan.EstimateNu ? NuMoveNames.Name(NuMove.Ridge) : null));
                Sampler.Run(ExampleData.Load(), Options(backend, 64, 5, 5, plan, plan.EstimateNu ? NuMoveNames.Name(NuMove.Ridge) : null));
            }
            return null;
        }
        catch (BackendUnavailableException e)
        {
            return "not available: " + e.Reason;
        }
    }

    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(1);

    private static SamplerOptions Options(Backend backend, int chains, int burnIn, int samples, BenchPlan plan, string? nuMove) => new()
    {
        Precision = plan.Precision,
        Nu = plan.Nu,
        EstimateNu = plan.EstimateNu,
        NuMove = nuMove is null ? NuMove.Ridge : NuMoveNames.Parse(nuMove) ?? throw new ArgumentOutOfRangeException(nameof(nuMove), nuMove, "not a move of nu"),
        Chains = chains,
        BurnIn = burnIn,
        Samples = samples,
        Seed = BenchPlan.Seed,
        Backend = backend,
    };

    /// <summary>One cell: a backend of this program, or <paramref name="baseline"/> when given.</summary>
    private static BenchResult Measure(BenchCell cell, double[] data, ExternalBaseline? baseline, BenchPlan plan, string workFolder)
    {
        using var memory = new PeakMemory();
        if (baseline is not null)
        {
            var (seconds, mu, sigma2) = baseline.Run(cell, data, plan.Nu, BenchPlan.Seed, workFolder);
            return new BenchResult(cell, seconds, Convergence.EssBulk(mu), Convergence.EssBulk(sigma2), null, null, baseline.Note);
        }
        var fit = Sampler.Run(new ObservedData(data), Options(BackendOption.Parse(cell.Backend), cell.Chains, cell.BurnIn, cell.Samples, plan, cell.NuMove),
            new RunHooks { OverlapHostDraws = cell.Overlap });
        double wall = fit.Elapsed.TotalSeconds;
        double? hostShare = fit.HostScalarTime is { } host ? host.TotalSeconds / wall : null;
        return new BenchResult(cell, wall, Convergence.EssBulk(fit.Mu.ToChainArrays()), Convergence.EssBulk(fit.Sigma2.ToChainArrays()),
            hostShare, memory.MiB, fit.BackendDescription)
        { EssBulkNu = fit.Nu is { } nu ? Convergence.EssBulk(nu.ToChainArrays()) : null };
    }
}
