using GreatModel.Cli.Commands;
using GreatModel.Files.Draws;
using GreatModel.Files.Runs;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Cli;

/// <summary>The warnings `fit` gives before a run about the size of its draws files.</summary>
public class FitResourcesTests
{
    [Fact]
    public void DrawsFilesOverTwoGigabytesOrTheFreeSpaceAreWarnedAbout()
    {
        using var dir = new TempFolder();
        string draws = dir.File("draws.csv");
        Assert.Null(FitResources.DiskWarning(DrawsFormat.Tidy, new SamplerOptions { Chains = 4, Samples = 2000 }, draws));

        string? large = FitResources.DiskWarning(DrawsFormat.CmdStan, new SamplerOptions { Chains = 100, Samples = 1_000_000 }, draws);
        Assert.StartsWith("warning: the draws will take ~6.8 GB on disk (100 chains × 1000000 draws)", large, StringComparison.Ordinal);

        long free = new DriveInfo(dir.Path).AvailableFreeSpace;
        int samples = (int)Math.Min(int.MaxValue, (free / 1000 / 70) + 1000); // 1000 chains of ~85-byte rows: more than the disk holds
        string? full = FitResources.DiskWarning(DrawsFormat.Tidy, new SamplerOptions { Chains = 1000, Samples = samples }, draws);
        Assert.Contains($"more than the {GreatModel.Sampling.ResourceEstimate.Bytes(free)} free in {dir.Path}: the run will fail when the disk fills", full, StringComparison.Ordinal);
        Assert.Single(full!.Split('\n'));
    }
}
