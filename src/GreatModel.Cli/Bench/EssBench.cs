using System.Diagnostics;
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
/// <c>bench --ess</c> (#27): effective draws per second, the unit users compare samplers in. Per cell — n × ν (fixed at 6,
/// or estimated) × backend — a run with the defaults until every parameter's bulk and tail ESS reach the target
/// (<see cref="SamplerOptions.TargetEss"/>, R̂ ≤ 1.01): the time to get there, burn-in and set-up included (the median of
/// <see cref="TimedRuns"/>' count, after untimed runs of the same cell for <see cref="WarmUp"/>: the JIT's tiers, as Stan's
/// model is compiled beforehand), each parameter's ESS per second, datum-updates/s; beside it Stan's NUTS on
/// the same data in the same run (<see cref="StanBaseline"/>, skipped visibly where rstan is missing) and the ratio of
/// the two times.
/// </summary>
internal static class EssBench
{
    private const int Chains = 4;

    /// <summary>
    /// Untimed runs of a cell go on for this long (one at least): the JIT compiles a method's final code in the background after
    /// 30 calls, so at n = 500 (20 ms a run) the second to the tenth run were up to twice as slow as later ones (measured).
    /// </summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Timed runs per cell, by the length of the last warm-up run; their median is reported. One run on a shared 2-core machine
    /// can swing ±20%, and short ones more (a timer tick, another process): 9 of them under 0.2 s, 5 under 2 s, else 3.
    /// </summary>
    private static int TimedRuns(double seconds) => seconds < 0.2 ? 9 : seconds < 2 ? 5 : 3;

