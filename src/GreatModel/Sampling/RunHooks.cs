namespace GreatModel.Sampling;

/// <summary>What a caller can attach to a run besides the options: sinks, progress, and execution knobs that never change the draws.</summary>
public sealed record RunHooks
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

    /// <summary>
    /// The devices to run on, by id among the backend's own kind (from 0, in the order <see cref="Backends.DeviceCatalog.List"/>
    /// lists them), for the ILGPU backends (<see cref="Backends.BackendDescriptor.TakesDevices"/>): with two or more the chains
    /// are split into contiguous ranges, one per device, each device driven by a host thread of its own, and the draws are the
    /// same as on one device. For ilgpu-cpu each id is a CPU accelerator of its own, sharing the cores (it stands in for
    /// several GPUs). Null: the backend's first device. Range: distinct ids ≥ 0, at most one per chain.
    /// </summary>
    public IReadOnlyList<int>? Devices { get; init; }

    /// <summary>
    /// Starts the run from this checkpoint of an earlier run of the same data, seed, backend and settings (its
    /// <see cref="SamplerOptions.Samples"/> may be larger, to extend it): sweeps continue from <see cref="RunCheckpoint.Sweeps"/>
    /// and draw exactly what the uninterrupted run draws. The sinks and the returned <see cref="Posterior"/> get the draws
    /// from there on (<see cref="Posterior.ResumedFromDraw"/> counts those before). Null: from the start.
    /// </summary>
    public RunCheckpoint? ResumeFrom { get; init; }

    /// <summary>
    /// Receives the run's state at a sweep boundary, after the sinks have recorded that sweep: before the first sweep (a
    /// new run's), every <see cref="CheckpointEvery"/>, and once when the run ends (finished or cancelled). It runs on the sampling thread and
    /// may flush the sinks. Null: no checkpoints.
    /// </summary>
    public Action<RunCheckpoint>? Checkpoint { get; init; }

    /// <summary>Wall time between two checkpoints (<see cref="Checkpoint"/>). Range: &gt; 0. Default 60 s.</summary>
    public TimeSpan CheckpointEvery { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The most sweeps a small run's chains are carried through, each on one thread, before the run meets them again: where it
    /// checks for cancellation and writes checkpoints (it records every sweep as before). Null lets the run decide: blocks of
    /// a few milliseconds where a sweep is small (n × chains up to 65 536, or many groups), else one sweep. 1 makes every sweep
    /// a boundary (a checkpoint at every sweep, a stop at the sweep cancelled in). The draws are the same either way. Range: ≥ 1.
    /// </summary>
    public int? MaxSweepsPerBlock { get; init; }
}
