using System.ComponentModel;
using GreatModel.Cli.Plots;
using GreatModel.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GreatModel.Cli.Commands;

internal sealed class PlotCommand : Command<PlotCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DRAWS>")]
        [Description("Draws written by `greatmodel fit`: one tidy CSV, or the CmdStan CSVs (one per chain, e.g. draws_*.csv).")]
        public string[] Draws { get; init; } = [];

        [CommandOption("--out <DIR>")]
        [Description("Folder for the PNG and SVG files (created if new; its parent must exist).")]
        [DefaultValue(".")]
        public string Out { get; init; } = ".";

        [CommandOption("--true-mu <MU>")]
        [Description("Mark a known true mu on the density plot.")]
        public double? TrueMu { get; init; }

        [CommandOption("--true-sigma2 <SIGMA2>")]
        [Description("Mark a known true sigma2 on the density plot.")]
        public double? TrueSigma2 { get; init; }

        [CommandOption("--true-nu <NU>")]
        [Description("Mark a known true nu on the density plot (draws of a fit with --nu estimate).")]
        public double? TrueNu { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // A run that estimated ν wrote a nu column: it is drawn too.
        var parameters = PosteriorPlots.Parameters(settings.Draws.Length > 0 && DrawsFileReader.HasColumn(settings.Draws[0], "nu"));
        var plan = new OutputPlan().Folder(nameof(settings.Out), settings.Out, parameters);
        foreach (string file in settings.Draws) plan.Input("DRAWS", file);
        plan.Check();
        var draws = DrawsFileReader.Read(settings.Draws, parameters);
        var truth = new Dictionary<string, double>();
        if (settings.TrueMu is { } mu) truth["mu"] = mu;
        if (settings.TrueSigma2 is { } sigma2) truth["sigma2"] = sigma2;
        if (settings.TrueNu is { } nu)
        {
            if (!parameters.Contains("nu"))
                throw new InvalidInputException($"--true-nu {nu.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {settings.Draws[0]} has no nu column (nu was fixed in that fit)");
            truth["nu"] = nu;
        }
        var files = PosteriorPlots.Write(settings.Out, "--out", draws, truth);
        AnsiConsole.MarkupLine(Markup.Escape($"{files.Count} plots written to {settings.Out}"));
        return 0;
    }
}
