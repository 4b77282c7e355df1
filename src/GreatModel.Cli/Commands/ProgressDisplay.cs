using System.Globalization;
using GreatModel.Sampling;
using Spectre.Console;

namespace GreatModel.Cli.Commands;

/// <summary>
/// Runs a sampling job and, when stderr is a terminal and the job lasts over a second, shows one progress
/// bar on stderr (the sweep reached, burn-in included, × chains; sweeps/s, datum-updates/s, ETA), laid out for the
/// terminal's width from 40 columns up (<see cref="Layout"/>). A terminal without cursor movement (TERM=dumb) gets a plain
/// line at each tenth instead, never a bar redrawn over itself.
/// </summary>
internal sealed class ProgressDisplay : IProgress<SamplingProgress>
{
    private static readonly TimeSpan ShowAfter = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private SamplingProgress _latest;

    public void Report(SamplingProgress value)
    {
        lock (_gate) _latest = value;
    }

    private SamplingProgress Latest
    {
        get
        {
            lock (_gate) return _latest;
        }
    }

    /// <summary>Columns the percentage and the remaining time take beside the bar, with the gaps between columns.</summary>
    private const int FixedColumns = 4 + 1 + 8 + 3;

    /// <summary>The narrowest bar worth drawing, and the widest (Spectre's default).</summary>
    private const int MinBar = 10, MaxBar = 40;

    /// <summary>The bar for a report: sweeps done × chains of sweeps planned × chains, and the line beside it.</summary>
    internal static (double Value, double Max, string Description) Bar(SamplingProgress p, int width = int.MaxValue) =>
        ((double)p.SweepsDone * p.Chains, (double)p.TotalSweeps * p.Chains, Layout(p, width).Description);

    /// <summary>
    /// The description and bar width that fit <paramref name="width"/> columns on one line: the whole account where there is
    /// room, then without the rates, then the bare counts ("1,234/2,200 × 4", "1.2M/2.2M × 4", "1.2M × 4"); the bar takes
    /// what is left, at most 40. Below 40 columns the description goes first.
    /// </summary>
    internal static (string Description, int BarWidth) Layout(SamplingProgress p, int width)
    {
        var inv = CultureInfo.InvariantCulture;
        string[] descriptions =
        [
            string.Create(inv, $"sweep {p.SweepsDone:N0} of {p.TotalSweeps:N0} (burn-in included) × {p.Chains:N0} chains, {p.SweepsDone / Math.Max(p.Elapsed.TotalSeconds, 1e-9):F0} sweeps/s, {p.DatumUpdatesPerSecond / 1e6:F1} M datum-updates/s"),
            string.Create(inv, $"sweep {p.SweepsDone:N0} of {p.TotalSweeps:N0} × {p.Chains:N0} chains"),
            string.Create(inv, $"{p.SweepsDone:N0}/{p.TotalSweeps:N0} × {p.Chains:N0}"),
            string.Create(inv, $"{Compact(p.SweepsDone)}/{Compact(p.TotalSweeps)} × {p.Chains}"),
            string.Create(inv, $"{Compact(p.SweepsDone)} × {p.Chains}"),
        ];
        foreach (string description in descriptions)
        {
            long room = (long)width - description.Length - 1 - FixedColumns;
            if (room >= MinBar) return (description, (int)Math.Min(room, MaxBar));
        }
        return ("", (int)Math.Clamp((long)width - FixedColumns, 1, MaxBar));
    }

    /// <summary>A count in at most five characters: 950, 12k, 3.4M.</summary>
    private static string Compact(long n) => n switch
    {
        < 10_000 => n.ToString(CultureInfo.InvariantCulture),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{n / 1e3:F0}k"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{n / 1e6:F1}M"),
    };

    /// <summary>The plain line of a terminal that cannot redraw (TERM=dumb): "sampling 40%: sweep 880 of 2,200 × 4 chains".</summary>
    internal static string PlainLine(SamplingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"sampling {100.0 * p.SweepsDone / Math.Max(1, p.TotalSweeps):F0}%: {Layout(p, int.MaxValue).Description}");

    public static T Run<T>(Func<IProgress<SamplingProgress>, T> job, bool quiet)
    {
        var display = new ProgressDisplay();
        var task = Task.Run(() => job(display));
        if (quiet || Console.IsErrorRedirected || task.Wait(ShowAfter)) return task.GetAwaiter().GetResult();
        // Not before the run's first report: the job writes its first line to stdout once its plan is made (a plan of 10⁷
        // values can take over a second), and a live bar on the same terminal would be drawn over by it.
        while (display.Latest.TotalSweeps == 0)
        {
            if (task.Wait(100)) return task.GetAwaiter().GetResult();
        }

        var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (!stderr.Profile.Capabilities.Ansi) return Plain(task, display);
        int width = stderr.Profile.Width;
        var barColumn = new ProgressBarColumn { Width = Layout(display.Latest, width).BarWidth };
        stderr.Progress()
            .Columns(new TaskDescriptionColumn(), barColumn, new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var bar = ctx.AddTask("sampling");
                void Show(SamplingProgress p)
                {
                    if (p.TotalSweeps == 0) return;
                    // The counts grow (and the terminal may be resized): the description and the bar are fitted at each report.
                    width = stderr.Profile.Width;
                    (string description, barColumn.Width) = Layout(p, width);
                    (bar.Value, bar.MaxValue, bar.Description) = ((double)p.SweepsDone * p.Chains, (double)p.TotalSweeps * p.Chains, description);
                }
                while (!task.Wait(100)) Show(display.Latest);
                // The run's last report: all of it when finished, where it stopped when a signal stopped it (the bar showed
                // 100% on Ctrl-C, its count not the stop message's).
                Show(display.Latest);
                bar.StopTask();
            });
        return task.GetAwaiter().GetResult();
    }

    /// <summary>A line at each tenth of the run and at its end, for a terminal that cannot redraw a bar.</summary>
    private static T Plain<T>(Task<T> task, ProgressDisplay display)
    {
        long shownTenth = -1, shownSweeps = -1;
        void Show(SamplingProgress p, bool last)
        {
            long tenth = 10 * p.SweepsDone / Math.Max(1, p.TotalSweeps);
            if (last ? p.SweepsDone == shownSweeps : tenth == shownTenth) return;
            (shownTenth, shownSweeps) = (tenth, p.SweepsDone);
            Console.Error.WriteLine(PlainLine(p));
        }
        while (!task.Wait(100)) Show(display.Latest, last: false);
        Show(display.Latest, last: true);
        return task.GetAwaiter().GetResult();
    }
}
