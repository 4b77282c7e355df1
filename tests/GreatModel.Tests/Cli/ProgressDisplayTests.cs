using GreatModel.Cli.Commands;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Cli;

/// <summary>
/// The progress bar ends where the run ended: a run stopped by a signal shows the sweep it stopped at, as the stop message
/// says it, not 100% (it jumped to "100% 00:00:00" on Ctrl-C).
/// </summary>
public class ProgressDisplayTests
{
    private sealed class Last : IProgress<SamplingProgress>
    {
        public SamplingProgress Report { get; private set; }

        void IProgress<SamplingProgress>.Report(SamplingProgress value) => Report = value;
    }

    [Fact]
    public void AStoppedRunsBarShowsWhereItStopped()
    {
        using var stop = new CancellationTokenSource();
        var last = new Last();
        var options = new SamplerOptions { Chains = 2, BurnIn = 10, Samples = 1000, Seed = 2, Backend = Backend.CpuFast };
        var fit = Sampler.Run(TestData.Talk, options, new RunHooks { Sinks = [new CancelAfter(30, stop)], Progress = last, MaxSweepsPerBlock = 1 }, stop.Token);
        Assert.True(fit.Cancelled);
        var (value, max, description) = ProgressDisplay.Bar(last.Report);
        Assert.Equal(fit.SweepsRun * 2.0, value);
        Assert.Equal(options.TotalSweeps * 2.0, max);
        Assert.True(value < max);
        Assert.StartsWith($"sweep {fit.SweepsRun} of {options.TotalSweeps:N0} (burn-in included) × 2 chains", description, StringComparison.Ordinal);
    }
}
