using System.Globalization;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Cli;

/// <summary>`fit --group` from the command line (#15): long-format input, every output keyed by group, bad groups refused by name.</summary>
public class GroupedCliTests
{
    /// <summary>The shipped example, found up from the test binaries (however deep the build put them).</summary>
    private static string Example
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "examples", "sensors.csv");
                if (File.Exists(candidate)) return candidate;
            }
            throw new FileNotFoundException("examples/sensors.csv not found above " + AppContext.BaseDirectory);
        }
    }

    [Fact]
    public void TheShippedExampleFitsPerGroupWithEveryOutputKeyedByGroup()
    {
        using var dir = new TempFolder();
        string draws = dir.File("draws.csv"), summary = dir.File("s.json"), plots = dir.File("plots");
        var (code, stdout, err) = CliTests.Run("fit", "--data", Example, "--group", "sensor", "--column", "reading", "--chains", "2",
            "--burn-in", "200", "--samples", "300", "--seed", "5", "--backend", "cpu", "--out", draws, "--summary", summary,
            "--plots", plots, "--plot-groups", "S01,S12", "-q");
        Assert.True(code == 0, err);
        Assert.Contains("12 groups, n = 2 to 2000 (4299 in all)", stdout, StringComparison.Ordinal);
        Assert.Contains("group S01 (n = 2)", stdout, StringComparison.Ordinal);
        var lines = File.ReadAllLines(draws);
        Assert.Equal("group,.chain,.iteration,.draw,mu,sigma2", lines[0]);
        Assert.Equal(1 + (12 * 2 * 300), lines.Length);
        var s01 = lines.Skip(1).Where(l => l.StartsWith("S01,", StringComparison.Ordinal)).ToArray();
        Assert.Equal(600, s01.Length);
        Assert.Equal(Enumerable.Range(1, 600).Select(d => d.ToString(CultureInfo.InvariantCulture)), s01.Select(l => l.Split(',')[3]).Order(StringComparer.Ordinal).OrderBy(int.Parse));
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(summary));
        Assert.Equal(12, json.RootElement.GetProperty("run").GetProperty("groups").GetInt32());
        var groups = json.RootElement.GetProperty("groups");
        Assert.Equal(2000, groups.GetProperty("S12").GetProperty("n").GetInt32());
        Assert.True(groups.GetProperty("S12").GetProperty("mu").GetProperty("r_hat").GetDouble() < 1.05);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, json.RootElement.GetProperty("not_converged").ValueKind);
        Assert.True(File.Exists(Path.Combine(plots, "S12", "trace_mu.png")));
        Assert.False(Directory.Exists(Path.Combine(plots, "S02")));
    }

    [Fact]
    public void PlotDrawsOneGroupOfAGroupedTidyFile()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("long.csv"), "site,y\na,1.5\nb,2\na,2.5\nb,7\na,0.2\nb,3\n");
        var (code, _, err) = CliTests.Run("fit", "--data", dir.File("long.csv"), "--group", "site", "--column", "y", "--chains", "2",
            "--burn-in", "20", "--samples", "10", "--seed", "5", "--out", dir.File("fit.csv"), "-q");
        Assert.True(code == 0, err);
        (code, _, err) = CliTests.Run("plot", dir.File("fit.csv"), "--group", "b", "--out", dir.File("plots"));
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(dir.File("plots"), "trace_mu.png")));
        CliTests.AssertOneLineError(["plot", dir.File("fit.csv"), "--out", dir.File("p2")], "each group is its own posterior; name one with --group LABEL");
        CliTests.AssertOneLineError(["plot", dir.File("fit.csv"), "--group", "z", "--out", dir.File("p2")], "--group z: no such group in");
        CliTests.AssertOneLineError(["plot", dir.File("fit.csv"), "--group", "a", "--true-sigma2", "-1", "--out", dir.File("p2")], "--true-sigma2 -1: must be a finite number > 0");
    }

    [Fact]
    public void CmdStanWritesAFileSetPerGroupInAFolder()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("long.csv"), "site,y\nx/1,1.5\nb,2\nx/1,2.5\nb,7\nx/1,0.2\nb,3\n");
        var (code, stdout, err) = CliTests.Run("fit", "--data", dir.File("long.csv"), "--group", "site", "--column", "y", "--chains", "2",
            "--burn-in", "20", "--samples", "10", "--seed", "5", "--format", "cmdstan", "--out", dir.File("fit.csv"), "-q");
        Assert.True(code == 0, err);
        Assert.Equal(["b_1.csv", "b_2.csv", "x_1_1.csv", "x_1_2.csv"], Directory.GetFiles(dir.File("fit")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("北京", GreatModel.Files.Durability.FilePaths.SafeName("北京")); // labels of any script keep their letters
        Assert.Equal("ünïcødé_1", GreatModel.Files.Durability.FilePaths.SafeName("ünïcødé/1"));
        var header = File.ReadAllLines(Path.Combine(dir.File("fit"), "x_1_2.csv"));
        Assert.Contains("# greatmodel: group = x/1, nu = 6, n = 3", header.Single(l => l.StartsWith("# greatmodel: group", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("draws written to", stdout, StringComparison.Ordinal);
        // One group's files plot; all of them together are refused as different groups (not "different runs").
        var files = Directory.GetFiles(dir.File("fit")).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(0, CliTests.Run("plot", files[0], files[1], "--out", dir.File("plots-b")).Code);
        CliTests.AssertOneLineError(["plot", .. files, "--out", dir.File("plots")], "draws files of 2 groups ('b', 'x/1'): each group is its own posterior; give one group's files");
    }

    public static TheoryData<string, string[], string> BadGroupedRuns => new()
    {
        { "g,v\na,1\na,2\nb,3\n", ["--group", "g", "--column", "v"], "long.csv, group 'b' (line 4): 1 observation(s); the posterior is proper only with at least 2" },
        { "g,v\na,1\nb,3\na,2\nb,3\nb,3\n", ["--group", "g", "--column", "v"], "long.csv, group 'b' (lines 3, 5–6): all 3 observations equal 3" },
        { "g,v\na,1\n,3\na,2\n", ["--group", "g", "--column", "v"], "long.csv, line 3: the g cell is empty; every row needs its group" },
        { "g,v\na,1\na,2\n", ["--group", "g"], "--group g: needs --data (a long-format file: one row per observation) and --column (the value column)" },
        { "g,v\na,1\na,2\n", ["--group", "h", "--column", "v"], "long.csv, line 1: no column named 'h' in the header (columns: g, v)" },
        { "g,v\na,1\na,2\n", ["--group", "g", "--column", "v", "--plots", "p"], "--plots p: with --group, name the groups to plot with --plot-groups A,B (of 1 groups)" },
        { "g,v\na,1\na,2\n", ["--group", "g", "--column", "v", "--plots", "p", "--plot-groups", "z"], "--plot-groups z: no group 'z' in long.csv (groups: a)" },
        { "g,v\na,1\na,2\n", ["--column", "v", "--plot-groups", "a"], "--plot-groups a: needs --group (a grouped run)" },
        { "g,v\na b,1\na b,2\na_b,1\na_b,3\n", ["--group", "g", "--column", "v", "--format", "cmdstan"], "groups 'a b' and 'a_b' would both be written as" },
        // A leading '.' is written as '_' (".h" gave hidden files that a *.csv glob misses), so it meets "_h".
        { "g,v\n.h,1\n.h,2\n_h,1\n_h,3\n", ["--group", "g", "--column", "v", "--format", "cmdstan"], "groups '.h' and '_h' would both be written as" },
        { "g,v\n\"a\nb\",1\n\"a\nb\",2\n", ["--group", "g", "--column", "v"], "long.csv, line 2: group 'a\\u000Ab': its label holds a control character" },
        { "g,v\na,1\na,2\n", ["--group", "v", "--column", "v"], "long.csv: the group column and the value column are both 'v'; they must be two columns" },
    };

    [Theory]
    [MemberData(nameof(BadGroupedRuns))]
    public void BadGroupedRunsAreRefusedInOneLineNamingTheGroup(string file, string[] options, string message)
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("long.csv"), file);
        var before = Directory.GetFileSystemEntries(dir.Path).Length;
        var (code, stdout, err) = CliTests.RunIn(dir.Path, ["fit", "--data", "long.csv", .. options, "--seed", "1", "-q"]);
        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Equal("", stdout);
        Assert.Equal(before, Directory.GetFileSystemEntries(dir.Path).Length); // nothing written
    }
}
