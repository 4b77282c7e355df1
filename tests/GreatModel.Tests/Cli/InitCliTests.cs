using GreatModel.Tests.Support;

namespace GreatModel.Tests.Cli;

/// <summary>fit --init FILE (#16): each chain from its own values, said in its CmdStan header; bad files and misfits refused in one line.</summary>
public class InitCliTests
{
    [Fact]
    public void EachChainStartsFromItsValuesAndItsHeaderSaysSo()
    {
        using var dir = new TempFolder();
        string init = dir.File("init.json", """[{"mu": 100, "sigma2": 10000}, {"mu": -100, "sigma2": 0.01}]""");
        var (code, _, err) = CliTests.Run("fit", "--init", init, "--chains", "2", "--burn-in", "0", "--samples", "20", "--seed", "3",
            "--format", "cmdstan", "-q", "--out", dir.File("fit.csv"));
        Assert.True(code == 0, err);
        Assert.Contains("# init = greatmodel: the user's values for this chain, mu 100, sigma2 10000", File.ReadAllLines(dir.File("fit_1.csv")));
        Assert.Contains("# init = greatmodel: the user's values for this chain, mu -100, sigma2 0.01", File.ReadAllLines(dir.File("fit_2.csv")));
    }

    [Theory]
    [InlineData("""[{"mu": 1, "sigma2": 2}, {"mu": 1, "sigma2": 2}]""", "gives 2 chains' starting values; the run has 4 chains")]
    [InlineData("""{"mu": 1, "sigma2": 2, "nu": 4}""", "gives nu, but nu is fixed (6)")]
    [InlineData("""{"mu": 1, "sigma2": -2}""", "sigma2 must be a finite number > 0")]
    [InlineData("mu,sd\n1,2\n", "unknown column 'sd'")]
    public void BadInitsAreRefusedInOneLine(string text, string error)
    {
        using var dir = new TempFolder();
        string init = dir.File("init.txt", text);
        CliTests.AssertOneLineError(["fit", "--init", init, "--out", dir.File("d.csv")], error);
        Assert.False(File.Exists(dir.File("d.csv")));
    }

    [Fact]
    public void WithGroupsItIsRefused()
    {
        using var dir = new TempFolder();
        string data = dir.File("long.csv", "g,y\na,1\na,2\nb,3\nb,5\n");
        string init = dir.File("init.json", """{"mu": 1, "sigma2": 2}""");
        CliTests.AssertOneLineError(["fit", "--data", data, "--group", "g", "--column", "y", "--init", init, "--out", dir.File("d.csv")],
            "not available with --group");
    }
}
