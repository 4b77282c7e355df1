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

    [Theory]
    [InlineData(40)]
    [InlineData(50)]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(200)]
    public void TheBarFitsOneLineFromFortyColumnsUp(int width)
    {
        // The longest counts a run makes: 10⁷ sweeps × 1024 chains, at a rate in the billions.
        foreach (var p in new[] { new SamplingProgress(1, 2_200, 4, 500, TimeSpan.FromSeconds(1)), new SamplingProgress(9_999_999, 10_000_000, 1024, 10_000_000, TimeSpan.FromSeconds(3)) })
        {
            var (description, bar) = ProgressDisplay.Layout(p, width);
            Assert.True(description.Length + 1 + bar + 16 <= width, $"{width} columns: '{description}' and a bar of {bar} do not fit");
            Assert.InRange(bar, 10, 40);
            Assert.NotEqual("", description);
        }
        Assert.StartsWith("sweep 1 of 2,200 (burn-in included) × 4 chains", ProgressDisplay.Layout(new SamplingProgress(1, 2_200, 4, 500, TimeSpan.FromSeconds(1)), 200).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void ATerminalThatCannotRedrawGetsPlainLines() =>
        Assert.Equal("sampling 40%: sweep 880 of 2,200 (burn-in included) × 4 chains, 880 sweeps/s, 1.8 M datum-updates/s",
            ProgressDisplay.PlainLine(new SamplingProgress(880, 2_200, 4, 500, TimeSpan.FromSeconds(1))));
}
