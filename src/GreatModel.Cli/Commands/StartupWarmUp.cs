namespace GreatModel.Cli.Commands;

/// <summary>
/// The sampler's warm-up (<see cref="Sampler.WarmUp"/>), started first thing for the commands that sample (fit,
/// bench), so its compiling overlaps the command line, the data and the plan being read. `bench` waits for it
/// before measuring; `fit` waits only before a long run (<see cref="WaitAbove"/>).
/// </summary>
internal static class StartupWarmUp
{
    /// <summary>The most a command waits for the warm-up before sampling anyway.</summary>
    private static readonly TimeSpan MostWait = TimeSpan.FromSeconds(1);

    private static Task? _warmUp;

    /// <summary>Starts the warm-up when <paramref name="args"/> run a command that samples (fit, bench).</summary>
    public static void StartFor(IReadOnlyList<string> args)
    {
        if (args.Count > 0 && args[0] is "fit" or "bench") _warmUp = Sampler.WarmUp();
    }

    /// <summary>
    /// Datum-updates above which a fit waits for the warm-up before sampling: from about a tenth of a second of
    /// sampling on, the wait costs less than the warm-up's competition for the cores (64 chains × 10⁴ × 400 sweeps
    /// ran 10–15% slower beside it, measured), while a shorter fit gains from the overlap.
    /// </summary>
    public const long WaitAbove = 50_000_000;

    /// <summary>Waits (at most a second) for the warm-up to end; a warm-up that failed is ignored, the run then compiles as it goes.</summary>
    public static void Wait()
    {
        try
        {
            _warmUp?.Wait(MostWait);
        }
        catch (AggregateException)
        {
            // Only a loss of speed: the real run compiles the same code itself and reports any real problem.
        }
    }
}
