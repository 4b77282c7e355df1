using System.Diagnostics;
using GreatModel.Kernels;

namespace GreatModel.Sampling;

/// <summary>
/// The sweep loop every backend shares: run a sweep of all chains, record it when it is kept, report
/// progress, and stop cleanly at a sweep boundary on cancellation (every completed draw is kept).
/// </summary>
internal static class SweepDriver
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>Data × chains from which the log densities of a recorded sweep are made on every thread (below, forking costs more).</summary>
    private const long ParallelLogDensityFrom = 1 << 16;

    /// <summary>Chains from which each sweep's states are mapped to draws on every thread (10⁴ groups × 4 chains: 40 000 a sweep).</summary>
    private const int ParallelDrawsFrom = 4096;

    /// <summary>Returns the number of sweeps run (fewer than the plan's only when cancelled).</summary>
    public static long Run(RunPlan plan, IGibbsSweeper sweeper, IReadOnlyList<IDrawSink> sinks,
        IProgress<SamplingProgress>? progress, CancellationToken cancel) =>
        Run(plan, sweeper, sinks, progress, cancel, rule: null, out _);

    /// <summary>
    /// As <see cref="Run(RunPlan, IGibbsSweeper, IReadOnlyList{IDrawSink}, IProgress{SamplingProgress}, CancellationToken)"/>,
    /// also giving the wall time of the burn-in sweeps (all of the run's time when it was cancelled within them). After each
    /// recorded sweep, <paramref name="rule"/> (a run until enough; null for a fixed length) may end the run there, and the
    /// progress reported then aims at its next check rather than at the cap.
    /// </summary>
    public static long Run(RunPlan plan, IGibbsSweeper sweeper, IReadOnlyList<IDrawSink> sinks,
        IProgress<SamplingProgress>? progress, CancellationToken cancel, TargetEssRule? rule, out TimeSpan burnIn)
    {
        // What a report counts towards: the plan's sweeps, or, until enough, the sweeps to the rule's next check (a run
        // that goes on past it then aims at the next; the cap, 100 000 draws by default, would leave the bar near empty).
        long Total(long done) => rule is null ? plan.TotalSweeps
            : Math.Max(done, Math.Min(plan.TotalSweeps, plan.Options.BurnIn + ((long)rule.NextCheck * plan.Options.Thin)));
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var states = sweeper.States;
        var draws = new ChainDraw[states.Length];
        var hooks = plan.Hooks;
        long done = hooks.ResumeFrom?.Sweeps ?? 0;
        var lastCheckpoint = TimeSpan.Zero;
        burnIn = TimeSpan.Zero;
        var warmupSinks = sinks.Where(s => s.RecordsWarmup).ToArray();
        bool logDensity = sinks.Any(s => s.WantsLogDensity);
        // Small runs carry each chain through a block of sweeps on one thread; the states after each sweep of the block are
        // then read from the block, one sweep at a time, as if each sweep had been run alone.
        var blocks = ChainBlocks.For(plan, sweeper);
        var current = states;
        // Every sweep's states are mapped to draws once: the check reads them, and a recorded sweep's sinks get them.
        var toDraws = new ChunkedParallelFor(states.Length >= ParallelDrawsFrom ? plan.Threads : 1, c => draws[c] = plan.ToDraw(c, current[c]));
        // A pass over each chain's data: across chains in parallel when there is enough of it to share.
        var addLogDensities = new ChunkedParallelFor((long)plan.N * plan.Chains < ParallelLogDensityFrom ? 1 : plan.Threads,
            c => draws[c] = draws[c] with { LogDensity = LogPosteriorDensity.Of(plan, c, current[c]) });
        void MakeDraws()
        {
            if (logDensity) addLogDensities.Run(0, states.Length);
        }
        // A block ends where the loop must act between sweeps with the sweeper's states at hand: the burn-in's end (its time
        // is taken there) and the stopping rule's next check (a run that stops there keeps the states it stopped with).
        int BlockLength(long first)
        {
            long end = Math.Min(plan.TotalSweeps, first + blocks!.SweepsPerBlock);
            if (first < plan.Options.BurnIn) end = Math.Min(end, plan.Options.BurnIn);
            if (rule is not null) end = Math.Min(end, Math.Max(first + 1, plan.Options.BurnIn + ((long)rule.NextCheck * plan.Options.Thin)));
            return (int)(end - first);
        }
        // A checkpoint before the first sweep: a run killed at any moment leaves one (its folder is then never taken for free).
        if (hooks.ResumeFrom is null) hooks.Checkpoint?.Invoke(sweeper.Capture(done));
        bool enough = false;
        while (done < plan.TotalSweeps && !cancel.IsCancellationRequested && !enough)
        {
            if (done == plan.Options.BurnIn) burnIn = clock.Elapsed;
            int count = 1;
            if (blocks is null)
            {
                sweeper.Sweep(done);
            }
            else
            {
                count = BlockLength(done);
                blocks.Run(done, count);
            }
            for (int j = 0; j < count; j++)
            {
                if (enough) throw new InvalidOperationException("the stopping rule stopped the run within a block"); // BlockLength prevents it
                long sweep = done + j;
                if (blocks is not null)
                {
                    blocks.ThrowIfFailedAt(j);
                    current = blocks.StatesAfter(j);
                }
                toDraws.Run(0, states.Length);
                CheckFinite(plan, draws, sweep);
                int draw = plan.DrawIndex(sweep);
                if (draw >= 0)
                {
                    MakeDraws();
                    foreach (var sink in sinks) sink.Record(draw, draws);
                    enough = rule?.ShouldStop(draw + 1) == true;
                }
                else if (warmupSinks.Length > 0 && plan.WarmupDrawIndex(sweep) is >= 0 and var warmup)
                {
                    MakeDraws();
                    foreach (var sink in warmupSinks) sink.RecordWarmup(warmup, draws);
                }
            }
            done += count;
            if (hooks.Checkpoint is { } checkpoint && clock.Elapsed - lastCheckpoint >= hooks.CheckpointEvery && done < plan.TotalSweeps)
            {
                checkpoint(sweeper.Capture(done));
                lastCheckpoint = clock.Elapsed;
            }
            if (progress is not null && clock.Elapsed - lastReport >= ReportEvery)
            {
                lastReport = clock.Elapsed;
                progress.Report(new SamplingProgress(done, Total(done), plan.Chains, plan.N, clock.Elapsed));
            }
        }
        hooks.Checkpoint?.Invoke(sweeper.Capture(done)); // the last state, finished or stopped: resumable, or extendable
        progress?.Report(new SamplingProgress(done, enough ? done : Total(done), plan.Chains, plan.N, clock.Elapsed)); // reached: all of it done
        if (done <= plan.Options.BurnIn) burnIn = clock.Elapsed; // stopped within the burn-in (or just at its end)
        return done;
    }

    /// <summary>Whether <paramref name="draw"/> is one to record: μ finite, σ² finite and positive, ν positive when estimated.</summary>
    public static bool IsValid(RunPlan plan, ChainDraw draw) =>
        double.IsFinite(draw.Mu) && double.IsFinite(draw.Sigma2) && draw.Sigma2 > 0 && (!plan.EstimatesNu || draw.Nu > 0);

    /// <summary>Stops the run at the first chain whose state is not a valid draw (never records NaN or a zero scale).</summary>
    private static void CheckFinite(RunPlan plan, ChainDraw[] draws, long sweep)
    {
        for (int c = 0; c < draws.Length; c++)
        {
            // What would be recorded: data units, μ = centre + scale·μ' and σ² = scale²·σ'², so a NaN, an
            // infinity or a zero in the standard state shows here too, as does an overflow of the mapping.
            var draw = draws[c];
            if (!IsValid(plan, draw))
                throw new SamplingFailedException(plan.ChainOf(c), sweep, draw.Mu, draw.Sigma2, plan.EstimatesNu ? draw.Nu : null, plan.GroupOf(c).Label);
        }
    }
}
