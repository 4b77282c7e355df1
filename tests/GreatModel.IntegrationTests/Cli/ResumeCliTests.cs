using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Cli;

/// <summary>
/// Checkpoints and resume from the command line (#17 item 4): a run killed with SIGKILL resumes from its last checkpoint into
/// the file the uninterrupted run writes, byte for byte; a finished run extends to more samples as a longer run would;
/// a checkpointed shard resumes and still merges; and every resume that could be silently wrong is refused in one line.
/// </summary>
public class ResumeCliTests
{
    private static string Data(TempFolder dir, int n) =>
        dir.File("d.csv", "x\n" + string.Join('\n', Enumerable.Range(0, n).Select(i => (Math.Sin(i * 1.7) * 3 + (i % 7 == 0 ? 9 : 0)).ToString("R", CultureInfo.InvariantCulture))) + "\n");

    private static JsonElement Checkpoint(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    [Fact]
    public async Task ARunKilledWithSigkillResumesIntoTheUninterruptedRunsFileByteForByte()
    {
        using var dir = new TempFolder();
        string[] fit = ["fit", "--data", Data(dir, 5000), "--column", "x", "--chains", "2", "--seed", "9", "--backend", "cpu-fast", "--nu", "estimate",
            "--burn-in", "300", "--samples", "40000", "-q"];
        string run = Directory.CreateDirectory(Path.Combine(dir.Path, "run")).FullName, checkpoint = Path.Combine(run, "draws.checkpoint.json");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in (string[])[CliTests.Program, .. fit, "--out", Path.Combine(run, "draws.csv"), "--checkpoint-every", "0.05"]) start.ArgumentList.Add(a);
        using (var process = Process.Start(start)!)
        {
            // Killed as soon as a checkpoint with draws exists: long before the run's end.
            var clock = Stopwatch.StartNew();
            while (!(File.Exists(checkpoint) && Checkpoint(checkpoint).GetProperty("draws_per_chain").GetInt32() > 0) && clock.Elapsed < TimeSpan.FromSeconds(60))
                await Task.Delay(10, TestContext.Current.CancellationToken);
            process.Kill(); // SIGKILL: no handler runs, nothing is committed
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        var killed = Checkpoint(checkpoint);
        Assert.False(killed.GetProperty("ended").GetBoolean(), "the run finished before it could be killed; make it longer");
        Assert.False(File.Exists(Path.Combine(run, "draws.csv")));
        Assert.True(new FileInfo(Path.Combine(run, "draws.csv.partial")).Length >= killed.GetProperty("bytes").GetInt64());

        var (code, stdout, err) = CliTests.Run("fit", "--resume", run);
        Assert.True(code == 0, err);
        Assert.Contains("draws written to", stdout, StringComparison.Ordinal);
        (code, _, err) = CliTests.Run([.. fit, "--out", dir.File("whole.csv")]);
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(dir.File("whole.csv")), File.ReadAllBytes(Path.Combine(run, "draws.csv")));
        Assert.False(File.Exists(Path.Combine(run, "draws.csv.partial")));
        Assert.True(Checkpoint(checkpoint).GetProperty("ended").GetBoolean());
    }