    public static IReadOnlyList<string> Run(IReadOnlyList<Backend> backends, bool quick, bool withStan, string folder, string workFolder,
        IReadOnlyList<string> machine, string command, Action<string> report)
    {
        int target = quick ? 200 : 1000;
        int[] sizes = quick ? [500] : [500, 10_000, 100_000];
        double?[] nus = [ExampleData.Nu, null];
        string stanMissing = "left out (--no-stan)";
        var stan = withStan ? StanBaseline.Find(workFolder, out stanMissing) : null;
        report(stan is null ? $"stan: skipped, {stanMissing}" : $"stan: rstan {stan.Version}, {Environment.ProcessorCount} cores");
        var rows = new List<string>();
        var csv = new StringBuilder("n,nu,sampler,seconds_to_target,target,draws_per_chain,burn_in,ess_bulk_mu,ess_tail_mu,ess_bulk_sigma2,ess_tail_sigma2,ess_bulk_nu,ess_tail_nu," +
            "ess_per_s_mu,ess_per_s_sigma2,ess_per_s_nu,datum_updates_per_s,stan_seconds_to_target,stan_over_this,note\n");
        var stanLines = new StringBuilder();
        void Row(string line)
        {
            rows.Add(line);
            report(line);
        }
        foreach (int n in sizes)
        {
            var data = Simulation.StudentT(n, ExampleData.Nu, ExampleData.TrueMu, ExampleData.TrueSigma2, BenchPlan.Seed);
            foreach (var nu in nus)
            {
                string nuName = nu is { } v ? v.ToString(CultureInfo.InvariantCulture) : "estimated";
                StanResult? stanRun = null;
                if (stan is not null)
                {
                    try
                    {
                        stanRun = stan.Run(data, nu, Environment.ProcessorCount, BenchPlan.Seed, workFolder);
                        stanLines.Append(CultureInfo.InvariantCulture, $"{{\"n\": {n}, \"nu\": \"{nuName}\", \"result\": {stanRun.Raw}}}\n");
                        string extrapolated = stanRun.Extrapolated(target) ? " (extrapolated: its ESS fell short)" : "";
                        Row(string.Create(CultureInfo.InvariantCulture,
                            $"| {n} | {nuName} | stan (NUTS, rstan {stan.Version}) | {stanRun.SecondsToEss(target):F3}{extrapolated} | 1000 + 1000 | " +
                            $"{Ess(stanRun, "mu")} | {Ess(stanRun, "sigma2")} | {Ess(stanRun, "nu")} | | 1 | chains' time on {stanRun.Cores} cores; the sampling() call took {stanRun.WallSeconds:F1} s (R's workers starting), compiling {stanRun.CompileSeconds:F0} s apart |"));
                        csv.Append(CultureInfo.InvariantCulture, $"{n},{nuName},stan,{stanRun.SecondsToEss(target):R},{target},{stanRun.Draws / Chains},1000,")
                           .Append(EssColumns(stanRun.Ess.ToDictionary(e => e.Key, e => (e.Value.Bulk, e.Value.Tail)), stanRun.EssPerSecond))
                           .Append(CultureInfo.InvariantCulture, $",,{stanRun.SecondsToEss(target):R},1,wall {stanRun.WallSeconds:R} s compile {stanRun.CompileSeconds:R} s\n");
                    }
                    catch (InvalidOperationException e)
                    {
                        Row($"| {n} | {nuName} | stan | failed: {e.Message.ReplaceLineEndings(" ")} | | | | | | | |");
                    }
                }
                foreach (var backend in backends)
                {
                    string name = BackendRegistry.NameOf(backend);
                    var options = new SamplerOptions
                    {
                        Chains = Chains,
                        Samples = SamplerOptions.DefaultTargetMaxSamples,
                        TargetEss = target,
                        Seed = BenchPlan.Seed,
                        Backend = backend,
                        Nu = nu ?? SamplerOptions.DefaultNu,
                        EstimateNu = nu is null,
                    };
                    try
                    {
                        // Warm: whole untimed runs (the JIT's tiers, the kernels, the thread pool), as Stan's model is compiled before it is timed.
                        var warm = Stopwatch.StartNew();
                        double last;
                        do
                        {
                            var run = Stopwatch.StartNew();
                            Sampler.Run(data, options);
                            last = run.Elapsed.TotalSeconds;
                        }
                        while (warm.Elapsed < WarmUp);
                        var runs = new List<(double Seconds, Posterior Fit)>();
                        for (int r = 0; r < TimedRuns(last); r++)
                        {
                            var clock = Stopwatch.StartNew();
                            var fit = Sampler.Run(data, options);
                            runs.Add((clock.Elapsed.TotalSeconds, fit));
                        }
                        var (seconds, median) = runs.OrderBy(r => r.Seconds).ElementAt(runs.Count / 2);
                        var ess = Summaries(median);
                        double? ratio = stanRun is null ? null : stanRun.SecondsToEss(target) / seconds;
                        string reached = median.TargetReached == true ? "" : " (not reached)";
                        Row(string.Create(CultureInfo.InvariantCulture,
                            $"| {n} | {nuName} | greatmodel {name} | {seconds:F3}{reached} | {options.BurnIn} + {median.DrawsPerChain} | {Ess(ess, "mu", seconds)} | {Ess(ess, "sigma2", seconds)} | {Ess(ess, "nu", seconds)} | " +
                            $"{median.DatumUpdatesPerSecond / 1e6:F1} | {(ratio is { } x ? x.ToString("F1", CultureInfo.InvariantCulture) : "")} | range {runs.Min(r => r.Seconds):F3}–{runs.Max(r => r.Seconds):F3} s |"));
                        csv.Append(CultureInfo.InvariantCulture, $"{n},{nuName},greatmodel {name},{seconds:R},{target},{median.DrawsPerChain},{options.BurnIn},")
                           .Append(EssColumns(ess, p => ess[p].Bulk / seconds))
                           .Append(CultureInfo.InvariantCulture, $",{median.DatumUpdatesPerSecond:R},{stanRun?.SecondsToEss(target).ToString("R", CultureInfo.InvariantCulture)},{ratio?.ToString("R", CultureInfo.InvariantCulture)},{median.BackendDescription}\n");
                    }
                    catch (BackendUnavailableException e)
                    {
                        Row($"| {n} | {nuName} | greatmodel {name} | not available: {e.Reason} | | | | | | | |");
                    }
                }
            }
        }
        Directory.CreateDirectory(folder);
        var md = new StringBuilder("# Effective draws per second (bench --ess)\n\n");
        foreach (string line in machine) md.Append("- ").Append(line).Append('\n');
        md.Append(CultureInfo.InvariantCulture, $"\nCommand: `{command}`. Data: n values simulated from t_6(−3.14, 30); {Chains} chains, defaults otherwise. ")
          .Append(CultureInfo.InvariantCulture, $"\"time to ESS ≥ {target}\" is the wall time of a run until every parameter's bulk and tail ESS reach {target} with R̂ ≤ 1.01 ")
          .Append(CultureInfo.InvariantCulture, $"(`fit --ess {target}`), burn-in and set-up included, after a second of untimed runs, the median of 9 runs (under 0.2 s), 5 (under 2 s) or 3 (range in the last column). ")
          .Append("ESS/s are bulk ESS over that time (bulk / tail ESS in brackets). For Stan, the chains' own warm-up and sampling time, spread over the cores, ")
          .Append("to the draws that reach the target (R's worker start-up and the compile time left out); `stan ÷ this` is Stan's time over ours.\n\n")
          .Append(CultureInfo.InvariantCulture, $"| n | ν | sampler | time to ESS ≥ {target} (s) | burn-in + draws per chain | ESS/s μ (bulk / tail ESS) | ESS/s σ² | ESS/s ν | M datum-updates/s | stan ÷ this | note |\n")
          .Append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (string row in rows.Where(r => r.StartsWith('|'))) md.Append(row).Append('\n');
        if (stan is null) md.Append(CultureInfo.InvariantCulture, $"\nStan: {stanMissing}.\n");
        string mdPath = Path.Combine(folder, "ess.md"), csvPath = Path.Combine(folder, "ess.csv");
        AtomicFile.Write(mdPath, w => w.Write(md.ToString()));
        AtomicFile.Write(csvPath, w => w.Write(csv.ToString()));
        var written = new List<string> { mdPath, csvPath };
        if (stanLines.Length > 0)
        {
            string stanPath = Path.Combine(folder, "stan.jsonl");
            AtomicFile.Write(stanPath, w => w.Write(stanLines.ToString()));
            written.Add(stanPath);
        }
        return written;
    }

