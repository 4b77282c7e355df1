using GreatModel.Kernels;
using GreatModel.Sampling;

namespace GreatModel.Tests.Support;

/// <summary>
/// What the run loop's failure tests' sweepers share: <paramref name="chains"/> chains at (μ, α², τ², ν) = (0, 1, 1, 6), no
/// checkpoints, no host time, no ν move. A test's sweeper says only how its sweeps go wrong.
/// </summary>
internal abstract class FailingSweeperBase(int chains) : IGibbsSweeper
{
    public RunCheckpoint Capture(long sweeps) => throw new NotSupportedException();

    public void Restore(RunCheckpoint checkpoint) => throw new NotSupportedException();

    public string Description => "failing";

    public ChainState[] States { get; } = Enumerable.Repeat(new ChainState(0, 1, 1, 6), chains).ToArray();

    public TimeSpan? HostScalarTime => null;

    public (long Accepted, long Proposed)? NuMoveAfterBurnIn => null;

    public abstract void Sweep(long sweep);

    public void Dispose() { }
}
