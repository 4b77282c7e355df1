using System.Globalization;
using GreatModel.Backends;
using GreatModel.Cli.Bench;
using GreatModel.Cli.Plots;
using Spectre.Console;
using GreatModel.Cli.Parsing;

namespace GreatModel.Cli.Commands;

internal sealed class BenchCommand : CliCommand<BenchCommand.Settings>
{
    /// <summary>The values of <see cref="OptionTable.Bench"/>'s rows (each property's option, default and help are there).</summary>
    public sealed class Settings : CommandSettings
    {
        public string Out { get; init; } = "";

        public string? Backends { get; init; }

        public double CellSeconds { get; init; }

        public bool NoNumPy { get; init; }

        public bool NoStan { get; init; }

        public bool NoPeer { get; init; }

        public string Precision { get; init; } = "";

        public string Nu { get; init; } = "";

        public bool Groups { get; init; }

        public bool Ess { get; init; }

        public bool Quick { get; init; }
    }

    /// <summary>Where bench writes without --out outside a checkout of the repository (no benchmarks/results folder here).</summary>
    private const string DefaultOutsideACheckout = "greatmodel-bench";

    public override int Execute(Settings settings, CancellationToken cancellationToken)
    {
        // The one output set: the files this plan writes, checked as every command's outputs are, and the folder claimed so a
        // second bench into it is refused while this one runs.
        string[] outputs = settings.Ess ? ["ess.md", "ess.csv", "stan.jsonl"]
            : settings.Groups ? ["groups.md", "groups.csv"]
            : ["bench.md", "bench.csv", "bench_throughput.png", "bench_throughput.svg"];
        if (!(settings.CellSeconds > 0))
            throw new InvalidInputException($"--cell-seconds {settings.CellSeconds.ToString(CultureInfo.InvariantCulture)}: must be positive");
        var backends = settings.Backends is null
            ? BackendRegistry.All.Select(b => b.Id).ToList()
            : settings.Backends.Split(',', StringSplitOptions.TrimEntries)
                // An empty name (",,", "cpu,") is a slip, not "no backend": a bench of the baselines alone was run for it.
                .Select(name => name.Length > 0 ? BackendOption.Parse(name, "--backends", autoAllowed: false)
                    : throw new InvalidInputException($"--backends {settings.Backends}: an empty backend name (give names separated by commas, e.g. cpu-fast,cpu)"))
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
            // bench --ess has its own plan (n, ν fixed and estimated, double precision): other plans' options would be ignored,
            // so each is refused when given at all, its default value included (--nu 6 is as ignored as --nu 3).
            (string Flag, bool Given)[] ignored = [("--groups", settings.Groups), ("--nu", settings.Given.Contains("--nu")), ("--precision", settings.Given.Contains("--precision")),
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

        // The output folder after the options, so that a mistyped option is told first. Without --out the results go to
        // the repository's benchmarks/results/latest in a checkout, and to ./greatmodel-bench anywhere else (the installed tool).
        string outFolder = settings.Given.Contains("--out") || Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(settings.Out)))
            ? settings.Out : DefaultOutsideACheckout;
        new OutputPlan().OutputFolder(nameof(settings.Out), outFolder, outputs).Check();
        // A signal ends the bench at once, saying so, with the claim on the folder released (no lock file left beside it).
        using var signals = new StopSignals(cancellationToken);
        signals.EndAtOnce($"the bench was cut short; its report in {outFolder} was not written");
        var machine = MachineInfo.Describe();
        foreach (string line in machine) AnsiConsole.MarkupLine(Markup.Escape(line));
        if (settings.Groups)
        {
            StartupWarmUp.Wait();
            string groupsCommand = $"greatmodel bench --groups --backends {string.Join(',', backends.Select(BackendRegistry.NameOf))} --out {outFolder}";
            var written = GroupBench.Run(backends, outFolder, machine, groupsCommand, line => AnsiConsole.MarkupLine(Markup.Escape(line)));
            AnsiConsole.MarkupLine(Markup.Escape($"written: {string.Join(", ", written)}"));
            return 0;
        }
        string work = Directory.CreateTempSubdirectory("greatmodel-bench-").FullName;
        try
        {
            StartupWarmUp.Wait();
            if (settings.Ess)
            {
                string essCommand = $"greatmodel bench --ess{(settings.Quick ? " --quick" : "")}{(settings.NoStan ? " --no-stan" : "")} --backends {string.Join(',', backends.Select(BackendRegistry.NameOf))} --out {outFolder}";
                var essFiles = EssBench.Run(backends, settings.Quick, !settings.NoStan, outFolder, work, machine, essCommand, line => AnsiConsole.MarkupLine(Markup.Escape(line)));
                AnsiConsole.MarkupLine(Markup.Escape($"written: {string.Join(", ", essFiles)}"));
                return 0;
            }
            var results = BenchmarkHarness.Run(plan, work, r => AnsiConsole.MarkupLine(Markup.Escape(Line(r))));
            string command = "greatmodel bench" + (settings.Quick ? " --quick" : "") + string.Create(CultureInfo.InvariantCulture,
                $" --backends {string.Join(',', backends.Select(BackendRegistry.NameOf))} --cell-seconds {settings.CellSeconds}") + (settings.NoNumPy ? " --no-numpy" : "") + (settings.NoPeer ? " --no-peer" : "")
                + (precision == GreatModel.Precision.Single ? " --precision single" : "") + (settings.Nu != "6" ? $" --nu {settings.Nu}" : "") + $" --out {outFolder}";
            var files = BenchReport.Write(outFolder, results, machine, command);
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
