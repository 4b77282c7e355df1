using System.Diagnostics;
using System.Globalization;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Cli;

/// <summary>
/// Real signals sent to a running `greatmodel fit`: SIGINT, SIGTERM and SIGHUP all stop it at a sweep
/// boundary with 128 + the signal, the completed draws in a valid file, no temporary file left, and a
/// second signal fired right after the first changes none of that (it may only cut the summary short).
/// </summary>
public class SignalTests
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "GreatModel.Cli.dll");

    /// <summary>Hidden files included (the temporary files start with a dot).</summary>
    private static readonly EnumerationOptions Everything = new() { AttributesToSkip = 0 };

    /// <summary>Starts a reference-backend fit of 2 chains writing <paramref name="draws"/>.</summary>
    private static Process StartFit(string draws, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Program, "fit", "--backend", "reference", "--chains", "2", "--seed", "1", "--out", draws }.Concat(args))
            start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    /// <summary>The temporary files the fit is writing beside <paramref name="draws"/> (hidden, ending .tmp).</summary>
    private static FileInfo[] Pending(string draws) =>
        new DirectoryInfo(Path.GetDirectoryName(draws)!).GetFiles($".{Path.GetFileNameWithoutExtension(draws)}*.tmp", Everything);

    /// <summary>Waits until <paramref name="ready"/> holds for the fit's temporary files (the run is sampling).</summary>
    internal static async Task WaitFor(Process fit, string draws, Func<FileInfo[], bool> ready)
    {
        var clock = Stopwatch.StartNew();
        while (!ready(Pending(draws)))
        {
            Assert.False(fit.HasExited, "the fit ended before it was signalled");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the fit never started writing draws");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Sends <paramref name="signals"/> (e.g. TERM, INT) to <paramref name="pid"/> back to back, from one shell.</summary>
    private static void Send(int pid, IEnumerable<string> signals)
    {
        string id = pid.ToString(CultureInfo.InvariantCulture);
        using var shell = Process.Start("sh", ["-c", string.Join("; ", signals.Select(s => $"kill -{s} {id}"))]);
        shell.WaitForExit();
    }

    [Theory]
    [InlineData("TERM", 143, "SIGTERM")]
    [InlineData("HUP", 129, "SIGHUP")]
    [InlineData("INT,INT", 130, "Ctrl-C (SIGINT)")]
    [InlineData("TERM,TERM,TERM", 143, "SIGTERM")]
    public async Task ASignalStopsTheFitAndKeepsEveryCompletedDrawInAValidFile(string signals, int expectedCode, string name)
    {
        using var dir = new TempFolder();
        string draws = dir.File("draws.csv");
        using var fit = StartFit(draws, "--burn-in", "0", "--samples", "100000000");
        var stdout = fit.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = fit.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await WaitFor(fit, draws, files => files.Any(f => f.Length > 0)); // draws are reaching the disk
        Send(fit.Id, signals.Split(','));
        Assert.True(fit.WaitForExit(60_000), "the fit did not stop");

        string err = await stderr;
        Assert.Equal(expectedCode, fit.ExitCode);
        var kept = Assert.Single(err.Split('\n'), l => l.Contains("kept all", StringComparison.Ordinal));
        Assert.StartsWith($"greatmodel: stopped by {name} after ", kept, StringComparison.Ordinal);
        int perChain = int.Parse(kept.Split("kept all ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        var read = DrawsFileReader.Read([draws], "mu", "sigma2");
        Assert.Equal(2, read["mu"].Length);
        Assert.All(read["mu"].Concat(read["sigma2"]), chain => Assert.Equal(perChain, chain.Length));
        Assert.All(read["sigma2"].SelectMany(c => c), s => Assert.True(s > 0 && double.IsFinite(s)));
        Assert.Empty(Pending(draws));
        if (!signals.Contains(',', StringComparison.Ordinal)) // a repeat landing after the commit may end the program before the summary
            Assert.Contains("draws written to", await stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    /// <summary>
    /// bench has no run to stop at a sweep: a signal ends it at once, with a line saying its report was not written, the
    /// signal's exit code, and neither the lock file that claimed its folder nor a temporary left behind.
    /// </summary>
    [Theory]
    [InlineData("INT", 130, "Ctrl-C (SIGINT)")]
    [InlineData("TERM", 143, "SIGTERM")]
    public async Task ASignalEndsTheBenchSayingSoAndLeavesNoLock(string signal, int expectedCode, string name)
    {
        using var dir = new TempFolder();
        string results = Path.Combine(dir.Path, "results");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Program, "bench", "--backends", "reference", "--no-numpy", "--no-peer", "--cell-seconds", "60", "--out", results })
            start.ArgumentList.Add(a);
        using var bench = Process.Start(start)!;
        var stderr = bench.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        string lockFile = Path.Combine(dir.Path, ".results.lock");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(lockFile)) // the folder is claimed: the bench is running
        {
            Assert.False(bench.HasExited, "the bench ended before it was signalled");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the bench never claimed its folder");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        await Task.Delay(500, TestContext.Current.CancellationToken); // into its first cell
        Send(bench.Id, [signal]);
        Assert.True(bench.WaitForExit(60_000), "the bench did not stop");
        string err = await stderr;
        Assert.Equal(expectedCode, bench.ExitCode);
        Assert.Contains($"greatmodel: stopped by {name}: the bench was cut short; its report in {results} was not written", err, StringComparison.Ordinal);
        Assert.False(File.Exists(lockFile), "the lock file was left");
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = true }));
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tidy", "INT,INT", 130)]
    [InlineData("cmdstan", "TERM", 143)]
    public async Task StoppedDuringBurnInTheEarlierFilesStayAsTheyWere(string format, string signals, int expectedCode)
    {
        using var dir = new TempFolder();
        string draws = dir.File("draws.csv");
        string[] outputs = format == "tidy" ? [draws] : [dir.File("draws_1.csv"), dir.File("draws_2.csv")];
        foreach (string path in outputs) File.WriteAllText(path, "chain,draw,mu,sigma2,alpha2,tau2\n1,1,0.5,2,1,2\n");
        using var fit = StartFit(draws, "--burn-in", "1000000000", "--samples", "10", "--format", format);
        var stderr = fit.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await WaitFor(fit, draws, files => files.Length > 0); // the files are open: sampling is next (a signal now stops it at sweep 0)
        Send(fit.Id, signals.Split(','));
        Assert.True(fit.WaitForExit(60_000), "the fit did not stop");

        string err = await stderr;
        Assert.Equal(expectedCode, fit.ExitCode);
        string also = outputs.Length == 1 ? $"{outputs[0]} left as it was" : $"{outputs[0]} ... {outputs[^1]} left as they were";
        Assert.Matches($@"^greatmodel: stopped by \S+( \(SIGINT\))? during burn-in \(sweep \d+ of 1000000010\): no draws; {RegexEscape(also)}\s*$", err);
        foreach (string path in outputs) Assert.Equal("chain,draw,mu,sigma2,alpha2,tau2\n1,1,0.5,2,1,2\n", File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", Everything));
    }

    /// <summary>
    /// A signal once the draws are committed, while the summary and plots are made: the program ends at once with 128 + the
    /// signal and a line saying the draws were written and what was not; no temporary of the summary or a plot is left.
    /// </summary>
    [Fact]
    public async Task ASignalAfterTheDrawsAreWrittenSaysWhatWasNotMade()
    {
        using var dir = new TempFolder();
        string draws = dir.File("draws.csv"), summary = dir.File("s.json"), plots = Path.Combine(dir.Path, "plots");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Program, "fit", "--chains", "4", "--samples", "150000", "--seed", "1", "--out", draws, "--summary", summary, "--plots", plots })
            start.ArgumentList.Add(a);
        using var fit = Process.Start(start)!;
        var stderr = fit.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();
        while (!File.Exists(draws) && !fit.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.SkipWhen(fit.HasExited, "the fit made its summary and plots before it could be signalled");
        Send(fit.Id, ["INT"]);
        Assert.True(fit.WaitForExit(60_000), "the fit did not stop");
        string err = await stderr;
        Assert.SkipWhen(fit.ExitCode == 0, "the signal came after the fit was done");
        Assert.Equal(130, fit.ExitCode);
        Assert.Contains($"greatmodel: stopped by Ctrl-C (SIGINT) after the draws were written to {draws}: --summary {summary} and --plots {plots} not written", err, StringComparison.Ordinal);
        Assert.Equal(4, DrawsFileReader.Read([draws], "mu", "sigma2")["mu"].Length);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = true }));
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    private static string RegexEscape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
