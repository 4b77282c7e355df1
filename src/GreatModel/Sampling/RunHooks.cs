namespace GreatModel.Sampling;

/// <summary>What a caller can attach to a run besides the options: sinks, progress, and execution knobs that never change the draws.</summary>
public sealed class RunHooks
{
    /// <summary>Extra destinations for the draws (e.g. files streamed as draws arrive).</summary>
    public IReadOnlyList<IDrawSink> Sinks { get; init; } = [];

    /// <summary>Receives <see cref="SamplingProgress"/> about ten times a second, and once at the end.</summary>
    public IProgress<SamplingProgress>? Progress { get; init; }

    /// <summary>Cap on CPU threads (native path, CPU accelerator, host draws); null uses every core. Range: ≥ 1.</summary>
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
