using System.Diagnostics;
using System.Globalization;
using GreatModel.Diagnostics;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GreatModel.Cli.Commands;

/// <summary>
/// The posterior summary as a text table. Compact (the default) fits <see cref="CompactWidth"/> columns
/// whatever the values: parameter, mean, sd, 5%, 95%, ess_bulk, ess_tail, r_hat (and the true value when
/// known), numbers to 4 significant digits, fewer only where that is what it takes to fit. Wide has every
/// column of <see cref="ParameterSummary"/>. Cells never wrap: a number is never split across lines.
/// </summary>
internal static class SummaryTable
{
    /// <summary>The widest the compact table ever is.</summary>
    public const int CompactWidth = 80;

    /// <summary>Significant digits of the numbers (the compact table drops to fewer only to fit).</summary>
    private const int Digits = 4;

    /// <summary>
    /// Computes and renders a summary of made-up draws on a thread-pool thread, so that the code of the real one
    /// (diagnostics, FFTs, the table) is compiled while the chains run (a fresh process otherwise spent ~30 ms
    /// on it after sampling, measured). Nothing is written.
    /// </summary>
    public static Task WarmUp() => Task.Run(() =>
    {
        var chains = new[] { Enumerable.Range(0, 64).Select(i => Math.Sin(i * 0.7)).ToArray(), Enumerable.Range(0, 64).Select(i => Math.Cos(i * 0.3)).ToArray() };
        Render([ParameterSummary.Of("mu", chains), ParameterSummary.Of("sigma2", chains)], null, wide: false);
    });

    /// <summary>The table as text, each line ending in a line break, for writing as it is (never re-wrapped to a console).</summary>
    public static string Render(IReadOnlyList<ParameterSummary> rows, IReadOnlyDictionary<string, double>? truth, bool wide)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (wide) return Write(Grid(rows, truth, wide: true, Digits), gap: null);
        (int Digits, int Gap)[] attempts = [(Digits, 2), (3, 2), (2, 2), (1, 2), (1, 1)]; // at 1 digit and a gap of 1 it fits
        foreach (var (digits, gap) in attempts)
        {
            var grid = Grid(rows, truth, wide: false, digits);
            if (Width(grid, gap) <= CompactWidth || (digits, gap) == attempts[^1]) return Write(grid, gap);
        }
        throw new UnreachableException();
    }

    /// <summary>Header and cells of every row.</summary>
    private static List<string[]> Grid(IReadOnlyList<ParameterSummary> rows, IReadOnlyDictionary<string, double>? truth, bool wide, int digits)
    {
        string N(double v) => Number(v, digits);
        string[] header = wide
            ? ["parameter", "mean", "sd", "5%", "50%", "95%", "hdi_3%", "hdi_97%", "mcse_mean", "mcse_sd", "ess_bulk", "ess_tail", "r_hat"]
            : ["parameter", "mean", "sd", "5%", "95%", "ess_bulk", "ess_tail", "r_hat"];
        var grid = new List<string[]> { truth is null ? header : [.. header, "true"] };
        foreach (var r in rows)
        {
            // A moment the posterior does not have (too few data): a dash, never a number that estimates nothing.
            string M(double v) => r.MomentsNote is not null && double.IsNaN(v) ? "—" : N(v);
            string[] cells = wide
                ? [r.Name, M(r.Mean), M(r.Sd), N(r.Q05), N(r.Q50), N(r.Q95), N(r.Hdi3), N(r.Hdi97), M(r.McseMean), M(r.McseSd), Ess(r.EssBulk, digits), Ess(r.EssTail, digits), Rhat(r.Rhat, digits)]
                : [r.Name, M(r.Mean), M(r.Sd), N(r.Q05), N(r.Q95), Ess(r.EssBulk, digits), Ess(r.EssTail, digits), Rhat(r.Rhat, digits)];
            grid.Add(truth is null ? cells : [.. cells, truth.TryGetValue(r.Name, out double t) ? N(t) : ""]);
        }
        return grid;
    }

    /// <summary>The borderless table's width with <paramref name="gap"/> spaces between columns.</summary>
    private static int Width(List<string[]> grid, int gap) =>
        Enumerable.Range(0, grid[0].Length).Sum(c => grid.Max(row => row[c].Length)) + (gap * (grid[0].Length - 1));

    /// <summary>A borderless grid with <paramref name="gap"/> spaces between columns, or a table with rounded borders when it is null.</summary>
    private static string Write(List<string[]> grid, int? gap)
    {
        IRenderable table;
        if (gap is { } spaces)
        {
            var borderless = new Grid();
            for (int c = 0; c < grid[0].Length; c++)
            {
                var column = new GridColumn().NoWrap().PadLeft(c == 0 ? 0 : spaces).PadRight(0);
                borderless.AddColumn(c == 0 ? column.LeftAligned() : column.RightAligned());
            }
            foreach (var row in grid) borderless.AddRow(row.Select(Markup.Escape).ToArray());
            table = borderless;
        }
        else
        {
            var bordered = new Table().Border(TableBorder.Rounded);
            for (int c = 0; c < grid[0].Length; c++)
            {
                var column = new TableColumn(Markup.Escape(grid[0][c])).NoWrap();
                bordered.AddColumn(c == 0 ? column.LeftAligned() : column.RightAligned());
            }
            foreach (var row in grid.Skip(1)) bordered.AddRow(row.Select(Markup.Escape).ToArray());
            table = bordered;
        }

        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(text),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 10_000; // the table's own width: never wrapped here
        console.Profile.Capabilities.Unicode = AnsiConsole.Profile.Capabilities.Unicode; // box drawing only where the real output has it
        console.Write(table);
        return string.Join('\n', text.ToString().Split('\n').Select(line => line.TrimEnd())).TrimEnd('\n') + "\n";
    }

    /// <summary>
    /// <paramref name="v"/> to <paramref name="digits"/> significant digits, trailing zeros kept (10.00, not 10: the digits
    /// shown are the precision printed): fixed point from 0.01 to 10⁶ (-2.892, 0.2951, 123457), else 1.235e-5 style
    /// without the '+' (1.235e7).
    /// </summary>
    internal static string Number(double v, int digits)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return "0";
        string scientific = v.ToString("E" + (digits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int e = int.Parse(scientific[(scientific.IndexOf('E', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
        if (e is >= -2 and < 6)
            return v.ToString("F" + Math.Max(0, digits - 1 - e).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        string mantissa = scientific[..scientific.IndexOf('E', StringComparison.Ordinal)];
        return mantissa + "e" + e.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>An effective sample size: whole draws up to 10⁸, else as <see cref="Number"/>.</summary>
    private static string Ess(double v, int digits) =>
        double.IsFinite(v) && Math.Abs(v) < 1e8 ? v.ToString("F0", CultureInfo.InvariantCulture) : Number(v, digits);

    /// <summary>R-hat to three decimals (1.001, the precision its 1.01 threshold needs) below 10, else as <see cref="Number"/>.</summary>
    private static string Rhat(double v, int digits) =>
        double.IsFinite(v) && Math.Abs(v) < 10 ? v.ToString("F3", CultureInfo.InvariantCulture) : Number(v, digits);
}
