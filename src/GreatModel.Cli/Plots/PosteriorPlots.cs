using GreatModel.Files.Draws;
using GreatModel.Files.Durability;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using ScottPlot;

namespace GreatModel.Cli.Plots;

/// <summary>
/// Trace, marginal density and rank plots per parameter (PNG and SVG). Each file is written beside its
/// target and renamed into place, so a plot is either whole or absent.
/// </summary>
internal static class PosteriorPlots
{
    /// <summary>Trace and rank plots draw at most this many chains: more lines are unreadable.</summary>
    private const int MaxChainsDrawn = 16;
    /// <summary>Points the rank ECDF is drawn at (K − 1 of them, at k / K), as ArviZ draws it: fine enough for any run.</summary>
    private const int RankPoints = 100;
    private const int Width = 900, Height = 500;

    /// <summary>The parameters `fit` and `plot` draw: mu and sigma2, and nu when it was estimated.</summary>
    /// <param name="nu">Whether ν was estimated.</param>
    public static string[] Parameters(bool nu) => nu ? ["mu", "sigma2", "nu"] : ["mu", "sigma2"];

    private static readonly string[] Extensions = ["png", "svg"];

    /// <summary>The files <see cref="Write"/> writes into <paramref name="folder"/> for <paramref name="parameters"/>.</summary>
    public static IEnumerable<string> Files(string folder, IEnumerable<string> parameters) =>
        from name in parameters
        from stem in new[] { $"trace_{name}", $"density_{name}", $"rank_{name}", $"trace_density_{name}" }
        from extension in Extensions
        select Path.Combine(folder, $"{stem}.{extension}");

    /// <param name="draws">Per parameter name, draws[chain][draw].</param>
    /// <param name="option">The command-line option that named the folder, for error messages.</param>
    public static IReadOnlyList<string> Write(string folder, string option, IReadOnlyDictionary<string, double[][]> draws,
        IReadOnlyDictionary<string, double>? truth)
    {
        CheckFolder(folder, option);
        Directory.CreateDirectory(folder);
        var files = new List<(string Path, Action<string> Write)>();
        foreach (var (name, chains) in draws)
        {
            double? trueValue = truth is not null && truth.TryGetValue(name, out double t) ? t : null;
            files.AddRange(Targets(Trace(name, chains), folder, $"trace_{name}"));
            files.AddRange(Targets(Density(name, chains, trueValue), folder, $"density_{name}"));
            files.AddRange(Targets(Ranks(name, chains), folder, $"rank_{name}"));
            files.AddRange(Targets(TraceAndDensity(name, chains, trueValue), folder, $"trace_density_{name}"));
        }
        // All plots of a run replace the earlier ones together, or none does (a full disk leaves no mix).
        return WriteSet(files);
    }

