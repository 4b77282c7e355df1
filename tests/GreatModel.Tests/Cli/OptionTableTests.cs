using GreatModel.Cli.Parsing;
using GreatModel.Sampling;

namespace GreatModel.Tests.Cli;

/// <summary>
/// The option table and the run record agree on what shapes the draws: an option marked so sets only what the record holds,
/// each recorded option the command line sets is set by a row marked so, and fit --resume takes none of them but --samples.
/// </summary>
public class OptionTableTests
{
    /// <summary>Recorded options no command line sets (a library user's only).</summary>
    private static readonly string[] LibraryOnly = [nameof(SamplerOptions.InitialMu), nameof(SamplerOptions.InitialAlpha2), nameof(SamplerOptions.InitialTau2)];

    private static readonly HashSet<string> Recorded = [.. RunRecord.OptionsRecordedAsFields.Concat(RunRecord.OptionsRecordedAsSettings)];

    [Fact]
    public void AnOptionThatShapesTheDrawsSetsOnlyWhatTheRunRecordHolds()
    {
        foreach (var row in OptionTable.Fit.Where(r => r.ShapesDraws))
        {
            foreach (string set in row.Sets) Assert.True(Recorded.Contains(set), $"{row.Name} shapes the draws, but the run record does not hold {set}");
        }
    }

    [Fact]
    public void EveryRecordedOptionTheCommandLineSetsIsSetByARowThatShapesTheDraws()
    {
        foreach (string option in Recorded.Except(LibraryOnly))
        {
            var rows = OptionTable.Fit.Where(r => r.Sets.Contains(option)).ToList();
            Assert.True(rows.Count > 0, $"the run record holds {option}, which no fit option sets");
            Assert.All(rows, r => Assert.True(r.ShapesDraws, $"{r.Name} sets the recorded {option} but is not marked as shaping the draws"));
        }
    }

    [Fact]
    public void ResumeTakesNoOptionThatShapesTheDrawsButSamplesToExtendTheRun() =>
        Assert.Equal(["--samples"], OptionTable.Fit.Where(r => r.ShapesDraws && r.WithResume).Select(r => r.Name));
}