    /// <summary>The CSV's ESS columns: bulk and tail ESS of μ, σ², ν, then their ESS/s (empty where a parameter is not there).</summary>
    private static string EssColumns(IReadOnlyDictionary<string, (double Bulk, double Tail)> ess, Func<string, double> perSecond)
    {
        string[] names = ["mu", "sigma2", "nu"];
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        return string.Join(',', names.Select(p => ess.TryGetValue(p, out var e) ? $"{F(e.Bulk)},{F(e.Tail)}" : ","))
            + "," + string.Join(',', names.Select(p => ess.ContainsKey(p) ? F(perSecond(p)) : ""));
    }

    /// <summary>Bulk and tail ESS of each parameter of interest.</summary>
    private static Dictionary<string, (double Bulk, double Tail)> Summaries(Posterior fit) =>
        new[] { fit.Mu, fit.Sigma2, fit.Nu }.OfType<ParameterDraws>().ToDictionary(p => p.Name, p =>
        {
            var chains = p.ToChainArrays();
            return (Convergence.EssBulk(chains), Convergence.EssTail(chains));
        });

    private static string Ess(Dictionary<string, (double Bulk, double Tail)> ess, string name, double seconds) =>
        ess.TryGetValue(name, out var e) ? string.Create(CultureInfo.InvariantCulture, $"{e.Bulk / seconds:F0} ({e.Bulk:F0} / {e.Tail:F0})") : "";

    private static string Ess(StanResult stan, string name) =>
        stan.Ess.TryGetValue(name, out var e) ? string.Create(CultureInfo.InvariantCulture, $"{stan.EssPerSecond(name):F0} ({e.Bulk:F0} / {e.Tail:F0})") : "";
}
