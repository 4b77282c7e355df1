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

    public static T Run<T>(Func<IProgress<SamplingProgress>, T> job, bool quiet)
    {
        var display = new ProgressDisplay();
        var task = Task.Run(() => job(display));
        if (quiet || Console.IsErrorRedirected || task.Wait(ShowAfter)) return task.GetAwaiter().GetResult();

        var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        stderr.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var bar = ctx.AddTask("sampling");
                while (!task.Wait(100))
                {
                    var p = display.Latest;
                    if (p.TotalSweeps == 0) continue;
                    bar.MaxValue = (double)p.TotalSweeps * p.Chains;
                    bar.Value = (double)p.SweepsDone * p.Chains;
                    bar.Description = string.Create(CultureInfo.InvariantCulture,
                        $"sweep {p.SweepsDone:N0} of {p.TotalSweeps:N0} (burn-in included) × {p.Chains:N0} chains, {p.SweepsDone / p.Elapsed.TotalSeconds:F0} sweeps/s, {p.DatumUpdatesPerSecond / 1e6:F1} M datum-updates/s");
                }
                bar.Value = bar.MaxValue;
            });
        return task.GetAwaiter().GetResult();
    }
}
