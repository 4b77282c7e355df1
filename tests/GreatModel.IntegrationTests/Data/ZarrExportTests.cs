using System.Diagnostics;
using GreatModel.Tests.Cli;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

/// <summary>
/// `greatmodel export` (#30 item 2): the InferenceData store opens in xarray (ArviZ 1.x's reader) group by group, its dims
/// and values those of the tidy file it came from. Runs where Debian's python3-xarray and python3-zarr are installed;
/// skipped, saying so, elsewhere.
/// </summary>
public class ZarrExportTests
{
    /// <summary>Runs a Python script with Debian's python3 (xarray, zarr, pandas), or skips when they are missing.</summary>
    private static string[] Python(string script)
    {
        string python = ExternalReaders.Python("xarray", "zarr", "pandas");
        var run = Process.Start(new ProcessStartInfo(python, ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string stdout = run.StandardOutput.ReadToEnd(), stderr = run.StandardError.ReadToEnd();
        Assert.True(run.WaitForExit(TimeSpan.FromMinutes(2)), "python did not finish in 2 minutes");
        Assert.True(run.ExitCode == 0, stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void XarrayOpensEveryGroupWithTheTidyFilesValues()
    {
        using var dir = new TempFolder();
        string data = dir.File("d.csv", "x\n" + string.Join('\n', Enumerable.Range(0, 30).Select(i => (Math.Sin(i * 1.3) * 2).ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "\n");
        string draws = dir.File("t.csv"), store = dir.File("t.zarr");
        Assert.Equal(0, CliTests.Run("fit", "--data", data, "--nu", "estimate", "--chains", "3", "--samples", "50", "--seed", "2", "--log-lik", "--predictive", "-q", "--out", draws).Code);
        var (code, stdout, err) = CliTests.Run("export", draws, "--data", data, "--out", store);
        Assert.True(code == 0, err);
        Assert.Contains("posterior, log_likelihood, posterior_predictive, observed_data", stdout, StringComparison.Ordinal);
        var lines = Python($$"""
            import xarray as xr, pandas as pd, numpy as np
            d = pd.read_csv("{{draws}}", float_precision="round_trip")
            p = xr.open_zarr("{{store}}", group="posterior")
            print(p.mu.dims, p.mu.shape, list(p.chain.values), int(p.draw.values[-1]))
            for v in ["mu", "sigma2", "nu"]:
                print(v, np.array_equal(p[v].values, d.pivot(index=".iteration", columns=".chain", values=v).to_numpy().T))
            ll = xr.open_zarr("{{store}}", group="log_likelihood").y
            first = d[d[".chain"] == 2].sort_values(".iteration")
            print(ll.dims, ll.shape, np.array_equal(ll.values[1], first[[f"log_lik[{i}]" for i in range(1, 31)]].to_numpy()))
            yrep = xr.open_zarr("{{store}}", group="posterior_predictive").y
            print(yrep.shape, np.array_equal(yrep.values[1], first[[f"y_rep[{i}]" for i in range(1, 31)]].to_numpy()))
            print(xr.open_zarr("{{store}}", group="observed_data").y.shape)
            """);
        Assert.Equal("('chain', 'draw') (3, 50) [0, 1, 2] 49", lines[0]);
        Assert.Equal(["mu True", "sigma2 True", "nu True"], lines[1..4]);
        Assert.Equal("('chain', 'draw', 'y_dim_0') (3, 50, 30) True", lines[4]);
        Assert.Equal("(3, 50, 30) True", lines[5]);
        Assert.Equal("(30,)", lines[6]);
        // Again into the same store: replaced whole; a folder of anything else is refused, and nothing is left behind.
        Assert.Equal(0, CliTests.Run("export", draws, "--out", store).Code);
        Assert.False(Directory.Exists(Path.Combine(store, "observed_data")), "the earlier store was replaced, not merged into");
        Directory.CreateDirectory(dir.File("mine"));
        CliTests.AssertOneLineError(["export", draws, "--out", dir.File("mine")], "exists and is not a store greatmodel wrote");
        CliTests.AssertOneLineError(["export", data, "--out", dir.File("x.zarr")], "not a tidy draws file");
        Assert.Empty(Directory.GetDirectories(dir.Path, ".*", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    /// <summary>
    /// export --data takes only the run's own data when a run record beside the draws can tell (here the checkpoint's): other
    /// data, of another count or of the same count, are refused; without a record a warning says nothing checked them.
    /// </summary>
    [Fact]
    public void ExportRefusesDataThatAreNotTheRunsWhereItsRecordTells()
    {
        using var dir = new TempFolder();
        static string Column(int n, double shift) => "x\n" + string.Join('\n', Enumerable.Range(0, n).Select(i => (Math.Sin(i * 1.3) + shift).ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "\n";
        string data = dir.File("d.csv", Column(30, 0)), shorter = dir.File("short.csv", Column(20, 0)), other = dir.File("other.csv", Column(30, 0.5));
        string draws = dir.File("t.csv");
        Assert.Equal(0, CliTests.Run("fit", "--data", data, "--chains", "2", "--samples", "50", "--seed", "2", "--checkpoint-every", "60", "-q", "--out", draws).Code);
        CliTests.AssertOneLineError(["export", draws, "--data", shorter, "--out", dir.File("a.zarr")], $"--data {shorter}: 20 values, but the run of {draws} had 30 (its record): not the run's data");
        CliTests.AssertOneLineError(["export", draws, "--data", other, "--out", dir.File("b.zarr")], "as many as the run of");
        var (code, _, err) = CliTests.Run("export", draws, "--data", data, "--out", dir.File("c.zarr"));
        Assert.True(code == 0, err);
        Assert.DoesNotContain("warning", err, StringComparison.Ordinal);
        File.Delete(Path.ChangeExtension(draws, ".checkpoint.json"));
        (code, _, err) = CliTests.Run("export", draws, "--data", other, "--out", dir.File("d.zarr"));
        Assert.Equal(0, code);
        Assert.Contains($"warning: --data {other}: no run record beside {draws}, so nothing checks that these are the run's data", err, StringComparison.Ordinal);
    }

    /// <summary>A tidy file cut short (its last row without a line end, its last number cut) is refused, as summary and plot refuse it.</summary>
    [Fact]
    public void ExportRefusesADrawsFileCutShort()
    {
        using var dir = new TempFolder();
        string draws = dir.File("t.csv");
        Assert.Equal(0, CliTests.Run("fit", "--chains", "2", "--samples", "20", "--seed", "2", "-q", "--out", draws).Code);
        string text = File.ReadAllText(draws);
        string cut = dir.File("cut.csv", text[..^9]);
        CliTests.AssertOneLineError(["export", cut, "--out", dir.File("c.zarr")], $"{cut}: the file ends inside its last row, with no line end after it");
        Assert.False(Directory.Exists(dir.File("c.zarr")));
        Assert.Equal(0, CliTests.Run("export", draws, "--out", dir.File("whole.zarr")).Code);
    }

    /// <summary>
    /// <c>fit --format zarr</c> writes the store <c>export</c> makes of the same run's tidy file, chunk for chunk, with the
    /// observed data, and leaves nothing beside it (its rows streamed to a hidden file there first).
    /// </summary>
    [Fact]
    public void FitWritesTheStoreExportMakesOfTheSameRun()
    {
        using var dir = new TempFolder();
        string data = dir.File("d.csv", "x\n" + string.Join('\n', Enumerable.Range(0, 25).Select(i => (Math.Cos(i * 0.7) * 3).ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "\n");
        string[] fit = ["fit", "--data", data, "--chains", "2", "--samples", "40", "--seed", "4", "--log-lik", "-q"];
        var (code, stdout, err) = CliTests.Run([.. fit, "--format", "zarr", "--out", dir.File("direct.zarr"), "--summary", dir.File("s.json")]);
        Assert.True(code == 0, err);
        Assert.Contains("draws written to " + dir.File("direct.zarr") + " (ArviZ InferenceData, Zarr v2: posterior, sample_stats, log_likelihood, observed_data)", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.File("s.json")), "the summary is read back from the rows before they go");
        Assert.Equal(0, CliTests.Run([.. fit, "--out", dir.File("t.csv")]).Code);
        Assert.Equal(0, CliTests.Run("export", dir.File("t.csv"), "--data", data, "--out", dir.File("exported.zarr")).Code);
        // fit's store has sample_stats (lp, streamed with the rows) beside what export makes of the tidy file, which has no lp.
        static IEnumerable<string> Chunks(string store) => Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.')).Select(f => Path.GetRelativePath(store, f))
            .Where(f => !f.StartsWith("sample_stats", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.File("direct.zarr"), "sample_stats", "lp", "0.0")), "fit's store has sample_stats/lp");
        Assert.Equal(Chunks(dir.File("exported.zarr")), Chunks(dir.File("direct.zarr")));
        foreach (string chunk in Chunks(dir.File("direct.zarr")))
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("exported.zarr"), chunk)), File.ReadAllBytes(Path.Combine(dir.File("direct.zarr"), chunk)));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path, ".*", new EnumerationOptions { AttributesToSkip = 0 }));
        CliTests.AssertOneLineError([.. fit, "--format", "zarr", "--checkpoint-every", "5", "--out", dir.File("c.zarr")], "--checkpoint-every 5: needs the tidy layout");

        // A grouped run's store has the group dimension export gives the grouped tidy file.
        string groups = dir.File("g.csv", "g,x\n" + string.Join('\n', Enumerable.Range(0, 40).Select(i => $"{(i % 2 == 0 ? "a" : "b")},{Math.Sin(i * 0.9).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}")) + "\n");
        string[] grouped = ["fit", "--data", groups, "--group", "g", "--column", "x", "--chains", "2", "--samples", "30", "--seed", "5", "-q"];
        (code, stdout, err) = CliTests.Run([.. grouped, "--format", "zarr", "--out", dir.File("gd.zarr")]);
        Assert.True(code == 0, err);
        Assert.Contains("a group dimension", stdout, StringComparison.Ordinal);
        Assert.Equal(0, CliTests.Run([.. grouped, "--out", dir.File("gt.csv")]).Code);
        Assert.Equal(0, CliTests.Run("export", dir.File("gt.csv"), "--out", dir.File("ge.zarr")).Code);
        Assert.Equal(Chunks(dir.File("ge.zarr")), Chunks(dir.File("gd.zarr")));
        foreach (string chunk in Chunks(dir.File("gd.zarr")))
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("ge.zarr"), chunk)), File.ReadAllBytes(Path.Combine(dir.File("gd.zarr"), chunk)));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path, ".*", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    [Fact]
    public void AGroupedRunHasAGroupDimensionWithItsLabels()
    {
        using var dir = new TempFolder();
        string data = dir.File("g.csv", "g,x\n" + string.Join('\n', Enumerable.Range(0, 40).Select(i => $"{(i % 2 == 0 ? "north, A" : "south")},{Math.Sin(i) + (i % 2):R}")).Replace("north, A", "\"north, A\"", StringComparison.Ordinal) + "\n");
        string draws = dir.File("gd.csv"), store = dir.File("g.zarr");
        Assert.Equal(0, CliTests.Run("fit", "--data", data, "--group", "g", "--column", "x", "--chains", "2", "--samples", "40", "--seed", "3", "-q", "--out", draws).Code);
        var (code, _, err) = CliTests.Run("export", draws, "--out", store);
        Assert.True(code == 0, err);
        var lines = Python($$"""
            import xarray as xr, pandas as pd, numpy as np
            d = pd.read_csv("{{draws}}", float_precision="round_trip")
            p = xr.open_zarr("{{store}}", group="posterior")
            print(p.mu.dims, p.mu.shape, list(p.group.values))
            same = all(np.array_equal(p[v].sel(group=g).values, d[d["group"] == g].pivot(index=".iteration", columns=".chain", values=v).to_numpy().T)
                       for g in ["north, A", "south"] for v in ["mu", "sigma2"])
            print(same)
            """);
        Assert.Equal("('group', 'chain', 'draw') (2, 2, 40) ['north, A', 'south']", lines[0]);
        Assert.Equal("True", lines[1]); // every parameter of every group, value for value
    }

    /// <summary>
    /// fit's store: <c>sample_stats/lp</c> is the log density CmdStan's files give as lp__ for the same run, and the root's
    /// attributes hold the run record (seed, backend) and name the data as the source.
    /// </summary>
    [Fact]
    public void FitsStoreHoldsTheLogDensityAndTheRunRecord()
    {
        using var dir = new TempFolder();
        string[] fit = ["fit", "--chains", "2", "--samples", "30", "--seed", "6", "--backend", "cpu", "--nu", "estimate", "-q"];
        Assert.Equal(0, CliTests.Run([.. fit, "--format", "zarr", "--out", dir.File("f.zarr")]).Code);
        Directory.CreateDirectory(dir.File("cs"));
        Assert.Equal(0, CliTests.Run([.. fit, "--format", "cmdstan", "--out", Path.Combine(dir.Path, "cs", "d.csv")]).Code);
        var lines = Python($$"""
            import xarray as xr, pandas as pd, numpy as np, json
            s = xr.open_zarr("{{dir.File("f.zarr")}}", group="sample_stats")
            lp = np.array([pd.read_csv("{{Path.Combine(dir.Path, "cs")}}/d_%d.csv" % c, comment="#")["lp__"].to_numpy() for c in (1, 2)])
            print(s.lp.dims, s.lp.shape)
            print(np.allclose(s.lp.values, lp, rtol=1e-5, atol=0))
            attrs = xr.open_zarr("{{dir.File("f.zarr")}}", group="posterior").attrs
            print(json.dumps([attrs["run"]["seed"], attrs["run"]["backend"], attrs["source"], attrs["inference_library"]]))
            """);
        Assert.Equal("('chain', 'draw') (2, 30)", lines[0]);
        Assert.Equal("True", lines[1]); // CmdStan's lp__ is printed to 6 significant digits
        Assert.Equal("[6, \"cpu\", \"built-in example\", \"greatmodel\"]", lines[2]);
    }

    /// <summary>
    /// Rows in another order within a chunk are placed by their chain and draw (rows across chunks out of order are refused);
    /// a store that holds its own input is never replaced.
    /// </summary>
    [Fact]
    public void RowsInAnotherOrderArePlacedAndAStoreHoldingTheInputIsRefused()
    {
        using var dir = new TempFolder();
        string draws = dir.File("t.csv");
        Assert.Equal(0, CliTests.Run("fit", "--chains", "2", "--samples", "10", "--seed", "2", "-q", "--out", draws).Code);
        var lines = File.ReadAllLines(draws);
        File.WriteAllLines(dir.File("sorted.csv"), [lines[0], .. lines.Skip(1).OrderBy(l => l.Split(',')[0], StringComparer.Ordinal)]);
        Assert.Equal(0, CliTests.Run("export", dir.File("sorted.csv"), "--out", dir.File("s.zarr")).Code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("s.zarr"), "posterior", "mu", "0.0")), ReadChunkAfter(draws, dir.File("m.zarr")));
        Assert.Equal(0, CliTests.Run("export", draws, "--out", dir.File("t.zarr")).Code);
        File.Copy(draws, Path.Combine(dir.File("t.zarr"), "draws.csv"));
        CliTests.AssertOneLineError(["export", Path.Combine(dir.File("t.zarr"), "draws.csv"), "--out", dir.File("t.zarr") + "/"], "holds the input");
        Assert.True(File.Exists(Path.Combine(dir.File("t.zarr"), "draws.csv")), "the input is untouched");
    }

    private static byte[] ReadChunkAfter(string draws, string store)
    {
        Assert.Equal(0, CliTests.Run("export", draws, "--out", store).Code);
        return File.ReadAllBytes(Path.Combine(store, "posterior", "mu", "0.0"));
    }
}
