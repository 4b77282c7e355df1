using GreatModel.Cli.Plots;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using Spectre.Console;
using GreatModel.Cli.Parsing;

namespace GreatModel.Cli.Commands;

internal sealed class PlotCommand : CliCommand<PlotCommand.Settings>
{
    /// <summary>The values of <see cref="OptionTable.Plot"/>'s rows (each property's option, default and help are there).</summary>
    public sealed class Settings : CommandSettings
    {
        public string[] Draws { get; init; } = [];

        public string Out { get; init; } = "";

        public double? TrueMu { get; init; }

        public double? TrueSigma2 { get; init; }

        public double? TrueNu { get; init; }

        public string? Group { get; init; }
    }

    public override int Execute(Settings settings, CancellationToken cancellationToken)
    {
        // A run that estimated ν wrote a nu column: it is drawn too.
        var parameters = PosteriorPlots.Parameters(settings.Draws.Length > 0 && DrawsFileReader.HasColumn(settings.Draws[0], "nu"));
        var plan = new OutputPlan().Folder(nameof(settings.Out), settings.Out, parameters);
        foreach (string file in settings.Draws) plan.Input("DRAWS", file);
        plan.Check();
        var truth = new Dictionary<string, double>();
        // A mark the plot cannot place is refused, as fit and simulate refuse such values (a σ² of -1 was drawn as a line).
        foreach (var (name, flag, value) in new[] { ("mu", "--true-mu", settings.TrueMu), ("sigma2", "--true-sigma2", settings.TrueSigma2), ("nu", "--true-nu", settings.TrueNu) })
        {
            if (value is not { } v) continue;
            string shown = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!double.IsFinite(v) || (name != "mu" && !(v > 0)))
                throw new InvalidInputException($"{flag} {shown}: must be a finite number{(name == "mu" ? "" : " > 0")}");
            if (name == "nu" && !parameters.Contains("nu"))
                throw new InvalidInputException($"{flag} {shown}: {settings.Draws[0]} has no nu column (nu was fixed in that fit)");
            truth[name] = v;
        }
        if (settings.Group is null && settings.Draws.Length == 1 && DrawsFileReader.HasColumn(settings.Draws[0], "group"))
            throw new InvalidInputException($"{settings.Draws[0]}: a grouped run's draws (a group column): each group is its own posterior; name one with --group LABEL");
        var draws = settings.Group is null ? DrawsFileReader.Read(settings.Draws, parameters) : GroupDraws(settings, parameters);
        var files = PosteriorPlots.Write(settings.Out, "--out", draws, truth);
        AnsiConsole.MarkupLine(Markup.Escape($"{files.Count} plots written to {settings.Out}"));
        return 0;
    }

    /// <summary>One group's draws from a grouped run's tidy file (<c>--group</c>), naming the groups there when it is not one of them.</summary>
    private static IReadOnlyDictionary<string, double[][]> GroupDraws(Settings settings, string[] parameters)
    {
        if (settings.Draws.Length != 1)
            throw new InvalidInputException($"--group {settings.Group}: reads one grouped run's tidy file ({settings.Draws.Length} files were given)");
        var groups = DrawsFileReader.ReadGrouped(settings.Draws[0], parameters);
        return groups.FirstOrDefault(g => g.Key == settings.Group).Value
            ?? throw new InvalidInputException($"--group {DisplayText.Printable(settings.Group)}: no such group in {settings.Draws[0]} (groups: " +
                $"{DisplayText.Printable(string.Join(", ", groups.Take(10).Select(g => g.Key)))}{(groups.Count > 10 ? $", … {groups.Count} in all" : "")})");
    }
}
