using System.Diagnostics;
using GreatModel.Kernels;

namespace GreatModel.Sampling;

/// <summary>Receives recorded draws as they are made: one call per recorded sweep, all chains at once.</summary>
public interface IDrawSink
{
    void Record(int draw, ReadOnlySpan<ChainState> chains);
}

/// <summary>How far a run has got; reported about ten times a second.</summary>
public readonly record struct SamplingProgress(long SweepsDone, long TotalSweeps, int Chains, int DataCount, TimeSpan Elapsed)
{
    public double DatumUpdatesPerSecond => SweepsDone * (double)Chains * DataCount / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>What a caller can attach to a run besides the options.</summary>
public sealed class RunHooks
{
    /// <summary>Extra destinations for the draws (e.g. files streamed as draws arrive).</summary>
    public IReadOnlyList<IDrawSink> Sinks { get; init; } = [];

    public IProgress<SamplingProgress>? Progress { get; init; }

    /// <summary>Cap on CPU threads (native path, CPU accelerator, host draws); null uses every core.</summary>
    public int? CpuThreads { get; init; }

    /// <summary>
    /// False keeps no draws in the returned <see cref="Posterior"/> (only counts and timing): with streaming
    /// sinks, memory then stays constant however many chains × samples are drawn.
    /// </summary>
    public bool KeepDrawsInMemory { get; init; } = true;

    /// <summary>
    /// Whether the host draws one half of the chains while the device sweeps the other (ILGPU backends,
    /// 2+ chains); null lets the backend decide (on for GPUs, off for the CPU accelerator, where it gains
    /// nothing). The draws are the same either way.
    /// </summary>
    public bool? OverlapHostDraws { get; init; }
}

/// <summary>
/// The sweep loop every backend shares: run a sweep of all chains, record it when it is kept, report
/// progress, and stop cleanly at a sweep boundary on cancellation (every completed draw is kept).
/// </summary>
internal static class SweepDriver
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns the number of sweeps run (fewer than TotalSweeps only when cancelled).</summary>
    public static long Run(SamplerOptions options, ChainState[] states, Action<long> sweep,
        IReadOnlyList<IDrawSink> sinks, IProgress<SamplingProgress>? progress, int dataCount, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        long done = 0;
        for (; done < options.TotalSweeps && !cancel.IsCancellationRequested; done++)
        {
            sweep(done);
            int draw = ScalarUpdates.DrawIndex(done, options);
            if (draw >= 0)
            {
                foreach (var sink in sinks) sink.Record(draw, states);
            }
            if (progress is not null && clock.Elapsed - lastReport >= ReportEvery)
            {
                lastReport = clock.Elapsed;
                progress.Report(new SamplingProgress(done + 1, options.TotalSweeps, options.Chains, dataCount, clock.Elapsed));
            }
        }
        progress?.Report(new SamplingProgress(done, options.TotalSweeps, options.Chains, dataCount, clock.Elapsed));
        return done;
    }
}
