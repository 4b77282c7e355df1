using System.Diagnostics;
using GreatModel.Tests.Support;
using static GreatModel.Tests.Cli.CliTests;

namespace GreatModel.Tests.Cli;

/// <summary>
/// What `greatmodel` writes over and what it leaves behind, end to end: outputs are only regular files,
/// never an input or each other, checked before sampling; I/O failures are one line with exit code 4;
/// temporary files never outlive a run; CmdStan sets are read only as one whole run.
/// </summary>
public class OutputFileCliTests
{
    private static readonly string[] Quick = ["fit", "--burn-in", "10", "--samples", "50", "--seed", "1", "--backend", "cpu", "--quiet"];

    /// <summary>A fit that would run for many minutes: a refusal that comes back at once came before sampling.</summary>
    private static readonly string[] Long = ["fit", "--chains", "2", "--burn-in", "0", "--samples", "100000000", "--seed", "1", "--backend", "reference", "--quiet"];

    private static void AssertRefusedBeforeSampling(string[] args, string expected)
    {
        var clock = Stopwatch.StartNew();
        AssertOneLineError([.. Long, .. args], expected);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"refused only after {clock.Elapsed}: after sampling?");
    }

    [Fact]
    public void OutputsThatAreNotRegularFilesAreRefusedBeforeSampling()
    {
        using var dir = new TempFolder();
        string data = dir.File("data.csv", "x\n1\n2\n3\n");
        string link = dir.File("link.csv");
        File.CreateSymbolicLink(link, data);
        Assert.Equal(0, TempMount.Run("mkfifo", dir.File("fifo")).Code);
        File.CreateSymbolicLink(dir.File("d_2.csv"), data);
        string plots = Directory.CreateDirectory(Path.Combine(dir.Path, "plots")).FullName;
        File.CreateSymbolicLink(Path.Combine(plots, "rank_sigma2.svg"), data);

        AssertRefusedBeforeSampling(["--out", "/dev/null"], "error: /dev/null: is a character device, not a regular file; only regular files are written (--out)");
        AssertRefusedBeforeSampling(["--out", "/dev/stdout"], "error: /dev/stdout: is a symbolic link (to ");
        AssertRefusedBeforeSampling(["--out", link], $"error: {link}: is a symbolic link (to {data}); only regular files are written, so give the file's own path or another name (--out)");
        AssertRefusedBeforeSampling(["--out", dir.File("fifo")], "fifo: is a named pipe, not a regular file; only regular files are written (--out)");
        AssertRefusedBeforeSampling(["--format", "cmdstan", "--out", dir.File("d.csv")], $"error: {dir.File("d_2.csv")}: is a symbolic link");
        AssertRefusedBeforeSampling(["--summary", "/dev/null"], "error: /dev/null: is a character device, not a regular file; only regular files are written (--summary)");
        AssertRefusedBeforeSampling(["--out", dir.File("d.csv"), "--plots", plots], "rank_sigma2.svg: is a symbolic link");
        AssertRefusedBeforeSampling(["--out", "-"], "error: --out -: draws cannot go to standard output; give a file name");
        AssertRefusedBeforeSampling(["--out", Path.Combine(data, "d.csv")], $"'{data}' is a regular file, not a folder (--out)");

        Assert.Equal("x\n1\n2\n3\n", File.ReadAllText(data));
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.NotNull(new FileInfo("/dev/stdout").LinkTarget); // as root, a rename once replaced it with a regular file
        Assert.Equal(["d_2.csv", "data.csv", "fifo", "link.csv", "plots"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void LongFileNamesAreWrittenUpToTheLimitAndRefusedBeyondItBeforeSampling()
    {
        // A legal name of 218 to 255 bytes made its temporary's (".NAME.<32 hex>.tmp") too long: exit 4 after the run.
        using var dir = new TempFolder();
        string legal = dir.File(new string('y', 240) + ".csv");
        var (code, _, err) = CliTests.Run("fit", "--chains", "1", "--burn-in", "10", "--samples", "10", "-q", "--out", legal);
        Assert.True(code == 0, err);
        Assert.Equal([Path.GetFileName(legal)], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        AssertRefusedBeforeSampling(["--out", dir.File(new string('y', 260) + ".csv")], "writes a file whose name is 264 bytes long");
    }

    /// <summary>
    /// Two fits into one --out at once: the second is refused before it samples, naming the output, and the first goes on; a
    /// lock file a killed run left behind blocks nothing and goes when the next run ends.
    /// </summary>
    [Fact]
    public void ASecondCommandIntoTheSameOutputIsRefusedWhileTheFirstRuns()
    {
        using var dir = new TempFolder();
        string d = dir.File("d.csv");
        string lockFile = dir.File(".d.csv.lock");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in (string[])[CliTests.Program, .. Long, "--out", d]) start.ArgumentList.Add(a);
        using (var first = Process.Start(start)!)
        {
            try
            {
                var waited = Stopwatch.StartNew();
                while (!File.Exists(lockFile) && waited.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(50);
                Assert.True(File.Exists(lockFile), "the first run claimed its output");
                AssertOneLineError([.. Long, "--out", d], $"error: --out {d}: another greatmodel command is writing it now");
                AssertOneLineError(["fit", "--format", "cmdstan", "--out", d], $"error: --out {d}: another greatmodel command is writing it now");
                Assert.False(first.HasExited, "the first run goes on");
            }
            finally
            {
                first.Kill(entireProcessTree: true);
                first.WaitForExit();
            }
        }
        // Killed: its lock file may stay, but holds nothing.
        var (code, _, err) = Run("fit", "--chains", "1", "--burn-in", "10", "--samples", "10", "-q", "--out", d);
        Assert.True(code == 0, err);
        Assert.False(File.Exists(lockFile), "a run removes its lock file when it ends");
        File.WriteAllText(lockFile, "");
        (code, _, err) = Run("fit", "--chains", "1", "--burn-in", "10", "--samples", "10", "-q", "--out", d);
        Assert.True(code == 0, err);
        Assert.False(File.Exists(lockFile));
    }

    [Fact]
    public void OutputsNeverReplaceAnInputOrOneAnother()
    {
        using var dir = new TempFolder();
        string data = dir.File("data.csv", "x\n1\n2\n3\n");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "alias"), dir.Path);
        string viaAlias = Path.Combine(dir.Path, "alias", "data.csv");
        string d = dir.File("d.csv");
        string plots = Directory.CreateDirectory(Path.Combine(dir.Path, "plots")).FullName;
        string[] fit = ["--data", data];

        AssertRefusedBeforeSampling([.. fit, "--out", data], $"error: --out {data}: is the --data file {data}; a command never writes over its input");
        AssertRefusedBeforeSampling([.. fit, "--out", viaAlias], $"error: --out {viaAlias}: is the --data file {data}");
        AssertRefusedBeforeSampling([.. fit, "--out", d, "--summary", data], $"error: --summary {data}: is the --data file {data}");
        AssertRefusedBeforeSampling([.. fit, "--out", d, "--summary", d], $"error: --summary {d}: is also written by --out {d}; give each output its own name");
        string init = dir.File("init.csv", "mu,sigma2\n1,2\n");
        AssertRefusedBeforeSampling([.. fit, "--init", init, "--out", init], $"error: --out {init}: is the --init file {init}; a command never writes over its input");
        AssertRefusedBeforeSampling([.. fit, "--init", init, "--out", d, "--summary", init], $"error: --summary {init}: is the --init file {init}");
        Assert.Equal("mu,sigma2\n1,2\n", File.ReadAllText(init)); // untouched
        AssertRefusedBeforeSampling([.. fit, "--format", "cmdstan", "--out", d, "--summary", dir.File("d_2.csv")],
            $"error: --summary {dir.File("d_2.csv")}: is also written by --out {d} (which writes {dir.File("d_2.csv")})");
        AssertRefusedBeforeSampling(["--data", dir.File("d_1.csv", "x\n1\n2\n"), "--format", "cmdstan", "--out", d],
            $"error: --out {d} (which writes {dir.File("d_1.csv")}): is the --data file");
        string newFolder = Path.Combine(dir.Path, "new");
        AssertRefusedBeforeSampling([.. fit, "--out", newFolder, "--plots", newFolder], $"error: --out {newFolder}: is the --plots folder; give the file another name");
        AssertRefusedBeforeSampling([.. fit, "--out", Path.Combine(plots, "trace_mu.png"), "--plots", plots], "is also written by --out");
        // `..` after a link, as the system reads it: lnk/../data.csv is sub/data.csv, the data file.
        string subData = Path.Combine(Directory.CreateDirectory(Path.Combine(dir.Path, "sub", "deep")).Parent!.FullName, "data.csv");
        File.WriteAllText(subData, "x\n1\n2\n3\n");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "lnk"), Path.Combine(dir.Path, "sub", "deep"));
        string viaParent = Path.Combine(dir.Path, "lnk", "..", "data.csv");
        AssertRefusedBeforeSampling(["--data", subData, "--out", viaParent], $"error: --out {viaParent}: is the --data file {subData}");
        File.CreateSymbolicLink(dir.File("dangling"), "/nonexistent/plots");
        AssertRefusedBeforeSampling([.. fit, "--out", d, "--plots", dir.File("dangling")], $"--plots {dir.File("dangling")}: is a link to /nonexistent/plots, which is not a folder");
        string inPlots = Path.Combine(plots, "density_mu.svg");
        File.WriteAllText(inPlots, "x\n1\n2\n");
        AssertRefusedBeforeSampling(["--data", inPlots, "--out", d, "--plots", plots], $"error: --plots {plots} (which writes {inPlots}): is the --data file {inPlots}");
        AssertOneLineError(["plot", inPlots, "--out", plots], $"error: --out {plots} (which writes {inPlots}): is the DRAWS file {inPlots}");

        Assert.Equal("x\n1\n2\n3\n", File.ReadAllText(data));
        Assert.False(File.Exists(d));
    }

    [Fact]
    public void FoldersThatTakeNoFilesAreRefusedBeforeSampling()
    {
        // Even root cannot create files in /sys (sysfs: EACCES, or EROFS where it is mounted read-only).
        Assert.SkipUnless(Directory.Exists("/sys/kernel"), "no sysfs here");
        using var dir = new TempFolder();
        AssertRefusedBeforeSampling(["--out", "/sys/d.csv"], "error: /sys/d.csv: cannot write in the folder '/sys': ");
        AssertRefusedBeforeSampling(["--out", dir.File("d.csv"), "--summary", "/sys/s.json"], "error: /sys/s.json: cannot write in the folder '/sys': ");
        AssertRefusedBeforeSampling(["--out", dir.File("d.csv"), "--plots", "/sys/plots"], "error: /sys/plots: cannot write in the folder '/sys': ");
        AssertRefusedBeforeSampling(["--out", "/proc/d.csv"], "error: /proc/d.csv: cannot write in the folder '/proc': the file system takes no new files there (--out)");
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void AReadOnlyFolderIsRefusedBeforeSampling()
    {
        using var dir = new TempFolder();
        using var readOnly = TempMount.Create(dir, "ro", "ro,size=64k");
        string d = Path.Combine(readOnly.Path, "d.csv");
        AssertRefusedBeforeSampling(["--out", d], $"error: {d}: cannot write in the folder '{readOnly.Path}': Read-only file system (--out)");
        AssertRefusedBeforeSampling(["--out", dir.File("d.csv"), "--plots", Path.Combine(readOnly.Path, "plots")], "Read-only file system (--plots)");
    }

    [Fact]
    public void AFullDiskEndsWithOneLineExitCode4AndNoTemporaryFile()
    {
        using var dir = new TempFolder();
        using var full = TempMount.Create(dir, "full", "size=64k");
        string d = Path.Combine(full.Path, "d.csv");
        File.WriteAllText(d, "precious");
        string[] big = ["fit", "--chains", "4", "--burn-in", "0", "--samples", "5000", "--seed", "1", "--backend", "cpu", "--quiet"];
        // The up-front estimate warns that the draws will not fit; the run then fails cleanly when they do not.
        string[] warning = ["free in"];
        AssertOneLineError([.. big, "--out", d], $"error: {d}: could not be written (No space left on device); an earlier file there is unchanged", exitCode: 4, warnings: warning);
        AssertOneLineError([.. big, "--out", d, "--format", "cmdstan"], "could not be written (No space left on device)", exitCode: 4, warnings: warning);
        Assert.Equal("precious", File.ReadAllText(d));
        Assert.Equal([d], Directory.GetFileSystemEntries(full.Path));
    }

    [Fact]
    public async Task AFileTooLargeForItsLimitEndsWithOneLineExitCode4()
    {
        Assert.SkipUnless(File.Exists("/bin/bash"), "no bash to set the file size limit");
        using var dir = new TempFolder();
        string d = dir.File("d.csv");
        // A 40 KiB file size limit, with SIGXFSZ ignored so that the write fails with EFBIG (W^X double-maps
        // code through a file, which the limit would stop, so it is off).
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("ulimit -f 40; trap '' XFSZ; exec dotnet \"$0\" fit --chains 4 --samples 5000 --burn-in 0 --seed 1 --backend cpu --quiet --out \"$1\"");
        start.ArgumentList.Add(CliTests.Program);
        start.ArgumentList.Add(d);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        string err = await p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(4, p.ExitCode);
        Assert.Equal($"greatmodel: error: {d}: could not be written (file too large: over the file system's or the process's file size limit); an earlier file there is unchanged", err.Trim());
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
        Assert.Single((await stdout).Trim().Split('\n')); // only what the run was (said before it), no report of a run that failed
        Assert.StartsWith("built-in example: n = 500; nu = 6; 4 chains × 5000 draws", await stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void StaleTemporaryFilesOfAnInterruptedRunAreRemovedAndReported()
    {
        using var dir = new TempFolder();
        string stale = dir.File(".d.csv.0123456789abcdef0123456789abcdef.tmp", "half a run");
        string body = dir.File(".d_7.csv.body.0123456789abcdef0123456789abcdef.tmp", "half a chain");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));
        File.SetLastWriteTimeUtc(body, DateTime.UtcNow.AddHours(-1));
        var (code, _, err) = Run([.. Quick, "--chains", "2", "--out", dir.File("d.csv")]);
        Assert.True(code == 0, err);
        Assert.Contains($"note: removed {stale}, a temporary file left by an interrupted run", err, StringComparison.Ordinal);
        Assert.Contains($"note: removed {body}, a temporary file left by an interrupted run", err, StringComparison.Ordinal);
        Assert.Equal([dir.File("d.csv")], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void PlotRefusesFilesOfTwoRunsAndIncompleteSets()
    {
        using var dir = new TempFolder();
        string d = dir.File("d.csv");
        Assert.Equal(0, Run([.. Quick, "--chains", "4", "--format", "cmdstan", "--out", d]).Code);
        var again = Run([.. Quick, "--chains", "2", "--format", "cmdstan", "--out", d]);
        Assert.True(again.Code == 0, again.Err);
        Assert.Contains($"warning: {dir.File("d_3.csv")}, {dir.File("d_4.csv")}: an earlier run's files with more chains stay beside this run's", again.Err, StringComparison.Ordinal);
        string[] all = [.. Enumerable.Range(1, 4).Select(c => dir.File($"d_{c}.csv"))];
        string plots = Path.Combine(dir.Path, "plots");
        AssertOneLineError(["plot", .. all, "--out", plots], $"error: draws files from different runs: run ");
        AssertOneLineError(["plot", .. all, "--out", plots], $": {all[0]}, {all[1]}; run ");
        AssertOneLineError(["plot", .. all, "--out", plots], $": {all[2]}, {all[3]}; give the files of one run");
        AssertOneLineError(["plot", all[1], "--out", plots], $"error: {all[1]}: an incomplete set: run ");
        Assert.False(Directory.Exists(plots));
        var plot = Run("plot", all[1], all[0], "--out", plots);
        Assert.True(plot.Code == 0, plot.Err);
    }

    [Fact]
    public void UnreadableDataAndSimulateOutputsAreOneLine()
    {
        AssertOneLineError([.. Quick, "--data", "/proc/self/mem"], "error: /proc/self/mem: cannot be read (Input/output error)");
        AssertOneLineError(["simulate", "--n", "5", "--out", "/dev/null"], "error: /dev/null: is a character device, not a regular file; only regular files are written (--out)");
        var (code, stdout, err) = Run("simulate", "--n", "3", "--out", "-");
        Assert.True(code == 0, err);
        Assert.Equal(5, stdout.TrimEnd().Split('\n').Length); // provenance, header, three values
    }
}
