using System.Globalization;
using GreatModel.Sampling;
using Spectre.Console;

namespace GreatModel.Cli.Commands;

/// <summary>
/// Runs a sampling job and, when stderr is a terminal and the job lasts over a second, shows one progress
/// bar on stderr (the sweep reached, burn-in included, × chains; sweeps/s, datum-updates/s, ETA).
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

    /// <summary>The bar for a report: sweeps done × chains of sweeps planned × chains, and the line beside it.</summary>
    internal static (double Value, double Max, string Description) Bar(SamplingProgress p) =>
        ((double)p.SweepsDone * p.Chains, (double)p.TotalSweeps * p.Chains, string.Create(CultureInfo.InvariantCulture,
            $"sweep {p.SweepsDone:N0} of {p.TotalSweeps:N0} (burn-in included) × {p.Chains:N0} chains, {p.SweepsDone / Math.Max(p.Elapsed.TotalSeconds, 1e-9):F0} sweeps/s, {p.DatumUpdatesPerSecond / 1e6:F1} M datum-updates/s"));

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
        stderr.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var bar = ctx.AddTask("sampling");
                void Show(SamplingProgress p)
                {
                    if (p.TotalSweeps == 0) return;
                    (bar.Value, bar.MaxValue, bar.Description) = Bar(p);
                }
                while (!task.Wait(100)) Show(display.Latest);
                // The run's last report: all of it when finished, where it stopped when a signal stopped it (the bar showed
                // 100% on Ctrl-C, its count not the stop message's).
                Show(display.Latest);
                bar.StopTask();
            });
        return task.GetAwaiter().GetResult();
    }
}
