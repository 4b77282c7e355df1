namespace GreatModel.Sampling;

/// <summary>How far a run has got; reported about ten times a second.</summary>
/// <param name="SweepsDone">Sweeps completed per chain.</param>
/// <param name="TotalSweeps">
/// Sweeps the run will make per chain; for a run until enough (<see cref="SamplerOptions.TargetEss"/>), the sweeps to its
/// next check (it may stop there or go on: the figure then grows), and the sweeps done once it has stopped at its target.
/// </param>
/// <param name="Chains">Chains in the run.</param>
/// <param name="DataCount">Observations n.</param>
/// <param name="Elapsed">Sampling time so far.</param>
public readonly record struct SamplingProgress(long SweepsDone, long TotalSweeps, int Chains, int DataCount, TimeSpan Elapsed)
{
    /// <summary>Chains × n × sweeps done, per second so far.</summary>
    public double DatumUpdatesPerSecond => SweepsDone * (double)Chains * DataCount / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
