using System.Diagnostics;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Cli;

/// <summary>The `greatmodel` program end to end, as a separate process: exit codes, one-line errors, files.</summary>
public class CliTests
{
    internal static readonly string Program = Path.Combine(AppContext.BaseDirectory, "GreatModel.Cli.dll");

    internal static (int Code, string Out, string Err) Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Runs the program with <paramref name="input"/> (when not null) as its standard input.</summary>
    internal static (int Code, string Out, string Err) RunWithInput(string? input, params string[] args) => RunIn(null, input, args);

    /// <summary>Runs the program in <paramref name="folder"/> (relative paths resolve there).</summary>
    internal static (int Code, string Out, string Err) RunIn(string folder, string[] args) => RunIn(folder, null, args);

    private static (int Code, string Out, string Err) RunIn(string? folder, string? input, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        if (folder is not null) start.WorkingDirectory = folder;
        start.ArgumentList.Add(Program);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        if (input is not null)
        {
            p.StandardInput.Write(input);
            p.StandardInput.Close();
        }
        var stdout = p.StandardOutput.ReadToEndAsync();
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, err);
    }

    /// <summary>One error line (after any <paramref name="warnings"/> expected before it), the code, no stack trace.</summary>
    internal static void AssertOneLineError(string[] args, string expected, string? input = null, int exitCode = 2, string[]? warnings = null)
    {
        var (code, _, err) = RunWithInput(input, args);
        Assert.Equal(exitCode, code);
        var lines = err.TrimEnd().Split('\n');
        foreach (string warning in warnings ?? []) Assert.Contains(lines, l => l.StartsWith("warning: ", StringComparison.Ordinal) && l.Contains(warning, StringComparison.Ordinal));
        err = string.Join('\n', lines.Where(l => !l.StartsWith("warning: ", StringComparison.Ordinal) || warnings is null));
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.StartsWith("greatmodel: error: ", err, StringComparison.Ordinal);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void FitOnTheBuiltInExampleBracketsTheTruthAndWritesTidyDraws()
    {
        using var dir = new TempFolder();
        string draws = dir.File("draws.csv");
        var (code, stdout, err) = Run("fit", "--chains", "2", "--burn-in", "200", "--samples", "300", "--seed", "1", "--backend", "cpu", "--out", draws);
        Assert.True(code == 0, err);
        Assert.Contains("built-in example", stdout, StringComparison.Ordinal);
        var lines = File.ReadAllLines(draws);
        Assert.Equal(".chain,.iteration,.draw,mu,sigma2", lines[0]);
        Assert.Equal(1 + (2 * 300), lines.Length);
        var mu = lines.Skip(1).Select(l => double.Parse(l.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture)).Order().ToArray();
        Assert.InRange(-3.14, mu[(int)(0.01 * mu.Length)], mu[(int)(0.99 * mu.Length)]);
    }

    [Fact]
    public void NoCommandShowsTheHelpAndExits2()
    {
        var (code, stdout, err) = Run();
        Assert.Equal(GreatModel.Cli.ExitCodes.BadInput, code);
        Assert.Contains("fit", stdout, StringComparison.Ordinal); // the help, listing the commands
        Assert.Contains("greatmodel: error: no command given", err, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSummaryJsonSaysHowTheDrawsWereMade()
    {
        using var dir = new TempFolder();
        string summary = dir.File("s.json");
        var (code, _, err) = Run("fit", "--chains", "2", "--burn-in", "50", "--samples", "100", "--seed", "7", "--out", dir.File("d.csv"), "--summary", summary);
        Assert.True(code == 0, err);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(summary));
        var run = json.RootElement.GetProperty("run");
        Assert.Equal(GreatModel.Backends.BackendRegistry.Resolve(Backend.Auto, 2, 500, 150, 6).Name, run.GetProperty("backend").GetString()); // auto, resolved
        Assert.Equal(7UL, run.GetProperty("seed").GetUInt64());
        Assert.Equal(6.0, run.GetProperty("nu").GetDouble());
        Assert.Equal("double", run.GetProperty("precision").GetString());
        Assert.True(run.GetProperty("sampling_ms").GetDouble() > 0);
        Assert.True(run.GetProperty("datum_updates_per_s").GetDouble() > 0);
        Assert.Equal(100, run.GetProperty("draws_per_chain").GetInt32());
        Assert.True(json.RootElement.GetProperty("mu").GetProperty("r_hat").GetDouble() < 1.1);
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["fit", "--data", "/no/such.csv"], "/no/such.csv: no such file" },
        { ["fit", "--nu", "0"], "--nu 0: must be a finite number > 0" },
        { ["fit", "--nu", "-1"], "--nu -1: must be a finite number > 0" },
        { ["fit", "--nu", "NaN"], "--nu NaN: must be a finite number > 0" },
        { ["fit", "--nu", "Infinity"], "--nu Infinity: must be a finite number > 0" },
        { ["fit", "--chains", "0"], "--chains 0: must be at least 1" },
        { ["fit", "--samples", "0"], "--samples 0: must be at least 1" },
        { ["fit", "--burn-in", "-1"], "--burn-in -1: must be 0 or more" },
        { ["fit", "--thin", "0"], "--thin 0: must be at least 1" },
        // Extreme ν: refused with the reason (MODEL.md, properness), never NaN draws.
        { ["fit", "--nu", "1e308"], "--nu 1e308: must be at most 1e6" },
        { ["fit", "--nu", "2e-4"], "--nu 2e-4: must be at least 0.002005 for built-in example (n = 500)" },
        { ["fit", "--nu", "1e-5"], "--nu 1e-5: must be at least 0.002005 for built-in example (n = 500)" },
        { ["fit", "--backend", "gpu"], "--backend gpu: unknown backend" },
        { ["fit", "--precision", "half"], "--precision half: unknown precision (double or single)" },
        { ["fit", "--column", "x"], "--column x: needs --data (the built-in example is a single column of numbers)" },
        { ["bench", "--precision", "single", "--backends", "cpu-fast,reference", "--out", "b"], "--precision single: none of the backends given runs it (the kernel backends do: cuda, opencl, ilgpu-cpu, cpu)" },
        { ["bench", "--backends", "cpu,foo", "--out", "b"], "--backends foo: unknown backend (one of cuda|opencl|ilgpu-cpu|cpu|cpu-fast|reference)" },
        { ["bench", "--ess", "--groups", "--out", "b"], "--groups: not with --ess" },
        { ["bench", "--ess", "--nu", "estimate", "--out", "b"], "--nu: not with --ess" },
        { ["bench", "--ess", "--nu", "6", "--out", "b"], "--nu: not with --ess" }, // its default value too: ignored all the same
        { ["bench", "--ess", "--precision", "double", "--out", "b"], "--precision: not with --ess" },
        { ["bench", "--no-stan", "--out", "b"], "--no-stan: needs --ess" },
        { ["fit", "--precision", "single", "--nu", "2.5"], "--precision single: single needs the loop-free chi-square: nu an integer from 1 to 15 (nu = 2.5)" },
        { ["fit", "--precision", "single", "--backend", "cpu-fast"], "--precision single: single runs on the kernel backends (cuda, opencl, ilgpu-cpu, cpu), not on cpu-fast" },
        { ["fit", "--device-math", "yes"], "--device-math yes: unknown choice (auto, on or off)" },
        { ["fit", "--device-math", "on", "--backend", "cpu"], "--device-math on: the device path runs on the ILGPU backends (cuda, opencl, ilgpu-cpu), not on cpu" },
        // Resources: refused before anything is allocated or written, saying what fits.
        { ["fit", "--chains", "1500000000"], "--chains 1500000000: needs ~1.4 TB of memory, this machine has " },
        { ["fit", "--chains", "1000", "--samples", "100000000", "--summary", "s.json"], "--samples 100000000: the summary reads back all 100 000 000 000 draws, which needs ~16 TB" },
        { ["fit", "--out", "/no/such/folder/draws.csv"], "the folder '/no/such/folder' does not exist" },
        // A summary or plots that the run's draws cannot make are refused before it, not skipped after it with exit 0.
        { ["fit", "--samples", "3", "--summary", "s.json"], "--summary s.json: a summary needs at least 4 draws per chain (--samples 3); draw more, or leave out --summary" },
        { ["fit", "--samples", "1", "--plots", "p"], "--plots p: a summary needs at least 4 draws per chain (--samples 1)" },
        { ["fit", "--chains", "many"], "--chains: 'many' is not an integer" },
        { ["simulate", "--n", "0"], "--n 0: must be at least 1" },
        // simulate never writes data that fit would refuse.
        { ["simulate", "--n", "10", "--nu", "1e-3", "--seed", "1"], "the t draws leave the double range; use a larger nu or a smaller sigma2 (--nu)" },
        { ["simulate", "--n", "10", "--mu", "1e308", "--sigma2", "1e-300"], "all 10 simulated values equal 1E+308" },
        { ["fit", "--format", "parquet"], "--format parquet: unknown format" },
        // An output spelled "-" is standard output only where a command writes there (simulate): never a file named "-".
        { ["fit", "--summary", "-"], "--summary -: cannot go to standard output; give a file name" },
        // A value is quoted as typed, not as the library holds it.
        { ["simulate", "--mu", "1e400"], "--mu 1e400: must be finite" },
        // Not a draws file: one line, never a stack trace.
        { ["summary", "/dev/zero"], "/dev/zero: is a character device, not a draws file (a regular file)" },
        { ["export", "/dev/zero", "--out", "z.zarr"], "/dev/zero: is a character device, not a draws file (a regular file)" },
        // Unknown options and stray arguments are refused, not ignored.
        { ["fit", "--dat", "mydata.csv"], "error: --dat: unknown option; did you mean --data?" },
        { ["fit", "--burnin", "10"], "error: --burnin: unknown option; did you mean --burn-in?" },
        { ["fit", "--samples", "10", "stray"], "error: stray: unexpected argument (fit takes options only)" },
        { ["fit", "--", "x"], "error: x: unexpected argument (fit takes options only)" }, // after "--" a word is an operand, and fit takes none
        { ["fitt"], "error: fitt: unknown command; did you mean fit?" },
        { ["fit", "--samples", "10", "--samples", "20"], "error: --samples: given more than once" },
        // Values that do not parse name the option and what it takes, never a .NET type.
        { ["fit", "--seed", "-1"], "error: --seed: '-1' is not a non-negative integer" },
        { ["fit", "--chains", "abc"], "error: --chains: 'abc' is not an integer" },
        { ["fit", "--chains", "3000000000"], "error: --chains: '3000000000' is too large (at most 2147483647)" },
        { ["fit", "--nu", "x"], "error: --nu x: not a number or 'estimate'" },
        { ["plot", "d.csv", "--true-mu", "1,5"], "error: --true-mu: '1,5' is not a number" },
        { ["fit", "--out"], "error: --out: missing value (FILE)" },
        // "--n" is simulate's -n only where an option stands, never inside a value.
        { ["simulate", "--n", "5", "--out", "--n"], "error: --out: missing value (FILE); if '--n' is the value, write --out=--n" },
        { ["fit", "--data", Path.GetTempPath()], ": is a folder, not a data file" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadOptionsGiveOneLineErrorsAndExitCode2(string[] args, string expected) => AssertOneLineError(args, expected);

    [Theory]
    [InlineData("", "no observations")]
    [InlineData("x\n1\nfoo\n", "line 3: 'foo' is not a number")]
    [InlineData("x\n1\nNaN\n", "line 3: 'NaN' is not a finite number")]
    [InlineData("x\n1\ninf\n", "line 3: 'inf' is not a number")]
    [InlineData("x\n5\n", "at least 2")]
    [InlineData("x\n5\n5\n", "improper")]
    public void BadDataFilesGiveOneLineErrorsNamingTheFile(string contents, string expected)
    {
        using var dir = new TempFolder();
        string data = dir.File("data.csv", contents);
        AssertOneLineError(["fit", "--data", data, "--out", dir.File("d.csv")], $"{data}");
        AssertOneLineError(["fit", "--data", data, "--out", dir.File("d.csv")], expected);
    }

    [Theory]
    [InlineData("x\n1.5\n1,5\n", null, "line 3: 2 cells ('1,5') where the header has 1; a decimal comma? write decimals with a point (1.5, not 1,5)")]
    [InlineData("id,x\n1,2\n2,3,4\n", "x", "line 3: 3 cells ('2,3,4') where the header has 2")]
    [InlineData("x\n1\n\"2\n3\"\n", null, "line 3: '2\\u000A3' is not a number")] // the quoted line break written out
    [InlineData("1\n2\n3\n", "1", "line 1: '1' is a number, not a header naming columns; a column is picked by its header's name (add a header line, or read the file as one column) (--column)")]
    public void CommaDecimalsAndExtraCellsAreRefused(string contents, string? column, string expected)
    {
        using var dir = new TempFolder();
        string data = dir.File("data.csv", contents);
        string[] args = ["fit", "--data", data, "--out", dir.File("d.csv")];
        AssertOneLineError(column is null ? args : [.. args, "--column", column], $"{data}, {expected}");
    }

    [Fact]
    public void TabSeparatedDataWithAHeaderAndStandardInputAreRead()
    {
        using var dir = new TempFolder();
        string[] fit = ["fit", "--chains", "2", "--burn-in", "50", "--samples", "50", "--seed", "1", "--backend", "cpu", "--quiet", "--out", dir.File("d.csv")];
        var tsv = Run([.. fit, "--data", dir.File("data.tsv", "id\tx\tnote\n1\t2.5\ta, b\n2\t-1\tc\n3\t4\td\n"), "--column", "x"]);
        Assert.True(tsv.Code == 0, tsv.Err);
        Assert.Contains("data.tsv: n = 3;", tsv.Out, StringComparison.Ordinal);

        var stdin = RunWithInput("x\n2.5\n-1\n4\n", [.. fit, "--data", "-"]);
        Assert.True(stdin.Code == 0, stdin.Err);
        Assert.Contains("standard input: n = 3;", stdin.Out, StringComparison.Ordinal);
        AssertOneLineError([.. fit, "--data", "-"], "error: standard input, line 3: 'foo' is not a number", input: "x\n1\nfoo\n");
    }

    [Fact]
    public void VersionPrintsTheInformationalVersion()
    {
        var (code, stdout, err) = Run("--version");
        Assert.True(code == 0, err);
        Assert.Matches(@"^greatmodel \d+\.\d+\.\d+\S*\s*$", stdout);
    }

    [Fact]
    public void AFailedFitLeavesAnExistingOutputUntouched()
    {
        using var dir = new TempFolder();
        string draws = dir.File("draws.csv", "precious");
        AssertOneLineError(["fit", "--data", dir.File("bad.csv", "x\n1\nfoo\n"), "--out", draws], "not a number");
        Assert.Equal("precious", File.ReadAllText(draws));
    }

    [Fact]
    public async Task CtrlCStopsTheFitAndKeepsTheCompletedDraws()
    {
        using var dir = new TempFolder();
        string draws = dir.File("draws.csv");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Program, "fit", "--backend", "reference", "--chains", "2", "--burn-in", "0", "--samples", "100000000", "--seed", "1", "--out", draws })
            start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await SignalTests.WaitFor(p, draws, files => files.Any(f => f.Length > 0)); // rows reached the disk: draws were made
        using (var kill = Process.Start("kill", ["-INT", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        Assert.True(p.WaitForExit(30_000), "the fit did not stop on SIGINT");
        Assert.Equal(130, p.ExitCode);
        Assert.Contains("kept all", await stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("sweeps/s", await stderr, StringComparison.Ordinal); // stderr is no terminal: no bar
        int rows = File.ReadAllLines(draws).Length - 1;
        Assert.True(rows > 0 && rows % 2 == 0, $"{rows} rows");
        Assert.Contains("mu", await stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void FitAndPlotWriteNonTrivialPngAndSvgPlots()
    {
        using var dir = new TempFolder();
        string plots = Directory.CreateDirectory(Path.Combine(dir.Path, "plots")).FullName;
        string draws = dir.File("draws.csv");
        var (code, stdout, err) = Run("fit", "--chains", "4", "--burn-in", "100", "--samples", "400", "--seed", "2", "--backend", "cpu", "--out", draws, "--plots", plots);
        Assert.True(code == 0, err);
        Assert.Contains("16 plots written", stdout, StringComparison.Ordinal);
        foreach (var stem in new[] { "trace_mu", "trace_sigma2", "density_mu", "density_sigma2", "rank_mu", "rank_sigma2", "trace_density_mu", "trace_density_sigma2" })
        {
            var png = File.ReadAllBytes(Path.Combine(plots, stem + ".png"));
            Assert.True(png.Length > 10_000, $"{stem}.png is {png.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            string svg = File.ReadAllText(Path.Combine(plots, stem + ".svg"));
            Assert.Contains("<svg", svg, StringComparison.Ordinal);
            Assert.True(svg.Length > 10_000, $"{stem}.svg is {svg.Length} characters");
        }

        string again = Path.Combine(dir.Path, "again"); // a new folder is created
        var plot = Run("plot", draws, "--out", again, "--true-mu", "-3.14");
        Assert.True(plot.Code == 0, plot.Err);
        Assert.Equal(16, Directory.GetFiles(again).Length);
        AssertOneLineError(["plot", dir.File("x.csv", "a,b\n1,2\n"), "--out", again], "no 'mu' column");

        // CmdStan files, one per chain, plot the same way.
        string stan = dir.File("stan.csv");
        var fit = Run("fit", "--chains", "2", "--burn-in", "50", "--samples", "100", "--seed", "3", "--backend", "cpu", "--format", "cmdstan", "--out", stan);
        Assert.True(fit.Code == 0, fit.Err);
        var fromStan = Run("plot", dir.File("stan_1.csv"), dir.File("stan_2.csv"), "--out", Path.Combine(dir.Path, "stan-plots") + "/"); // `out/`, as typed
        Assert.True(fromStan.Code == 0, fromStan.Err);
        Assert.Equal(16, Directory.GetFiles(Path.Combine(dir.Path, "stan-plots")).Length);
        AssertOneLineError(["fit", "--plots", Path.Combine(dir.Path, "missing", "plots")], "does not exist");
        AssertOneLineError(["plot", draws, "--out", draws], "this is a file, not a folder");
    }

    [Fact]
    public void BenchWritesTheTablesCsvAndPlotWithTheMachine()
    {
        using var dir = new TempFolder();
        string results = Path.Combine(dir.Path, "results");
        var (code, stdout, err) = Run("bench", "--quick", "--backends", "reference,cpu,cuda", "--no-numpy", "--cell-seconds", "3", "--out", results);
        Assert.True(code == 0, err);
        Assert.Contains("CPU:", stdout, StringComparison.Ordinal);
        string md = File.ReadAllText(Path.Combine(results, "bench.md"));
        Assert.Contains("## The talk's workload", md, StringComparison.Ordinal);
        Assert.Contains("| cpu | 16 | 10000 |", md, StringComparison.Ordinal);
        Assert.Contains("CPU: ", md, StringComparison.Ordinal);
        var rows = File.ReadAllLines(Path.Combine(results, "bench.csv"));
        Assert.StartsWith("workload,backend,chains,n,", rows[0], StringComparison.Ordinal);
        var cpuTalk = rows.Single(r => r.StartsWith("talk,cpu,", StringComparison.Ordinal)).Split(',');
        Assert.True(double.Parse(cpuTalk[7], System.Globalization.CultureInfo.InvariantCulture) > 0); // datum-updates/s
        Assert.True(new FileInfo(Path.Combine(results, "bench_throughput.png")).Length > 5_000);
        AssertOneLineError(["bench", "--backends", "gpu", "--out", results], "unknown backend");
    }

    /// <summary>
    /// The installed tool run outside a checkout of the repository (no benchmarks/results folder where it runs): options are
    /// checked before the output folder (a mistyped backend is told, not the missing default folder), and without --out the
    /// results go to ./greatmodel-bench.
    /// </summary>
    [Fact]
    public void BenchOutsideACheckoutTellsOptionsFirstAndWritesBesideItself()
    {
        using var dir = new TempFolder();
        var (code, _, err) = RunIn(dir.Path, ["bench", "--backends", "foo"]);
        Assert.Equal(2, code);
        Assert.StartsWith("greatmodel: error: --backends foo: unknown backend", err.Trim(), StringComparison.Ordinal);
        (code, _, err) = RunIn(dir.Path, ["bench", "--quick", "--backends", "cpu-fast", "--no-numpy", "--no-peer", "--cell-seconds", "0.2"]);
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(dir.Path, "greatmodel-bench", "bench.md")));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "benchmarks")));
    }

    [Fact]
    public void BenchEssWritesTimeToTargetAndSaysWhereStanIs()
    {
        using var dir = new TempFolder();
        string results = Path.Combine(dir.Path, "ess");
        var (code, stdout, err) = Run("bench", "--ess", "--quick", "--no-stan", "--backends", "cpu-fast", "--out", results);
        Assert.True(code == 0, err);
        Assert.Contains("stan: skipped, left out (--no-stan)", stdout, StringComparison.Ordinal);
        string md = File.ReadAllText(Path.Combine(results, "ess.md"));
        Assert.Contains("| 500 | 6 | greatmodel cpu-fast |", md, StringComparison.Ordinal);
        Assert.Contains("| 500 | estimated | greatmodel cpu-fast |", md, StringComparison.Ordinal);
        Assert.Contains("Stan: left out (--no-stan).", md, StringComparison.Ordinal);
        var rows = File.ReadAllLines(Path.Combine(results, "ess.csv"));
        Assert.StartsWith("n,nu,sampler,seconds_to_target,target,draws_per_chain,", rows[0], StringComparison.Ordinal);
        var estimated = rows.Single(r => r.StartsWith("500,estimated,greatmodel cpu-fast,", StringComparison.Ordinal)).Split(',');
        Assert.True(double.Parse(estimated[3], System.Globalization.CultureInfo.InvariantCulture) > 0); // seconds to the target
        Assert.True(double.Parse(estimated[12], System.Globalization.CultureInfo.InvariantCulture) >= 200); // ν's tail ESS reached it
    }

    /// <summary>`simulate --out - | head -1`: the reader goes, the writer stops with exit 4 and says why (it ran on and exited 0).</summary>
    [Fact]
    public async Task SimulateIntoAClosedPipeStopsWithExit4()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { Program, "simulate", "--n", "2000000", "--out", "-" }) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEndAsync();
        Assert.StartsWith("# greatmodel simulate", p.StandardOutput.ReadLine(), StringComparison.Ordinal);
        p.StandardOutput.Close(); // as head does after its line
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2)), "simulate went on writing into a closed pipe");
        Assert.Equal(GreatModel.Cli.ExitCodes.IoFailure, p.ExitCode);
        Assert.Contains("greatmodel: error: standard output: ", await err, StringComparison.Ordinal);
    }

    /// <summary>A Parquet file fits as its CSV does: the same values, the same seed, the same draws.</summary>
    [Fact]
    public async Task AParquetFileFitsAsItsCsvDoes()
    {
        using var dir = new TempFolder();
        double[] values = [.. Enumerable.Range(0, 50).Select(i => Math.Sin(i) * 3 + (i % 7))];
        string csv = dir.File("d.csv", "x\n" + string.Join('\n', values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "\n");
        string parquet = dir.File("d.parquet");
        await WriteParquet(parquet, values);
        string[] fit = ["fit", "--seed", "3", "--chains", "2", "--samples", "50", "--backend", "cpu", "-q"];
        Assert.Equal(0, Run([.. fit, "--data", csv, "--column", "x", "--out", dir.File("a.csv")]).Code);
        var (code, _, err) = Run([.. fit, "--data", parquet, "--out", dir.File("b.csv")]);
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllText(dir.File("a.csv")), File.ReadAllText(dir.File("b.csv")));
        AssertOneLineError(["fit", "--data", parquet, "--column", "y"], "no column named 'y' (columns: x)");
    }

    private static async Task WriteParquet(string path, double[] values)
    {
        var field = new Parquet.Schema.DataField<double>("x");
        await using var stream = File.Create(path);
        await using var writer = await Parquet.ParquetWriter.CreateAsync(new Parquet.Schema.ParquetSchema(field), stream);
        using var rowGroup = writer.CreateRowGroup();
        await rowGroup.WriteAsync(field, (ReadOnlyMemory<double>)values);
    }

    /// <summary>`summary` of fit's files prints fit's table and writes its JSON rows, tidy or CmdStan, grouped or not (#30 item 4).</summary>
    [Fact]
    public void SummaryOfWrittenDrawsIsFitsSummary()
    {
        using var dir = new TempFolder();
        string[] fit = ["fit", "--seed", "4", "--chains", "2", "--samples", "300", "--backend", "cpu-fast", "-q"];
        var (code, fitOut, err) = Run([.. fit, "--out", dir.File("d.csv"), "--summary", dir.File("fit.json")]);
        Assert.True(code == 0, err);
        var (summaryCode, summaryOut, summaryErr) = Run("summary", dir.File("d.csv"), "--summary", dir.File("s.json"));
        Assert.True(summaryCode == 0, summaryErr);
        string Table(string output) => string.Join('\n', output.Split('\n').SkipWhile(l => !l.StartsWith("parameter", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0 && !l.StartsWith("draws", StringComparison.Ordinal) && !l.StartsWith("summary", StringComparison.Ordinal)));
        Assert.Equal(Table(fitOut.Replace("\n  true", "", StringComparison.Ordinal)).Split('\n')[1..3].Select(l => l[..40]), Table(summaryOut).Split('\n')[1..3].Select(l => l[..40]));
        using (var ours = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("s.json"))))
        using (var fits = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("fit.json"))))
            Assert.Equal(fits.RootElement.GetProperty("mu").GetRawText(), ours.RootElement.GetProperty("mu").GetRawText());
        // CmdStan files: n from their header; the same rows.
        Directory.CreateDirectory(dir.File("cs"));
        Assert.Equal(0, Run([.. fit, "--format", "cmdstan", "--out", Path.Combine(dir.Path, "cs", "d.csv")]).Code);
        var (cmdStanCode, cmdStanOut, cmdStanErr) = Run("summary", Path.Combine(dir.Path, "cs", "d_1.csv"), Path.Combine(dir.Path, "cs", "d_2.csv"));
        Assert.True(cmdStanCode == 0, cmdStanErr);
        Assert.Equal(Table(summaryOut), Table(cmdStanOut));
        Assert.DoesNotContain("does not say the data's n", cmdStanErr, StringComparison.Ordinal);
        // A grouped run's tidy file: one table per group.
        string groups = dir.File("g.csv", "g,x\n" + string.Join('\n', Enumerable.Range(0, 40).Select(i => $"{(i % 2 == 0 ? "a" : "b")},{Math.Sin(i) + (i % 2):R}")) + "\n");
        // 2 × 1000 draws: the convergence checks (ESS ≥ 400) pass with room whatever the seed's draws (2 × 300 gave 330–500).
        Assert.Equal(0, Run(["fit", "--seed", "4", "--chains", "2", "--samples", "1000", "--backend", "cpu-fast", "-q", "--data", groups, "--group", "g", "--column", "x", "--out", dir.File("gd.csv")]).Code);
        var (groupedCode, groupedOut, groupedErr) = Run("summary", dir.File("gd.csv"));
        Assert.True(groupedCode == 0, groupedErr);
        Assert.Contains("group a", groupedOut, StringComparison.Ordinal);
        Assert.Contains("all 2 groups pass the convergence checks", groupedOut, StringComparison.Ordinal);
        Assert.Contains("does not say the data's n", groupedErr, StringComparison.Ordinal); // no record beside it: said, not silent
        AssertOneLineError(["summary", dir.File("d.csv"), "--summary", dir.File("d.csv")], "d.csv");
    }

    /// <summary>
    /// `summary --data` gives the data's n, so that a mean that does not exist prints "—" as fit's does; a grouped file's
    /// tables and JSON are then fit's own, group for group, line for line; the options that need others are refused (#30 item 6).
    /// </summary>
    [Fact]
    public void SummaryWithTheDataChecksWhichMomentsExist()
    {
        using var dir = new TempFolder();
        string[] fit = ["fit", "--seed", "5", "--chains", "2", "--samples", "400", "--backend", "cpu-fast", "-q"];
        string two = dir.File("two.csv", "y\n1\n2.5\n");
        Assert.Equal(0, Run([.. fit, "--data", two, "--column", "y", "--out", dir.File("t.csv")]).Code);
        var (_, uncheckedOut, uncheckedErr) = Run("summary", dir.File("t.csv"));
        Assert.DoesNotContain("—", uncheckedOut, StringComparison.Ordinal);
        Assert.Contains("give the data with --data to have them checked", uncheckedErr, StringComparison.Ordinal);
        var (code, checkedOut, checkedErr) = Run("summary", dir.File("t.csv"), "--data", two, "--column", "y", "--summary", dir.File("t.json"));
        Assert.True(code == 0, checkedErr);
        Assert.Contains("—", checkedOut, StringComparison.Ordinal);
        Assert.Contains("mu: its posterior has no mean or sd with n = 2", checkedErr, StringComparison.Ordinal);
        using (var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("t.json"))))
            Assert.Equal(System.Text.Json.JsonValueKind.Null, json.RootElement.GetProperty("mu").GetProperty("mean").ValueKind);

        // Grouped: a group of two, one of five and one of 30; with --data, summary's output is fit's, group for group.
        var rows = new[] { ("a", 2), ("b", 5), ("c", 30) }.SelectMany(g => Enumerable.Range(0, g.Item2).Select(i => $"{g.Item1},{Math.Sin(i + g.Item2) * 3:R}"));
        string groups = dir.File("g.csv", "g,x\n" + string.Join('\n', rows) + "\n");
        var (fitCode, fitOut, fitErr) = Run([.. fit, "--data", groups, "--group", "g", "--column", "x", "--out", dir.File("gd.csv"), "--summary", dir.File("fit.json")]);
        Assert.True(fitCode == 0, fitErr);
        var (summaryCode, summaryOut, summaryErr) = Run("summary", dir.File("gd.csv"), "--data", groups, "--group", "g", "--column", "x", "--summary", dir.File("s.json"));
        Assert.True(summaryCode == 0, summaryErr);
        static string Groups(string output) => string.Join('\n', output.Split('\n').SkipWhile(l => !l.StartsWith("group ", StringComparison.Ordinal)).TakeWhile(l => !l.StartsWith("draws", StringComparison.Ordinal) && !l.StartsWith("summary", StringComparison.Ordinal)));
        Assert.Equal(Groups(fitOut), Groups(summaryOut));
        Assert.Contains("group a (n = 2)", summaryOut, StringComparison.Ordinal);
        Assert.Equal(fitErr.Split('\n').Where(l => l.StartsWith("warning", StringComparison.Ordinal)), summaryErr.Split('\n').Where(l => l.StartsWith("warning", StringComparison.Ordinal)));
        using (var ours = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("s.json"))))
        using (var fits = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("fit.json"))))
            Assert.Equal(fits.RootElement.GetProperty("groups").GetRawText(), ours.RootElement.GetProperty("groups").GetRawText());

        AssertOneLineError(["summary", dir.File("t.csv"), "--column", "y"], "--column y: needs --data");
        AssertOneLineError(["summary", dir.File("t.csv"), "--data", two, "--group", "g"], "--group g: " + dir.File("t.csv") + " holds one data set's draws");
        AssertOneLineError(["summary", dir.File("gd.csv"), "--data", groups], "grouped run's draws: give the data's --group COLUMN and --column NAME");
        string other = dir.File("other.csv", "g,x\na,1\na,2\nz,3\nz,4\n");
        AssertOneLineError(["summary", dir.File("gd.csv"), "--data", other, "--group", "g", "--column", "x"], "has no group 'b'");
    }

    /// <summary>
    /// On a terminal that cannot redraw (TERM=dumb) the progress is plain lines, one at each tenth of the run, with no escape
    /// sequence; run on a pseudo-terminal by util-linux's script, skipped visibly where it is missing.
    /// </summary>
    [Fact]
    public async Task ADumbTerminalGetsPlainProgressLines()
    {
        const string script = "/usr/bin/script";
        Assert.SkipUnless(File.Exists(script), "no /usr/bin/script (util-linux) to give the program a terminal");
        using var dir = new TempFolder();
        string command = $"dotnet '{Program}' fit --chains 32 --samples 20000 --backend cpu --out '{dir.File("d.csv")}'";
        var start = new ProcessStartInfo(script, ["-qec", command, "/dev/null"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["TERM"] = "dumb";
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string terminal = await p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(p.ExitCode == 0, terminal + await stderr);
        var progress = terminal.Split('\n').Where(l => l.StartsWith("sampling ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, l => Assert.Matches(@"^sampling \d+%: sweep [\d,]+ of 20,200 \(burn-in included\) × 32 chains", l));
        Assert.DoesNotContain('\u001b', terminal); // no cursor movement, no colour
    }

    /// <summary>A draws file that is not one (a quote out of place): plot, summary and export refuse it in one line, exit 2, no stack trace.</summary>
    [Fact]
    public void AMalformedDrawsFileIsOneLine()
    {
        using var dir = new TempFolder();
        string bad = dir.File("q.csv");
        File.WriteAllText(bad, ".chain,.iteration,.draw,mu,sigma2\n1,1,1,0\"5,1\n");
        AssertOneLineError(["summary", bad], $"{bad}, line 2: 4 cells, the header has 5 (a quote out of place: not a draws file as GreatModel writes it)");
        AssertOneLineError(["plot", bad, "--out", dir.File("p")], $"{bad}, line 2: 4 cells, the header has 5 (a quote out of place: not a draws file as GreatModel writes it)");
        AssertOneLineError(["export", bad, "--out", dir.File("z.zarr")], $"{bad}: not a tidy draws file as GreatModel writes it");
        AssertOneLineError(["bench", "--backends", ",,", "--out", dir.File("b")], "--backends ,,: an empty backend name");
        // export holds the cells to what fit writes, as summary and plot do, and names a missing file or a folder as they do.
        File.WriteAllText(bad, ".chain,.iteration,.draw,mu,sigma2\n1,1,1,abc,2\n");
        AssertOneLineError(["export", bad, "--out", dir.File("z.zarr")], $"{bad}: line 2: mu 'abc' is not a finite number");
        File.WriteAllText(bad, ".chain,.iteration,.draw,mu,sigma2\n1,1,1,1,-2\n");
        AssertOneLineError(["export", bad, "--out", dir.File("z.zarr")], $"{bad}: line 2: sigma2 '-2' is not a finite number > 0");
        AssertOneLineError(["export", dir.File("none.csv"), "--out", dir.File("z.zarr")], "none.csv: no such file");
        AssertOneLineError(["export", dir.Path, "--out", dir.File("z.zarr")], ": is a folder, not a draws file");
        AssertOneLineError(["merge", "/dev/zero", "--out", dir.File("m")], "/dev/zero: is a character device, not a shard manifest");
        // A control character typed or read never reaches the terminal as itself.
        AssertOneLineError(["fit", "--nu", "6\u001b[31m"], "--nu 6\\u001B[31m: not a number or 'estimate'");
    }

    /// <summary>Several options out of range: each refused on its own line, all at once, before anything runs.</summary>
    [Fact]
    public void SeveralBadOptionsAreRefusedTogetherOneLineEach()
    {
        using var dir = new TempFolder();
        var (code, stdout, err) = Run("fit", "--chains", "0", "--thin", "0", "--nu", "0", "--out", dir.File("d.csv"));
        Assert.Equal(GreatModel.Cli.ExitCodes.BadInput, code);
        Assert.Equal("", stdout);
        Assert.Equal(["greatmodel: error: --chains 0: must be at least 1", "greatmodel: error: --thin 0: must be at least 1", "greatmodel: error: --nu 0: must be a finite number > 0"],
            err.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(dir.File("d.csv")));

        // The option table's rules between options come with the library's ranges, in one go.
        (code, stdout, err) = Run("fit", "--shard", "1/2", "--save-warmup", "--thin", "0", "--out", dir.File("d.csv"));
        Assert.Equal((GreatModel.Cli.ExitCodes.BadInput, ""), (code, stdout));
        Assert.Equal(
            ["greatmodel: error: --shard 1/2: needs --seed (every shard of a run must share it)",
             "greatmodel: error: --shard 1/2: needs --backend (auto may choose another backend on another node, and shards of two backends do not merge)",
             "greatmodel: error: --save-warmup: needs --format cmdstan (a tidy file has no place to mark warm-up rows, and readers such as R's posterior would take them as draws)",
             "greatmodel: error: --thin 0: must be at least 1"],
            err.TrimEnd('\n').Split('\n'));
    }

    /// <summary>`{ echo hello; simulate --out -; } &gt; f`: the data go after what the file held, not over it (they went at offset 0).</summary>
    [Fact]
    public void SimulateIntoAFileItSharesWritesAfterWhatIsThere()
    {
        using var dir = new TempFolder();
        string file = dir.File("f.csv");
        using var shell = Process.Start("sh", ["-c", $"{{ echo hello; dotnet '{Program}' simulate --n 3 --seed 1 --out -; echo bye; }} > '{file}'"]);
        shell.WaitForExit();
        Assert.Equal(0, shell.ExitCode);
        var lines = File.ReadAllLines(file);
        Assert.Equal("hello", lines[0]);
        Assert.StartsWith("# greatmodel simulate", lines[1], StringComparison.Ordinal);
        Assert.Equal("bye", lines[^1]);
        Assert.Equal(3, lines.Count(l => l.Length > 0 && (char.IsDigit(l[0]) || l[0] == '-')));
    }

    [Fact]
    public void SimulateWritesReadableDataAndDevicesListsTheCpu()
    {
        using var dir = new TempFolder();
        string data = dir.File("sim.csv");
        Assert.Equal(0, Run("simulate", "--n", "50", "--seed", "3", "--out", data).Code);
        Assert.Equal(50, GreatModel.Files.Input.DataFileReader.Read(data).Count);
        var (code, stdout, _) = Run("devices");
        Assert.Equal(0, code);
        Assert.Contains("ilgpu-cpu", stdout, StringComparison.Ordinal);
        Assert.Contains("opencl", stdout, StringComparison.Ordinal);
    }
}
