using System.Diagnostics;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Cli;

/// <summary>
/// Shards merge into exactly one run (#17): four local processes, each a --shard of the run, merged by `greatmodel merge`,
/// give the draws file one process writes for all chains, byte for byte; shards that are not one run's are refused,
/// naming the difference.
/// </summary>
public class MergeCliTests
{
    /// <summary>Runs the K shards of a fit at once, as K processes (the local stand-in for a cluster), into dir/sI.</summary>
    private static void RunShards(TempFolder dir, int k, string[] fit)
    {
        var processes = Enumerable.Range(1, k).Select(i =>
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(CliTests.Program);
            foreach (string a in fit) start.ArgumentList.Add(a);
            foreach (string a in new[] { "--shard", $"{i}/{k}", "-q", "--out", Path.Combine(Directory.CreateDirectory(Path.Combine(dir.Path, $"s{i}")).FullName, "draws.csv") })
                start.ArgumentList.Add(a);
            return Process.Start(start)!;
        }).ToList();
        foreach (var p in processes)
        {
            string err = p.StandardError.ReadToEnd();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, err);
        }
    }

    [Theory]
    [InlineData("cpu-fast", "6")]
    [InlineData("cpu", "estimate")]
    public void FourProcessesMergeIntoTheOneRunByteForByte(string backend, string nu)
    {
        using var dir = new TempFolder();
        string[] fit = ["fit", "--chains", "7", "--seed", "41", "--backend", backend, "--nu", nu, "--burn-in", "50", "--samples", "60"];
        RunShards(dir, 4, fit);
        var (code, _, err) = CliTests.Run([.. fit, "-q", "--out", dir.File("whole.csv")]);
        Assert.True(code == 0, err);
        (code, string stdout, err) = CliTests.Run(["merge", .. Enumerable.Range(1, 4).Select(i => Path.Combine(dir.Path, $"s{i}")), "--out", dir.File("merged")]);
        Assert.True(code == 0, err);
        Assert.Contains("merged 4 shards: 7 chains × 60 draws", stdout, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(dir.File("whole.csv")), File.ReadAllBytes(Path.Combine(dir.Path, "merged", "draws.csv")));
        string summary = File.ReadAllText(Path.Combine(dir.Path, "merged", "summary.json"));
        Assert.Contains("\"merged_shards\": 4", summary, StringComparison.Ordinal); // the run entry, from the manifest
        Assert.Contains($"\"backend\": \"{backend}\"", summary, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.Path, "merged", "draws.manifest.json")));
    }

    [Fact]
    public void GroupedShardsMergeToo()
    {
        using var dir = new TempFolder();
        string data = dir.File("long.csv", "g,y\n" + string.Join('\n', Enumerable.Range(0, 60).Select(i => $"\"s,{i % 3}\",{(i * 0.73) % 5}")) + "\n");
        string[] fit = ["fit", "--data", data, "--group", "g", "--column", "y", "--chains", "5", "--seed", "3", "--backend", "cpu-fast", "--burn-in", "20", "--samples", "30"];
        RunShards(dir, 2, fit);
        var (code, _, err) = CliTests.Run([.. fit, "-q", "--out", dir.File("whole.csv")]);
        Assert.True(code == 0, err);
        (code, string stdout, err) = CliTests.Run("merge", Path.Combine(dir.Path, "s1"), Path.Combine(dir.Path, "s2"), "--out", dir.File("merged"));
        Assert.True(code == 0, err);
        Assert.Contains("group s,1", stdout, StringComparison.Ordinal); // each group's table, read back per group
        string summary = File.ReadAllText(Path.Combine(dir.Path, "merged", "summary.json"));
        Assert.Contains("\"groups\": 3", summary, StringComparison.Ordinal);
        Assert.Contains("\"s,2\": {", summary, StringComparison.Ordinal);
        // Each group's n, as a grouped fit's summary has it (the shards' manifests record the counts).
        using var json = System.Text.Json.JsonDocument.Parse(summary);
        Assert.Equal(20, json.RootElement.GetProperty("groups").GetProperty("s,1").GetProperty("n").GetInt32());
        Assert.Equal(File.ReadAllBytes(dir.File("whole.csv")), File.ReadAllBytes(Path.Combine(dir.Path, "merged", "draws.csv")));
    }

    [Fact]
    public void ShardsOfDifferentRunsAreRefusedNamingTheDifference()
    {
        using var dir = new TempFolder();
        static string[] Fit(string seed = "5", string burnIn = "20", string backend = "cpu-fast") =>
            ["fit", "--chains", "4", "--seed", seed, "--backend", backend, "--burn-in", burnIn, "--samples", "20"];
        RunShards(dir, 2, Fit());
        string Shard(string name, string[] fit)
        {
            string folder = Directory.CreateDirectory(Path.Combine(dir.Path, name)).FullName;
            var (code, _, err) = CliTests.Run([.. fit, "--shard", "2/2", "-q", "--out", Path.Combine(folder, "draws.csv")]);
            Assert.True(code == 0, err);
            return folder;
        }
        string s1 = Path.Combine(dir.Path, "s1"), s2 = Path.Combine(dir.Path, "s2"), output = dir.File("out");
        CliTests.AssertOneLineError(["merge", s1, Shard("seed", Fit(seed: "6")), "--out", output], "seed 6, but");
        CliTests.AssertOneLineError(["merge", s1, Shard("burn", Fit(burnIn: "21")), "--out", output], "setting burn_in = 21, but");
        CliTests.AssertOneLineError(["merge", s1, Shard("backend", Fit(backend: "cpu")), "--out", output], "backend cpu, but");
        CliTests.AssertOneLineError(["merge", s1, "--out", output], "chains 2:4 of the run's 4 are in no shard given");
        CliTests.AssertOneLineError(["merge", s1, s1, s2, "--out", output], "given 2 times; give each shard once");
        Assert.False(Directory.Exists(output), "a refused merge leaves no --out folder behind");
        CliTests.AssertOneLineError(["merge", dir.Path, "--out", output], "no *.manifest.json in it");
        // Into a shard's own folder: its draws.csv and manifest would be replaced (also through a link and '..').
        CliTests.AssertOneLineError(["merge", s1, s2, "--out", s2], "a command never writes over its input");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "via"), Path.Combine(s1, "sub"));
        Directory.CreateDirectory(Path.Combine(s1, "sub"));
        CliTests.AssertOneLineError(["merge", s1, s2, "--out", Path.Combine(dir.Path, "via", "..")], "a command never writes over its input");
        // Into a folder holding another run's records: it would hold two, and `merge DIR` could not tell them apart.
        string other = Directory.CreateDirectory(Path.Combine(dir.Path, "other")).FullName;
        File.WriteAllText(Path.Combine(other, "x.manifest.json"), "{}");
        CliTests.AssertOneLineError(["merge", s1, s2, "--out", other], "--out " + other + ": holds another run's record x.manifest.json; merge into a folder of its own");
        // A shard stopped early (SIGTERM at a time limit) is one run's, but not yet whole: said so, not "another run's".
        string stopped = Shard("stopped", Fit());
        string manifest = Path.Combine(stopped, "draws.manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"draws_per_chain\": 20", "\"draws_per_chain\": 12", StringComparison.Ordinal));
        CliTests.AssertOneLineError(["merge", s1, stopped, "--out", output], "its shard stopped after 12 of 20 draws per chain; complete it first");
        // An altered shard: one digit of a draw, then a row's draw number (the bytes its manifest hashed differ either way).
        string written = File.ReadAllText(Path.Combine(s2, "draws.csv"));
        int digit = written.LastIndexOf(',') + 2;
        File.WriteAllText(Path.Combine(s2, "draws.csv"), written[..digit] + (written[digit] == '1' ? '2' : '1') + written[(digit + 1)..]);
        CliTests.AssertOneLineError(["merge", s1, s2, "--out", output], "its bytes are not those its shard wrote (SHA-256 differs");
        var lines = written.TrimEnd('\n').Split('\n');
        lines[5] = string.Join(',', lines[5].Split(',').Select((cell, k) => k == 1 ? "99" : cell));
        File.WriteAllLines(Path.Combine(s2, "draws.csv"), lines);
        CliTests.AssertOneLineError(["merge", s1, s2, "--out", output], "its bytes are not those its shard wrote");
        Assert.False(File.Exists(Path.Combine(output, "draws.csv")));
    }

    /// <summary>merge and bench take their --out folder as every command takes its outputs: claimed, so a second writer is refused.</summary>
    [Fact]
    public void AFolderAnotherCommandIsWritingIsRefused()
    {
        using var dir = new TempFolder();
        RunShards(dir, 2, ["fit", "--chains", "2", "--seed", "5", "--backend", "cpu-fast", "--burn-in", "10", "--samples", "10"]);
        string merged = dir.File("merged");
        GreatModel.Cli.Commands.OutputLocks.Claim(GreatModel.Files.Durability.FilePaths.FullPath(merged), "--out merged");
        try
        {
            CliTests.AssertOneLineError(["merge", Path.Combine(dir.Path, "s1"), Path.Combine(dir.Path, "s2"), "--out", merged], "another greatmodel command is writing it now");
            CliTests.AssertOneLineError(["bench", "--quick", "--backends", "cpu", "--out", merged], "another greatmodel command is writing it now");
            Assert.False(Directory.Exists(merged), "a refused command makes no folder");
        }
        finally
        {
            GreatModel.Cli.Commands.OutputLocks.ReleaseAll();
        }
        var (code, _, err) = CliTests.Run("merge", Path.Combine(dir.Path, "s1"), Path.Combine(dir.Path, "s2"), "--out", merged + "/"); // a trailing slash: one folder, one lock beside it
        Assert.True(code == 0, err);
        Assert.False(File.Exists(Path.Combine(merged, "..lock")), "the lock is beside the folder, not in it");
    }

    [Fact]
    public void AShardNeedsASeedAndTheTidyLayout()
    {
        using var dir = new TempFolder();
        CliTests.AssertOneLineError(["fit", "--shard", "1/2", "--backend", "cpu", "--out", dir.File("d.csv")], "--shard 1/2: needs --seed");
        CliTests.AssertOneLineError(["fit", "--chain-range", "0:2", "--seed", "1", "--backend", "cpu", "--format", "cmdstan", "--out", dir.File("d.csv")], "a shard writes the tidy layout");
    }
}
