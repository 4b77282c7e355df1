using GreatModel.Tests.Support;

namespace GreatModel.Tests.Cli;

/// <summary>fit --save-warmup (#16): CmdStan files with the burn-in's rows first, ungrouped and per group; the tidy layout refused.</summary>
public class SaveWarmupCliTests
{
    [Fact]
    public void GroupedCmdStanFilesCarryEachGroupsWarmup()
    {
        using var dir = new TempFolder();
        string data = dir.File("long.csv", "g,y\n" + string.Join('\n', Enumerable.Range(0, 40).Select(i => $"{(i % 2 == 0 ? "a" : "b")},{i * 0.37 % 5}")) + "\n");
        var (code, _, err) = CliTests.Run("fit", "--data", data, "--group", "g", "--column", "y", "--format", "cmdstan", "--save-warmup",
            "--burn-in", "7", "--samples", "5", "--chains", "2", "--seed", "3", "-q", "--out", dir.File("fit.csv"));
        Assert.True(code == 0, err);
        foreach (string file in new[] { "a_1.csv", "b_2.csv" })
        {
            var lines = File.ReadAllLines(Path.Combine(dir.Path, "fit", file));
            Assert.Contains("#     save_warmup = 1", lines);
            Assert.Equal(1 + 7 + 5, lines.Count(l => !l.StartsWith('#'))); // header, 7 warm-up rows (thin 1), 5 draws
        }
    }

    [Fact]
    public void TheTidyLayoutIsRefusedAndNothingWritten()
    {
        using var dir = new TempFolder();
        CliTests.AssertOneLineError(["fit", "--save-warmup", "--out", dir.File("d.csv")], "--save-warmup: needs --format cmdstan");
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
