using System.ComponentModel;
using System.Globalization;
using GreatModel.Backends;
using GreatModel.Cli.Bench;
using GreatModel.Cli.Plots;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GreatModel.Cli.Commands;

internal sealed class BenchCommand : Command<BenchCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--out <DIR>")]
        [Description("Folder for bench.md, bench.csv and bench_throughput.png/.svg (created if new; its parent must exist).")]
        [DefaultValue("benchmarks/results/latest")]
        public string Out { get; init; } = "benchmarks/results/latest";

        [CommandOption("--backends <LIST>")]
        [Description("Comma-separated backends to measure (names under BACKENDS below). Default: every backend; unavailable ones are reported and skipped.")]
        public string? Backends { get; init; }

        [CommandOption("--cell-seconds <S>")]
        [Description("Skip a grid cell whose predicted wall time exceeds this.")]
        [DefaultValue(20.0)]
        public double CellSeconds { get; init; } = 20;

        [CommandOption("--no-numpy")]
        [Description("Leave out the NumPy baseline.")]
        public bool NoNumPy { get; init; }

        [CommandOption("--no-stan")]
        [Description("With --ess: leave out Stan (rstan compiles its model for about a minute first).")]
        public bool NoStan { get; init; }

        [CommandOption("--no-peer")]
        [Description("Leave out the compiled peer (the talk's sampler in Rust, built with the rustc found here).")]
        public bool NoPeer { get; init; }

        [CommandOption("--precision <PRECISION>")]
        [Description("double, or single: the kernel backends with single-precision chi-square variates (others are skipped, saying so).")]
        [DefaultValue("double")]
        public string Precision { get; init; } = "double";

        [CommandOption("--nu <NU>")]
        [Description("nu of every cell: a number (fixed; default 6, the data's), or 'estimate' (nu a parameter; the talk's workload then runs both moves of nu and nu | U alone, side by side; the baselines are skipped).")]
        [DefaultValue("6")]
        public string Nu { get; init; } = "6";

        [CommandOption("--groups")]
        [Description("Instead of the grid: many data sets in one run (10^4 groups × 100, 10^3 × 1000, 500 ragged groups of 2-10^4; 4 chains) against one data set of the same total size, per backend (groups.md, groups.csv).")]
        public bool Groups { get; init; }

        [CommandOption("--ess")]
        [Description("Instead of the grid: time to ESS >= 1000 on every parameter (a run until enough, warm-up included), ESS/s of each parameter and datum-updates/s, for n = 500, 10^4, 10^5 with nu fixed (6) and estimated, per backend, beside Stan's NUTS (rstan, 4 chains in parallel; skipped where Rscript with rstan is missing) (ess.md, ess.csv).")]
        public bool Ess { get; init; }

        [CommandOption("--quick")]
        [Description("A small plan (talk workload 100 + 100 sweeps, grid 1-16 chains × 500-10^4 data) to check the set-up.")]
        public bool Quick { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // The one output set: the files this plan writes, checked as every command's outputs are, and the folder claimed so a
        // second bench into it is refused while this one runs.
        string[] outputs = settings.Ess ? ["ess.md", "ess.csv", "stan.jsonl"]
            : settings.Groups ? ["groups.md", "groups.csv"]
            : ["bench.md", "bench.csv", "bench_throughput.png", "bench_throughput.svg"];
        new OutputPlan().OutputFolder(nameof(settings.Out), settings.Out, outputs).Check();
        if (!(settings.CellSeconds > 0))
            throw new InvalidInputException($"--cell-seconds {settings.CellSeconds.ToString(CultureInfo.InvariantCulture)}: must be positive");
        var backends = settings.Backends is null
            ? BackendRegistry.All.Select(b => b.Id).ToList()
            : settings.Backends.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(name => BackendOption.Parse(name, "--backends", autoAllowed: false))
                .Distinct()
                .ToList();
        var precision = PrecisionOption.Parse(settings.Precision);
        if (precision == GreatModel.Precision.Single && !backends.Any(b => BackendRegistry.Get(b).RunsKernels))
            throw new InvalidInputException($"--precision single: none of the backends given runs it (the kernel backends do: {string.Join(", ", BackendRegistry.All.Where(b => b.RunsKernels).Select(b => b.Name))})");
        var plan = (settings.Quick
            ? BenchPlan.Quick(backends, !settings.NoNumPy, !settings.NoPeer, settings.CellSeconds)
            : BenchPlan.Full(backends, !settings.NoNumPy, !settings.NoPeer, settings.CellSeconds)) with
        { Precision = precision };
        var nu = NuOptions.Apply(settings.Nu, new NuOptions.EstimateOnly(null, null, null, null, null), new SamplerOptions { Precision = precision });
        nu.Validate(); // a fixed ν out of range, or single precision with ν estimated, is refused before anything runs
        plan = plan with { Nu = nu.Nu, EstimateNu = nu.EstimateNu };

        if (settings.Ess)
        {
            // bench --ess has its own plan (n, ν fixed and estimated, double precision): other plans' options would be ignored.
            (string Flag, bool Given)[] ignored = [("--groups", settings.Groups), ("--nu", settings.Nu != "6"), ("--precision", precision != GreatModel.Precision.Double),
                ("--no-numpy", settings.NoNumPy), ("--no-peer", settings.NoPeer)];
            foreach (var (flag, given) in ignored)
            {
                if (given) throw new InvalidInputException($"{flag}: not with --ess (its plan runs ν fixed and estimated, in double precision, against Stan)");
            }
        }
        else if (settings.NoStan)
        {
            throw new InvalidInputException("--no-stan: needs --ess (Stan runs only in that plan)");
        }
        var machine = MachineInfo.Describe();
        foreach (string line in machine) AnsiConsole.MarkupLine(Markup.Escape(line));
        if (settings.Groups)
        {
            StartupWarmUp.Wait();
            string groupsCommand = $"greatmodel bench --groups --backends {string.Join(',', backends.Select(BackendRegistry.NameOf))} --out {settings.Out}";
            var written = GroupBench.Run(backends, settings.Out, machine, groupsCommand, line => AnsiConsole.MarkupLine(Markup.Escape(line)));
            AnsiConsole.MarkupLine(Markup.Escape($"written: {string.Join(", ", written)}"));
            return 0;
        }
        string work = Directory.CreateTempSubdirectory("greatmodel-bench-").FullName;
        try
        {
            StartupWarmUp.Wait();
            if (settings.Ess)
            {
                string essCommand = $"greatmodel bench --ess{(settings.Quick ? " --quick" : "")}{(settings.NoStan ? " --no-stan" : "")} --backends {string.Join(',', backends.Select(BackendRegistry.NameOf))} --out {settings.Out}";
                var essFiles = EssBench.Run(backends, settings.Quick, !settings.NoStan, settings.Out, work, machine, essCommand, line => AnsiConsole.MarkupLine(Markup.Escape(line)));
                AnsiConsole.MarkupLine(Markup.Escape($"written: {string.Join(", ", essFiles)}"));
                return 0;
            }
            var results = BenchmarkHarness.Run(plan, work, r => AnsiConsole.MarkupLine(Markup.Escape(Line(r))));
            string command = "greatmodel bench" + (settings.Quick ? " --quick" : "") + string.Create(CultureInfo.InvariantCulture,
                $" --backends {string.Join(',', backends.Select(BackendRegistry.NameOf))} --cell-seconds {settings.CellSeconds}") + (settings.NoNumPy ? " --no-numpy" : "") + (settings.NoPeer ? " --no-peer" : "")
                + (precision == GreatModel.Precision.Single ? " --precision single" : "") + (settings.Nu != "6" ? $" --nu {settings.Nu}" : "") + $" --out {settings.Out}";
            var files = BenchReport.Write(settings.Out, results, machine, command);
            AnsiConsole.MarkupLine(Markup.Escape($"written: {string.Join(", ", files)}"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return 0;
    }

    private static string Line(BenchResult r) => r.Measured
        ? string.Create(CultureInfo.InvariantCulture,
            $"{r.Cell.Workload,-4} {r.Cell.Backend,-10} {r.Cell.Chains,5} chains × n {r.Cell.N,8}: {r.WallSeconds,9:F3} s, {r.DatumUpdatesPerSecond / 1e6,9:F1} M datum-updates/s, ESS/s mu {r.EssPerSecondMu,9:F0}")
            + (r.Cell.NuMove is null ? "" : string.Create(CultureInfo.InvariantCulture, $", ESS/s nu {r.EssPerSecondNu,7:F0} (nu moves: {r.Cell.NuMove})"))
        : $"{r.Cell.Workload,-4} {r.Cell.Backend,-10} {r.Cell.Chains,5} chains × n {r.Cell.N,8}: {r.Note}";
}