    [Fact]
    public void AFinishedRunExtendsToMoreSamplesAsALongerRunWould() // its rows with their log_lik and y_rep columns
    {
        using var dir = new TempFolder();
        string[] fit = ["fit", "--chains", "3", "--seed", "4", "--backend", "cpu", "--burn-in", "40", "--thin", "2", "--log-lik", "--predictive", "-q"];
        var (code, _, err) = CliTests.Run([.. fit, "--samples", "30", "--out", dir.File("run.csv"), "--checkpoint-every", "60"]);
        Assert.True(code == 0, err);
        (code, string extended, err) = CliTests.Run("fit", "--resume", dir.File("run.checkpoint.json"), "--samples", "75", "--summary", dir.File("s.json"));
        Assert.True(code == 0, err);
        (code, string longer, err) = CliTests.Run([.. fit, "--samples", "75", "--out", dir.File("longer.csv")]);
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(dir.File("longer.csv")), File.ReadAllBytes(dir.File("run.csv")));
        // The predictive check counts every replication, the first run's too: the same line as the longer run's.
        static string Check(string stdout) => stdout.Split('\n').Single(l => l.StartsWith("posterior predictive check, 225 replications", StringComparison.Ordinal));
        Assert.Equal(Check(longer), Check(extended));
        Assert.Contains("at sweep 100 (30 draws per chain); the timing below is of the sweeps after it", extended, StringComparison.Ordinal);
        (code, string again, err) = CliTests.Run("fit", "--resume", dir.File("run.checkpoint.json"));
        Assert.True(code == 0, err);
        Assert.Contains("nothing left to draw (sweep 190, 75 draws per chain)", again, StringComparison.Ordinal);
        Assert.DoesNotContain("datum-updates/s", again, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(dir.File("longer.csv")), File.ReadAllBytes(dir.File("run.csv")));
        Assert.Contains("\"draws_per_chain\": 75", File.ReadAllText(dir.File("s.json")), StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("longer.checkpoint.json"))); // only checkpointed runs leave one
    }

    [Fact]
    public void AGroupedRunResumesAndItsSummaryIsReadBackPerGroup()
    {
        using var dir = new TempFolder();
        string data = dir.File("long.csv", "g,y\n" + string.Join('\n', Enumerable.Range(0, 90).Select(i => $"\"s,{i % 3}\",{(i * 0.73) % 5}")) + "\n");
        string[] fit = ["fit", "--data", data, "--group", "g", "--column", "y", "--chains", "2", "--seed", "8", "--backend", "cpu", "--burn-in", "20", "-q"];
        Assert.Equal(0, CliTests.Run([.. fit, "--samples", "15", "--out", dir.File("run.csv"), "--checkpoint-every", "60"]).Code);
        var (code, stdout, err) = CliTests.Run("fit", "--resume", dir.Path, "--samples", "40", "--summary", dir.File("s.json"));
        Assert.True(code == 0, err);
        Assert.Contains("group s,0 (n = 30)", stdout, StringComparison.Ordinal); // the per-group tables, from the file
        Assert.Contains("\"s,2\"", File.ReadAllText(dir.File("s.json")), StringComparison.Ordinal);
        Assert.Equal(0, CliTests.Run([.. fit, "--samples", "40", "--out", dir.File("longer.csv")]).Code);
        Assert.Equal(File.ReadAllBytes(dir.File("longer.csv")), File.ReadAllBytes(dir.File("run.csv")));
        // A grouped file is each group's own posterior: read as one run's, it is refused, not pooled.
        (code, _, err) = CliTests.Run("plot", dir.File("run.csv"), "--out", dir.File("plots"));
        Assert.Equal(2, code);
        Assert.Contains("a grouped run's draws (a group column)", err, StringComparison.Ordinal);
    }

    [Fact]
    public void LongRowsDevicesAndASecondWriterAreHandled()
    {
        using var dir = new TempFolder();
        // Rows longer than any window a reader might scan (n = 5000 log-likelihood columns): resumed and extended whole.
        string[] fit = ["fit", "--data", Data(dir, 5000), "--column", "x", "--chains", "2", "--seed", "3", "--backend", "ilgpu-cpu", "--burn-in", "5", "--log-lik", "-q"];
        var (code, stdout, err) = CliTests.Run([.. fit, "--samples", "4", "--out", dir.File("run.csv"), "--checkpoint-every", "60", "--devices", "0,1"]);
        Assert.True(code == 0, err);
        Assert.Contains("2 devices, chains split", stdout, StringComparison.Ordinal); // --devices kept with checkpoints
        (code, stdout, err) = CliTests.Run("fit", "--resume", dir.Path, "--samples", "7", "--devices", "0,1");
        Assert.True(code == 0, err);
        Assert.Contains("2 devices, chains split", stdout, StringComparison.Ordinal);
        Assert.Equal(0, CliTests.Run([.. fit, "--samples", "7", "--out", dir.File("longer.csv")]).Code);
        Assert.Equal(File.ReadAllBytes(dir.File("longer.csv")), File.ReadAllBytes(dir.File("run.csv")));

        // A second run into an --out whose partial rows another run holds is refused, and the rows are left whole.
        string partial = dir.File("other.csv.partial", "held");
        using (new FileStream(partial, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            foreach (string[] extra in new[] { ["--checkpoint-every", "60"], Array.Empty<string>() }) // checkpointed or not
            {
                (code, _, err) = CliTests.Run(["fit", "--chains", "2", "--burn-in", "5", "--samples", "5", "--out", dir.File("other.csv"), .. extra]);
                Assert.Equal(2, code);
                Assert.Contains("other.csv.partial: another run into this --out is under way", err, StringComparison.Ordinal);
            }
        }
        Assert.Equal("held", File.ReadAllText(partial));
    }

    [Fact]
    public void ACheckpointedShardResumesAndStillMerges()
    {
        using var dir = new TempFolder();
        string[] fit = ["fit", "--chains", "4", "--seed", "6", "--backend", "cpu-fast", "--burn-in", "20", "-q"];
        string s1 = Directory.CreateDirectory(Path.Combine(dir.Path, "s1")).FullName, s2 = Directory.CreateDirectory(Path.Combine(dir.Path, "s2")).FullName;
        Assert.Equal(0, CliTests.Run([.. fit, "--samples", "10", "--shard", "1/2", "--out", Path.Combine(s1, "draws.csv"), "--checkpoint-every", "60"]).Code);
        Assert.Equal(0, CliTests.Run("fit", "--resume", s1, "--samples", "25").Code);
        Assert.Equal(0, CliTests.Run([.. fit, "--samples", "25", "--shard", "2/2", "--out", Path.Combine(s2, "draws.csv")]).Code);
        var (code, _, err) = CliTests.Run("merge", s1, s2, "--out", dir.File("merged"));
        Assert.True(code == 0, err);
        Assert.Equal(0, CliTests.Run([.. fit, "--samples", "25", "--out", dir.File("whole.csv")]).Code);
        Assert.Equal(File.ReadAllBytes(dir.File("whole.csv")), File.ReadAllBytes(Path.Combine(dir.Path, "merged", "draws.csv")));
    }

    [Fact]
    public void ResumesThatCouldBeWrongAreRefusedInOneLine()
    {
        using var dir = new TempFolder();
        string data = Data(dir, 200);
        string[] fit = ["fit", "--data", data, "--column", "x", "--chains", "2", "--seed", "1", "--backend", "cpu-fast", "--burn-in", "10", "--samples", "20", "-q"];
        Assert.Equal(0, CliTests.Run([.. fit, "--out", dir.File("r.csv"), "--checkpoint-every", "60"]).Code);
        string checkpoint = dir.File("r.checkpoint.json");
        void Refused(string expected, params string[] args)
        {
            var (code, _, err) = CliTests.Run(args);
            Assert.Equal(2, code);
            Assert.Single(err.Trim().Split('\n'));
            Assert.Contains(expected, err, StringComparison.Ordinal);
        }
        Refused("--nu: not with --resume", "fit", "--resume", checkpoint, "--nu", "4");
        Refused("--chains: not with --resume", "fit", "--resume", checkpoint, "--chains", "4"); // even at its default value
        Refused("--backend: not with --resume", "fit", "--resume", checkpoint, "--backend=auto");
        Refused("--samples 5: the run has 20 draws per chain already", "fit", "--resume", checkpoint, "--samples", "5");
        Refused("not the data the checkpointed run sampled", "fit", "--resume", checkpoint, "--data", dir.File("other.csv", "x\n1\n2\n3\n"));
        Refused("--resume " + dir.File("none") + ": no such checkpoint", "fit", "--resume", dir.File("none"));
        Refused("--checkpoint-every -1: must be a number of seconds from 0.001", "fit", "--checkpoint-every", "-1", "--out", dir.File("x.csv"));
        Refused("--checkpoint-every 1E-09: must be a number of seconds from 0.001", "fit", "--checkpoint-every", "1e-9", "--out", dir.File("x.csv"));
        // A resumed run too short for a summary is refused as a new one is (it exited 0 with none).
        string[] shortFit = [.. fit.Where((_, k) => k < fit.Length - 3), "--samples", "3", "-q"];
        Assert.Equal(0, CliTests.Run([.. shortFit, "--out", dir.File("short.csv"), "--checkpoint-every", "60"]).Code);
        Refused("--summary s.json: a summary needs at least 4 draws per chain (--samples 3)", "fit", "--resume", dir.File("short.checkpoint.json"), "--summary", "s.json");
        Refused("needs the tidy layout", "fit", "--checkpoint-every", "5", "--format", "cmdstan", "--out", dir.File("x.csv"));

        Refused("--column y: needs --data", "fit", "--resume", checkpoint, "--column", "y");
        Refused("not a checkpoint (give NAME.checkpoint.json, or the folder holding it)", "fit", "--resume", dir.File("r.csv"));
        Refused("--devices 0: the resumed run's backend is cpu-fast, which runs on no device", "fit", "--resume", checkpoint, "--devices", "0");
        Refused("is also written by", "fit", "--resume", checkpoint, "--summary", checkpoint); // its own checkpoint is never an output
        Refused("a command never writes over its input", "fit", "--resume", checkpoint, "--summary", data); // nor the run's data

        // The draws file changed since its checkpoint: one digit of a draw (same length), then a row dropped.
        string original = File.ReadAllText(dir.File("r.csv"));
        int at = original.LastIndexOf(',') + 1;
        File.WriteAllText(dir.File("r.csv"), original[..at] + (original[at] == '1' ? '2' : '1') + original[(at + 1)..]);
        Refused("are not the rows its checkpoint recorded (SHA-256 differs)", "fit", "--resume", checkpoint, "--samples", "30");
        File.WriteAllText(dir.File("r.csv"), original);
        string rows = File.ReadAllText(dir.File("r.csv"));
        File.WriteAllText(dir.File("r.csv"), rows[..rows.TrimEnd('\n').LastIndexOf('\n')] + "\n");
        Refused("but its checkpoint recorded", "fit", "--resume", checkpoint, "--samples", "30");
        File.WriteAllText(dir.File("r.csv"), rows);

        // A checkpoint edited by hand (a chain's state, a stream position) is refused: it would continue with other draws.
        string finished = File.ReadAllText(checkpoint);
        File.WriteAllText(checkpoint, finished.Replace("\"host_uniforms\": ", "\"host_uniforms\": 1", StringComparison.Ordinal));
        Refused("its checksum does not match its content; the checkpoint was edited", "fit", "--resume", checkpoint);
        File.WriteAllText(checkpoint, finished);

        // Run records are never another output: not --out, not --summary.
        Refused("is a name runs give their records", [.. fit, "--out", dir.File("r.checkpoint.json")]);
        Refused("is a name runs give their records", [.. fit, "--out", dir.File("r.csv.partial")]);
        Refused("is a name runs give their records", [.. fit, "--out", dir.File("x.csv"), "--summary", checkpoint]);
        // Nor where none is yet: a summary named like a record (even this shard's own manifest, written just before it) would
        // be taken for one by a later run or merge.
        Refused("is a name runs give their records", [.. fit, "--out", dir.File("y.csv"), "--summary", dir.File("y.checkpoint.json")]);
        Refused("is a name runs give their records", [.. fit, "--out", dir.File("s.csv"), "--shard", "1/2", "--summary", dir.File("s.manifest.json")]);
        Assert.False(File.Exists(dir.File("y.checkpoint.json")));

        // An interrupted run's checkpoint (as one that was stopped would leave it) is never overwritten by a new run, and its
        // rows must be there to resume.
        (GreatModel.Files.Runs.CheckpointFile.Read(checkpoint) with { Ended = false }).Write(checkpoint);
        string json = File.ReadAllText(checkpoint);
        Refused("an interrupted run's checkpoint", [.. fit, "--out", dir.File("r.csv")]);
        Refused("an interrupted run's checkpoint", [.. fit, "--out", dir.File("r.csv"), "--checkpoint-every", "5"]);
        File.Move(dir.File("r.csv"), dir.File("moved.csv")); // neither the partial rows nor committed ones: nothing to continue
        Refused("r.csv.partial: missing; the interrupted run's rows are gone", "fit", "--resume", checkpoint);
        File.WriteAllText(checkpoint, json.Replace(GreatModel.Files.Runs.CheckpointFile.FormatName, "greatmodel-checkpoint-0", StringComparison.Ordinal));
        Refused("not " + GreatModel.Files.Runs.CheckpointFile.FormatName, "fit", "--resume", checkpoint);
        Refused("must be a number of seconds from 0.001 to 1000000000 (31 years)", [.. fit, "--out", dir.File("y.csv"), "--checkpoint-every", "1e12"]);
        File.WriteAllText(checkpoint, "{ not json");
        Refused("not a checkpoint", "fit", "--resume", checkpoint);
    }
}
