using System.ComponentModel;
using System.Globalization;
using GreatModel.Data;
using GreatModel.Diagnostics;
using GreatModel.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GreatModel.Cli.Commands;

internal sealed class FitCommand : Command<FitCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--data <FILE>")]
        [Description("Observations: CSV or text, one numeric column (or see --column). Default: the built-in example.")]
        public string? Data { get; init; }

        [CommandOption("--column <NAME>")]
        [Description("Column to read from a CSV with a header.")]
        public string? Column { get; init; }

        [CommandOption("--nu <NU>")]
        [Description("Degrees of freedom of the t likelihood (> 0).")]
        [DefaultValue(6.0)]
        public double Nu { get; init; } = 6;

        [CommandOption("--chains <N>")]
        [DefaultValue(4)]
        public int Chains { get; init; } = 4;

        [CommandOption("--burn-in <N>")]
        [Description("Sweeps discarded before recording.")]
        [DefaultValue(2000)]
        public int BurnIn { get; init; } = 2000;

        [CommandOption("--samples <N>")]
        [Description("Recorded draws per chain.")]
        [DefaultValue(2000)]
        public int Samples { get; init; } = 2000;

        [CommandOption("--thin <N>")]
        [Description("Sweeps per recorded draw.")]
        [DefaultValue(1)]
        public int Thin { get; init; } = 1;

        [CommandOption("--seed <N>")]
        [Description("Seed (0 .. 2^64-1). Default: a fresh one, printed so the run can be repeated.")]
        public ulong? Seed { get; init; }

        [CommandOption("--backend <NAME>")]
        [Description("auto|cuda|opencl|ilgpu-cpu|cpu|reference. auto: CUDA, then OpenCL, then cpu.")]
        [DefaultValue("auto")]
        public string Backend { get; init; } = "auto";

        [CommandOption("--summary <FILE>")]
        [Description("Also write the summary (mean, sd, quantiles, HDI, MCSE, ESS, R-hat) as JSON.")]
        public string? Summary { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("Draws as tidy CSV (chain,draw,mu,sigma2,alpha2,tau2).")]
        [DefaultValue("draws.csv")]
        public string Out { get; init; } = "draws.csv";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = new SamplerOptions
        {
            Nu = settings.Nu,
            Chains = settings.Chains,
            BurnIn = settings.BurnIn,
            Samples = settings.Samples,
            Thin = settings.Thin,
            Seed = settings.Seed,
            Backend = BackendNames.Parse(settings.Backend),
        };
        options.Validate();
        AtomicFile.CheckWritable(settings.Out);
        if (settings.Summary is not null) AtomicFile.CheckWritable(settings.Summary);
        bool example = settings.Data is null;
        ObservedData data = example ? ExampleData.Load() : DataFileReader.Read(settings.Data!, settings.Column);

        var fit = Sampler.Run(data, options, cancellationToken);
        DrawsCsvWriter.Write(settings.Out, fit);

        var console = AnsiConsole.Console;
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{data.Source}: n = {data.Count}; nu = {options.Nu}; {options.Chains} chains × {options.Samples} draws (burn-in {options.BurnIn}, thin {options.Thin}); seed {fit.Seed}")));
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"backend {fit.BackendName}: {fit.Elapsed.TotalSeconds:F2} s, {fit.DatumUpdatesPerSecond / 1e6:F1} M datum-updates/s")));
        var summary = fit.Summarize();
        if (settings.Summary is not null) SummaryJson.Write(settings.Summary, summary);
        console.Write(SummaryTable.Build(summary, example ? new Dictionary<string, double>
        {
            ["mu"] = ExampleData.TrueMu,
            ["sigma2"] = ExampleData.TrueSigma2,
        } : null));
        foreach (string warning in summary.SelectMany(r => r.Warnings()))
            Console.Error.WriteLine($"warning: {warning}");
        console.MarkupLine(Markup.Escape($"draws written to {settings.Out}" + (settings.Summary is null ? "" : $", summary to {settings.Summary}")));
        return 0;
    }
}
