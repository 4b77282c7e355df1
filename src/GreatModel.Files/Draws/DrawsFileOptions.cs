namespace GreatModel.Files.Draws;

/// <summary>What a draws file holds besides μ and σ² (<see cref="DrawsFileSink.Create(DrawsFormat, string, int, DrawsFileOptions)"/>).</summary>
public sealed record DrawsFileOptions
{
    /// <summary>A <c>nu</c> column after sigma2: set it when ν is estimated (<see cref="SamplerOptions.EstimateNu"/>).</summary>
    public bool NuColumn { get; init; }

    /// <summary>Per-datum columns after the parameters (log_lik, y_rep), or null for none.</summary>
    public PointwiseColumns? Pointwise { get; init; }

    /// <summary>
    /// Also write the burn-in's draws, thinned as the sampling's, before the sampling rows, as CmdStan's
    /// <c>save_warmup = 1</c> does (⌈burn-in / thin⌉ rows per chain; the header says so, and every reader of the set,
    /// this library's included, leaves them out of the draws). CmdStan layout only: a tidy file has no place to mark them.
    /// </summary>
    public bool SaveWarmup { get; init; }

    /// <summary>
    /// A tidy file's <c>lp__</c> column before the parameters: each draw's log posterior density up to a constant, as CmdStan's
    /// <c>lp__</c> (the CmdStan layout always has it). <c>fit --format zarr</c> streams it for the store's <c>sample_stats</c>.
    /// </summary>
    public bool LogDensityColumn { get; init; }

    /// <summary>
    /// The global id of the run's first chain when it is a shard (<see cref="SamplerOptions.FirstChain"/>): the tidy file's
    /// <c>.chain</c> and <c>.draw</c> then number rows as the whole run's file does, so shards merge into it byte for byte.
    /// Range: ≥ 0.
    /// </summary>
    public int FirstChain { get; init; }

    /// <summary>Chains in the whole run (<see cref="SamplerOptions.RunChains"/>); null: the sink's own chains. Range: ≥ FirstChain + chains.</summary>
    public int? RunChains { get; init; }

    /// <summary>
    /// Tidy only, for checkpointed runs: the rows go to a named partial file (e.g. <c>draws.csv.partial</c>) instead of a
    /// hidden temporary one, locked and hashed, kept when the process ends without committing (killed, or the machine lost)
    /// so a checkpoint can resume it; and, to resume, the rows it continues (<see cref="ResumableRows"/>). Null: a hidden temporary file.
    /// </summary>
    public ResumableRows? Resumable { get; init; }
}
