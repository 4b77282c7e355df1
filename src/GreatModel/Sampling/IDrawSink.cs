namespace GreatModel.Sampling;

/// <summary>Receives recorded draws as they are made: one call per recorded sweep, all chains at once.</summary>
public interface IDrawSink
{
    /// <summary>Takes recorded draw number <paramref name="draw"/> (0-based) of every chain, chain 0 first.</summary>
    /// <param name="draw">Draw index, 0 .. <see cref="SamplerOptions.Samples"/> − 1, increasing by one per call.</param>
    /// <param name="chains">One draw per chain; valid only during the call.</param>
    void Record(int draw, ReadOnlySpan<ChainDraw> chains);

    /// <summary>
    /// Whether this sink writes each draw's log posterior density (<see cref="ChainDraw.LogDensity"/>): one more pass over
    /// the data per recorded draw, so it is made only when a sink asks. False unless the sink says so.
    /// </summary>
    bool WantsLogDensity => false;

    /// <summary>
    /// Host bytes this sink holds per chain while the run writes (buffers, open files), which the run's memory check counts.
    /// Range: ≥ 0; 0 unless the sink says so.
    /// </summary>
    long HostBytesPerChain => 0;

    /// <summary>Whether this sink takes the burn-in's draws too (<see cref="RecordWarmup"/>); false unless it says so.</summary>
    bool RecordsWarmup => false;

    /// <summary>
    /// Takes warm-up draw number <paramref name="draw"/> (0-based) of every chain: burn-in sweeps 0, thin, 2·thin, … (as
    /// CmdStan saves warm-up, ⌈burn-in / thin⌉ of them), all before the first <see cref="Record"/>. Called only when
    /// <see cref="RecordsWarmup"/>.
    /// </summary>
    /// <param name="draw">Warm-up draw index, 0 .. ⌈burn-in / thin⌉ − 1, increasing by one per call.</param>
    /// <param name="chains">One draw per chain; valid only during the call.</param>
    void RecordWarmup(int draw, ReadOnlySpan<ChainDraw> chains)
    {
    }
}
