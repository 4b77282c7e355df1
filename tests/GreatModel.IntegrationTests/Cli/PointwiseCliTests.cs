using GreatModel.Tests.Support;

namespace GreatModel.Tests.Cli;

/// <summary>fit --log-lik --predictive (#16): the columns in both layouts, the predictive check printed, refusals.</summary>
public class PointwiseCliTests
{
    [Fact]
    public void TidyAndCmdStanCarryTheSameColumnsAfterTheParameters()
    {
        using var dir = new TempFolder();
        string[] common = ["fit", "--log-lik", "--predictive", "--seed", "11", "--chains", "2", "--burn-in", "20", "--samples", "30", "-q"];
        var (code, stdout, err) = CliTests.Run([.. common, "--out", dir.File("t.csv")]);
        Assert.True(code == 0, err);
        var tidy = File.ReadAllLines(dir.File("t.csv"));
        int n = 500; // the built-in example
        var header = tidy[0].Split(',');
        // Bracketed in the tidy file (R posterior's names for a vector's elements), dotted in CmdStan's.
        Assert.Equal([".chain", ".iteration", ".draw", "mu", "sigma2", "log_lik[1]"], header[..6]);
        Assert.Equal($"log_lik[{n}]", header[4 + n]);
        Assert.Equal("y_rep[1]", header[5 + n]);
        Assert.Equal($"y_rep[{n}]", header[^1]);
        Assert.Equal(61, tidy.Length);
        Assert.All(tidy[1..], row => Assert.Equal(header.Length, row.Split(',').Length));
        Assert.Contains("posterior predictive check, 60 replications, Pr(T(y_rep) >= T(y)): min ", stdout, StringComparison.Ordinal);

        (code, string cmdStanOut, err) = CliTests.Run([.. common, "--format", "cmdstan", "--out", dir.File("c.csv")]);
        Assert.True(code == 0, err);
        var rows = File.ReadAllLines(dir.File("c_2.csv")).Where(l => !l.StartsWith('#')).ToArray();
        Assert.Equal(["lp__", "accept_stat__", .. header[3..].Select(c => c.Replace('[', '.').TrimEnd(']'))], rows[0].Split(','));
        // The same seed: chain 2's values (log_lik and y_rep included) are the tidy file's chain-2 rows.
        var tidyChain2 = tidy[1..].Where(r => r.StartsWith("2,", StringComparison.Ordinal)).Select(r => string.Join(',', r.Split(',')[3..]));
        Assert.Equal(tidyChain2, rows[1..].Select(r => string.Join(',', r.Split(',')[2..])));
        Assert.Equal(stdout.Split('\n').Last(l => l.StartsWith("posterior predictive", StringComparison.Ordinal)),
            cmdStanOut.Split('\n').Last(l => l.StartsWith("posterior predictive", StringComparison.Ordinal)));
    }

    [Fact]
    public void WithGroupsTheyAreRefusedAndNothingIsWritten()
    {
        using var dir = new TempFolder();
        string data = dir.File("long.csv", "g,y\na,1\na,2\nb,3\nb,5\n");
        CliTests.AssertOneLineError(["fit", "--data", data, "--group", "g", "--column", "y", "--predictive", "--out", dir.File("d.csv")],
            "--predictive: not available with --group yet");
        Assert.False(File.Exists(dir.File("d.csv")));
    }
}
