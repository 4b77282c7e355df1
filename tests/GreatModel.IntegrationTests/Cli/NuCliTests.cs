using GreatModel.Tests.Support;

namespace GreatModel.Tests.Cli;

/// <summary>`fit --nu estimate` from the command line: its outputs carry ν, and every option of it is checked.</summary>
public class NuCliTests
{
    [Fact]
    public void FitWithNuEstimatedWritesANuColumnSummaryRowAndRunEntry()
    {
        using var dir = new TempFolder();
        string draws = dir.File("draws.csv"), summary = dir.File("s.json"), plots = dir.File("plots");
        var (code, stdout, err) = CliTests.Run("fit", "--nu", "estimate", "--nu-prior", "exponential(0.05)", "--nu-max", "500", "--chains", "2",
            "--burn-in", "100", "--samples", "200", "--seed", "3", "--backend", "cpu-fast", "--out", draws, "--summary", summary, "--plots", plots);
        Assert.True(code == 0, err);
        Assert.Contains("nu estimated, prior exponential(0.05) on [1, 500]", stdout, StringComparison.Ordinal);
        Assert.Contains("\nnu ", stdout, StringComparison.Ordinal);
        var lines = File.ReadAllLines(draws);
        Assert.Equal(".chain,.iteration,.draw,mu,sigma2,nu", lines[0]);
        var nu = lines.Skip(1).Select(l => double.Parse(l.Split(',')[5], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.All(nu, v => Assert.InRange(v, 1, 500));
        Assert.True(nu.Distinct().Count() > 50);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(summary));
        var run = json.RootElement.GetProperty("run");
        Assert.Equal("estimated", run.GetProperty("nu").GetString());
        Assert.Equal(500, run.GetProperty("nu_max").GetDouble());
        Assert.Equal("dispersed around 20", run.GetProperty("initial_nu").GetString()); // the prior's mean, in range
        Assert.Equal("exponential(0.05)", run.GetProperty("nu_prior").GetString());
        Assert.Equal("ridge", run.GetProperty("nu_move").GetString());
        Assert.InRange(run.GetProperty("nu_move_acceptance").GetDouble(), 0.3, 1); // the fitted independence proposal: about 0.8 on such data
        Assert.True(json.RootElement.GetProperty("nu").GetProperty("ess_bulk").GetDouble() > 0);
        Assert.True(File.Exists(Path.Combine(plots, "trace_nu.png")));

        // `plot` draws ν too when the file has it.
        string replots = dir.File("replots");
        (code, _, err) = CliTests.Run("plot", draws, "--out", replots);
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(replots, "rank_nu.svg")));
    }

    [Theory]
    [InlineData("fit")]
    [InlineData("bench")]
    [InlineData("plot")]
    [InlineData("simulate")]
    [InlineData("devices")]
    public void EveryCommandsHelpPrintsWithoutError(string command)
    {
        // Spectre reads [x] in a description as a style: an unescaped one crashed `fit --help`.
        var (code, stdout, err) = CliTests.Run(command, "--help");
        Assert.True(code == 0, err);
        Assert.Contains("USAGE", stdout, StringComparison.Ordinal);
        Assert.Contains("EXAMPLES", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + err, StringComparison.Ordinal);
    }

    public static TheoryData<string[], string> BadNuOptions => new()
    {
        { ["fit", "--nu-prior", "gamma(2,0.1)"], "--nu-prior gamma(2,0.1): needs --nu estimate (nu is fixed at 6)" },
        { ["fit", "--nu", "4", "--nu-min", "2"], "--nu-min 2: needs --nu estimate (nu is fixed at 4)" },
        { ["fit", "--nu", "estimate", "--nu-prior", "beta(1,2)"], "--nu-prior beta(1,2): not a prior (gamma(SHAPE,RATE) or exponential(RATE)" },
        { ["fit", "--nu", "estimate", "--nu-prior", "gamma(-1,0.1)"], "--nu-prior gamma(-1,0.1): needs a shape and a rate > 0 and at most 1e6" },
        { ["fit", "--nu", "estimate", "--nu-prior", "gamma(1e308,1e308)"], "needs a shape and a rate > 0 and at most 1e6 (beyond, the prior pins nu" },
        { ["fit", "--nu", "estimate", "--nu-prior", "exponential(0)"], "--nu-prior exponential(0): needs a rate > 0 and at most 1e6" },
        { ["fit", "--nu", "estimate", "--nu-min", "1e6"], "--nu-min 1e6: must be below nu-max (1000000)" },
        { ["fit", "--nu", "estimate", "--nu-min", "0"], "--nu-min 0: must be a finite number > 0" },
        { ["fit", "--nu", "estimate", "--nu-min", "5", "--nu-max", "3"], "--nu-max 3: must be above nu-min (5)" },
        { ["fit", "--nu", "estimate", "--nu-max", "2e6"], "--nu-max 2e6: must be at most 1e6" },
        { ["fit", "--nu", "estimate", "--initial-nu", "0.5"], "--initial-nu 0.5: must lie in [nu-min, nu-max] = [1, 1000000]" },
        { ["fit", "--nu", "estimate", "--precision", "single"], "--precision single: single needs nu fixed" },
        { ["fit", "--nu", "estimate", "--nu-move", "slice"], "--nu-move slice: unknown move (ridge, walk, conditional)" },
        { ["simulate", "--n", "10", "--nu", "1e7"], "--nu 1e7: must be at most 1e6, the largest nu fit takes" },
        { ["fit", "--ess", "0"], "--ess 0: must be from 1 to 1e8" },
        { ["fit", "--ess", "400", "--seed", "1", "--backend", "cpu", "--chain-range", "0:2"], "--ess 400: cannot be used in a shard" },
    };

    [Fact]
    public void FitUntilEnoughWithCheckpointsIsRefusedLeavingNothing()
    {
        using var dir = new TempFolder();
        string draws = dir.File("d.csv");
        CliTests.AssertOneLineError(["fit", "--ess", "400", "--checkpoint-every", "1", "--out", draws], "--ess 400: cannot be checkpointed or resumed");
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(draws)!));
    }

    [Fact]
    public void FitUntilEnoughSaysWhenItStopped()
    {
        using var dir = new TempFolder();
        var (code, stdout, err) = CliTests.Run("fit", "--nu", "estimate", "--ess", "800", "--burn-in", "400", "--seed", "2", "--backend", "cpu-fast", "--out", dir.File("d.csv"),
            "--summary", dir.File("s.json"));
        Assert.True(code == 0, err);
        using (var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("s.json"))))
        {
            var run = json.RootElement.GetProperty("run");
            Assert.Equal(800, run.GetProperty("target_ess").GetInt32());
            Assert.True(run.GetProperty("target_reached").GetBoolean());
        }
        var line = stdout.Split('\n').Single(l => l.StartsWith("--ess 800: reached after ", StringComparison.Ordinal));
        int draws = int.Parse(line.Split(' ')[4], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(4 * draws + 1, File.ReadAllLines(dir.File("d.csv")).Length); // header + 4 chains × draws rows
        Assert.Contains("4 chains × up to 100000 draws (until --ess 800", stdout, StringComparison.Ordinal); // said before the run
        Assert.Contains($"({4 * draws} in all;", line, StringComparison.Ordinal);

        (code, stdout, err) = CliTests.Run("fit", "--ess", "100000", "--samples", "120", "--burn-in", "50", "--seed", "2", "--out", dir.File("e.csv"));
        Assert.True(code == 0, err); // the cap reached: the draws are kept, and the user told
        Assert.Contains("warning: --ess 100000: not reached within --samples 120 draws per chain", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void NuMinMustKeepThePosteriorProper()
    {
        // The posterior must be proper at every ν allowed: two points need ν ≥ 1, so a nu-min below is refused.
        using var dir = new TempFolder();
        CliTests.AssertOneLineError(["fit", "--nu", "estimate", "--nu-min", "0.5", "--data", dir.File("two.csv", "1\n2\n"), "--out", dir.File("d.csv")], "--nu-min 0.5: must be at least 1 for");
    }

    [Theory]
    [MemberData(nameof(BadNuOptions))]
    public void BadNuOptionsGiveOneLineErrors(string[] args, string expected) => CliTests.AssertOneLineError(args, expected);

    [Fact]
    public void EveryNuOptionThatDoesNotFitIsToldAtOnce()
    {
        var (code, stdout, err) = CliTests.Run("fit", "--nu-move", "walk", "--nu-min", "2", "--nu-max", "5");
        Assert.Equal((2, ""), (code, stdout));
        Assert.Equal(
            ["greatmodel: error: --nu-move walk: needs --nu estimate (nu is fixed at 6)", "greatmodel: error: --nu-min 2: needs --nu estimate (nu is fixed at 6)",
             "greatmodel: error: --nu-max 5: needs --nu estimate (nu is fixed at 6)"],
            err.TrimEnd('\n').Split('\n'));
    }

}