    /// <summary>
    /// The plot folder may be new (it is created, like `mkdir`), but its parent must exist: a mistyped
    /// path fails before a long run rather than silently creating a tree of folders after it.
    /// </summary>
    public static void CheckFolder(string folder, string option)
    {
        if (new FileInfo(Path.TrimEndingDirectorySeparator(folder)).LinkTarget is { } target && !Directory.Exists(folder)) // a dangling link read as "a file"
            throw new InvalidInputException($"{option} {folder}: is a link to {target}, which is not a folder");
        if (File.Exists(folder))
            throw new InvalidInputException($"{option} {folder}: this is a file, not a folder");
        if (Directory.Exists(folder)) return;
        string? parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(FilePaths.FullPath(folder))); // `out/` names out
        if (parent is null || !Directory.Exists(parent))
            throw new InvalidInputException($"{option} {folder}: the folder {parent} does not exist");
    }

    private static string Shown(double[][] chains) =>
        chains.Length > MaxChainsDrawn ? $" (first {MaxChainsDrawn} of {chains.Length} chains)" : "";

    /// <summary>
    /// Chain c's colour in every plot: one palette, indexed by the chain alone. Left to ScottPlot, each plot took the next
    /// palette colour per plottable, so the density's histogram took blue and chain 1 was blue in the trace but orange there.
    /// </summary>
    internal static Color ChainColor(int chain) => ChainPalette.GetColor(chain);

    private static readonly ScottPlot.Palettes.Category10 ChainPalette = new();

    internal static Plot Trace(string name, double[][] chains)
    {
        var plot = new Plot();
        for (int c = 0; c < Math.Min(chains.Length, MaxChainsDrawn); c++)
        {
            var line = plot.Add.Signal(chains[c]);
            line.LegendText = $"chain {c + 1}";
            line.LineWidth = 1;
            line.Color = ChainColor(c);
        }
        plot.Title($"trace of {name}{Shown(chains)}");
        plot.XLabel("draw");
        plot.YLabel(name);
        plot.ShowLegend(Edge.Right); // outside the data: a legend over the traces hides draws
        return plot;
    }

    /// <param name="legend">Whether it has its legend (beside a trace that shows the chains' one, it has none).</param>
    internal static Plot Density(string name, double[][] chains, double? trueValue, bool legend = true)
    {
        var all = chains.SelectMany(c => c).ToArray();
        int bins = Math.Clamp((int)Math.Sqrt(all.Length), 10, 80);
        double min = all.Min(), max = all.Max(), width = (max - min) / bins;
        if (width <= 0) width = 1;
        var counts = new double[bins];
        foreach (double v in all) counts[Math.Min(bins - 1, (int)((v - min) / width))]++;
        var centers = Enumerable.Range(0, bins).Select(i => min + ((i + 0.5) * width)).ToArray();
        var density = counts.Select(k => k / (all.Length * width)).ToArray();
        var p = new Plot();
        var bars = p.Add.Bars(centers, density);
        foreach (var bar in bars.Bars)
        {
            bar.Size = width;
            bar.LineWidth = 0;
            bar.FillColor = Colors.Gray.WithAlpha(0.45); // no chain's colour: the pooled draws
        }
        bars.LegendText = $"all chains ({all.Length:N0} draws)";
        // Each chain's own density over the pooled histogram, as ArviZ's plot_trace: chains that disagree show apart.
        var grid = Enumerable.Range(0, ChainDensity.Points).Select(i => min + ((max - min) * i / (ChainDensity.Points - 1))).ToArray();
        for (int c = 0; c < Math.Min(chains.Length, MaxChainsDrawn) && max > min; c++)
        {
            var line = p.Add.ScatterLine(grid, ChainDensity.Estimate(chains[c], grid));
            line.LegendText = $"chain {c + 1}";
            line.LineWidth = 1.5f;
            line.Color = ChainColor(c);
        }
        if (trueValue is { } t)
        {
            var line = p.Add.VerticalLine(t);
            line.LegendText = $"true value {t}";
            line.LineWidth = 2;
            line.Color = Colors.Red;
        }
        p.Title($"marginal posterior of {name}{Shown(chains)}");
        p.XLabel(name);
        p.YLabel("density");
        if (legend) p.ShowLegend(Edge.Right);
        else p.HideLegend();
        return p;
    }

    /// <summary>
    /// Rank plot as an ECDF difference (Vehtari et al. 2021; Säilynoja, Bürkner and Vehtari 2022, as ArviZ draws it): per
    /// chain, F(z) − z of its draws' fractional ranks among all draws, with the 95% simultaneous band of a uniform sample
    /// (<see cref="EcdfBand"/>). Chains that agree stay inside the band along the whole curve; a chain that leaves it
    /// anywhere has not mixed with the others (a per-bin band of a histogram is left somewhere by healthy chains).
    /// </summary>
    internal static Plot Ranks(string name, double[][] chains)
    {
        var all = chains.SelectMany(c => c).ToArray();
        var ranks = MathNet.Numerics.Statistics.Statistics.Ranks(all);
        int draws = chains[0].Length;
        var band = EcdfBand.For(draws, Math.Clamp(draws, 2, RankPoints));
        var plot = new Plot();
        var fill = plot.Add.FillY(band.Points, band.Lower, band.Upper);
        fill.FillColor = Colors.Gray.WithAlpha(0.25);
        fill.LegendText = "95% simultaneous band (chains agree)";
        for (int c = 0, offset = 0; c < chains.Length; offset += chains[c].Length, c++)
        {
            if (c >= MaxChainsDrawn) break;
            var fractional = Enumerable.Range(offset, chains[c].Length).Select(i => ranks[i] / all.Length).ToArray();
            var line = plot.Add.ScatterLine(band.Points, band.Difference(fractional));
            line.LegendText = $"chain {c + 1}";
            line.Color = ChainColor(c);
        }
        var zero = plot.Add.HorizontalLine(0);
        zero.LinePattern = LinePattern.Dashed;
        zero.Color = Colors.Black;
        plot.Title($"rank ECDF difference of {name}{Shown(chains)}");
        plot.XLabel("fractional rank among all draws");
        plot.YLabel("ECDF − uniform");
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Writes <paramref name="plot"/> as stem.png and stem.svg in <paramref name="folder"/>, both or neither; returns their paths.</summary>
    internal static IReadOnlyList<string> Save(Plot plot, string folder, string stem)
    {
        return WriteSet(Targets(plot, folder, stem).ToList());
    }

    private static IReadOnlyList<string> WriteSet(List<(string Path, Action<string> Write)> files)
    {
        AtomicFile.WriteSetToPaths(files);
        return files.Select(f => f.Path).ToList();
    }

    /// <summary>
    /// The density (left) beside the trace (right) in one image, as ArviZ's <c>plot_trace</c> draws a parameter: each chain
    /// in its one colour in both, the legend once, beside the trace.
    /// </summary>
    internal static Multiplot TraceAndDensity(string name, double[][] chains, double? trueValue)
    {
        var density = Density(name, chains, trueValue, legend: false);
        var both = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        both.Reset(density);
        both.AddPlot(Trace(name, chains));
        return both;
    }

    /// <summary>stem.png and stem.svg in <paramref name="folder"/> for a figure of two plots side by side, each twice as wide.</summary>
    private static IEnumerable<(string Path, Action<string> Write)> Targets(Multiplot figure, string folder, string stem) =>
        Extensions.Select(extension => (Path.Combine(folder, $"{stem}.{extension}"), (Action<string>)(temp =>
        {
            if (extension == "png")
            {
                figure.SavePng(temp, 2 * Width, Height);
                return;
            }
            // ScottPlot saves a multiplot as PNG only: its SVG is drawn on SkiaSharp's SVG canvas, as a plot's is.
            using var stream = File.Create(temp);
            using (var canvas = SkiaSharp.SKSvgCanvas.Create(new SkiaSharp.SKRect(0, 0, 2 * Width, Height), stream))
                figure.Render(canvas, new PixelRect(0, 2 * Width, Height, 0));
        })));

    /// <summary>stem.png and stem.svg in <paramref name="folder"/>, each with the writer of its format.</summary>
    private static IEnumerable<(string Path, Action<string> Write)> Targets(Plot plot, string folder, string stem) =>
        Extensions.Select(extension => (Path.Combine(folder, $"{stem}.{extension}"), (Action<string>)(temp =>
        {
            if (extension == "png") plot.SavePng(temp, Width, Height);
            else plot.SaveSvg(temp, Width, Height);
        })));
}
