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
    // Out of range against the data's scale (the built-in example's: 4): the first sweep turned them into ∞ or NaN (exit 3).
    [InlineData("""{"mu": 1.5, "sigma2": 1e-320}""", "sigma2 1E-320 is out of range next to the data's scale squared (4²): it must lie within 1e±150 times it")]
    [InlineData("""{"mu": 1e200, "sigma2": 4}""", "mu 1E+200 lies over 1e150 times the data's scale (4) from its median")]
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
