using System.Globalization;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

[Collection(IlgpuCollection.Name)]
public class DrawsFileTests
{
    private static readonly ObservedData Data = new(Simulation.StudentT(300, 6, 0, 1, seed: 8), "d");

    private static SamplerOptions Options(int samples = 40) =>
        new() { Chains = 3, BurnIn = 10, Samples = samples, Seed = 21, Backend = Backend.Cpu };

    private static double[] Column(IEnumerable<string> rows, int index) =>
        rows.Select(r => double.Parse(r.Split(',')[index], CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void TidyCsvStreamsEveryDrawOfEveryChain()
    {
        using var dir = new TempFolder();
        using var sink = DrawsFileSink.Create(DrawsFormat.Tidy, dir.File("d.csv"), 3);
        var fit = Sampler.Run(Data, Options(), new RunHooks { Sinks = [sink] });
        Assert.False(File.Exists(dir.File("d.csv")));           // nothing appears before the commit
        sink.Commit(fit);
        var lines = File.ReadAllLines(dir.File("d.csv"));
        Assert.Equal(".chain,.iteration,.draw,mu,sigma2", lines[0]);
        var chain2 = lines.Skip(1).Where(l => l.StartsWith("2,", StringComparison.Ordinal)).ToArray();
        Assert.Equal(fit.Mu.Chain(1).ToArray(), Column(chain2, 3));
        Assert.Equal(fit.Sigma2.Chain(1).ToArray(), Column(chain2, 4));
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (double)i), Column(chain2, 1)); // .iteration within the chain
        Assert.Equal(Enumerable.Range(1, lines.Length - 1).Select(i => (double)i), Column(lines.Skip(1), 2)); // .draw over all rows
        Assert.Single(Directory.GetFiles(dir.Path));             // no temporary files left
    }

    [Fact]
    public void CmdStanCsvHasOneFilePerChainInCmdStansLayout()
    {
        using var dir = new TempFolder();
        using var sink = DrawsFileSink.Create(DrawsFormat.CmdStan, dir.File("fit.csv"), 3);
        var fit = Sampler.Run(Data, Options(), new RunHooks { Sinks = [sink] });
        sink.Commit(fit);
        Assert.Equal(["fit_1.csv", "fit_2.csv", "fit_3.csv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
        var lines = File.ReadAllLines(dir.File("fit_3.csv"));
        var comments = lines.Where(l => l.StartsWith('#')).ToArray();
        Assert.Contains("#     num_samples = 40", comments);
        Assert.Contains("#     num_warmup = 10", comments);
        Assert.Contains("#     algorithm = fixed_param", comments);
        Assert.Contains("# id = 3", comments);
        Assert.Contains(comments, l => l.Contains("Elapsed Time", StringComparison.Ordinal));
        var table = lines.Where(l => !l.StartsWith('#')).ToArray();
        Assert.Equal("lp__,accept_stat__,mu,sigma2", table[0]); // alpha2 and tau2 stay out of the files: not identified
        Assert.Equal(fit.Mu.Chain(2).ToArray(), Column(table.Skip(1), 2));
        Assert.Equal(fit.Sigma2.Chain(2).ToArray(), Column(table.Skip(1), 3));
    }

    [Fact]
    public void CmdStanHeadersTellTheTruth()
    {
        // What rstan and cmdstanpy check: num_samples counts iterations before thinning (⌈num_samples/thin⌉ draws follow),
        // save_warmup is 0 (rstan ≤ 2.32 cannot read "false"); and the fields that were untrue: the data and output file,
        // the start time (it was the end time), init, and the sampling time (it could go negative).
        using var dir = new TempFolder();
        var options = Options() with { Samples = 34, Thin = 3 };
        using var sink = DrawsFileSink.Create(DrawsFormat.CmdStan, dir.File("fit.csv"), options.Chains);
        var before = DateTime.UtcNow.AddSeconds(-1);
        var fit = Sampler.Run(Data, options, new RunHooks { Sinks = [sink] });
        sink.Commit(fit);
        var lines = File.ReadAllLines(dir.File("fit_2.csv"));
        var comments = lines.Where(l => l.StartsWith('#')).ToArray();
        Assert.Contains("#     num_samples = 102", comments);
        Assert.Equal(1 + 34, lines.Count(l => !l.StartsWith('#')));
        Assert.Contains("#     thin = 3", comments);
        Assert.Contains("#     save_warmup = 0", comments);
        Assert.Contains($"#   file = {Data.Source}", comments);
        Assert.Contains("#   file = fit_2.csv", comments);
        Assert.Contains("# init = greatmodel: each chain seeded from mu dispersed, U(-2, 2) robust spreads from the data's median, log alpha2 dispersed, U(-2, 2) around the log robust spread squared, tau2 1", comments);
        var started = DateTime.ParseExact(comments.Single(l => l.StartsWith("# start_datetime = ", StringComparison.Ordinal))["# start_datetime = ".Length..],
            "yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        Assert.InRange(started, before.AddSeconds(-1), fit.StartedUtc.AddSeconds(1));
        double Seconds(string label) => double.Parse(System.Text.RegularExpressions.Regex.Match(
            comments.Single(l => l.Contains($"seconds ({label})", StringComparison.Ordinal)), @"([0-9.]+) seconds").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Seconds("Warm-up") >= 0 && Seconds("Sampling") >= 0 && Seconds("Total") >= Seconds("Warm-up"));
    }

    [Fact]
    public void BothLayoutsReadBackAsTheDrawsMade()
    {
        using var dir = new TempFolder();
        using var stan = DrawsFileSink.Create(DrawsFormat.CmdStan, dir.File("stan.csv"), 3);
        var fit = Sampler.Run(Data, Options(), new RunHooks { Sinks = [stan] });
        stan.Commit(fit);
        var fromStan = DrawsFileReader.Read(stan.Paths, "sigma2", "mu");
        Assert.Equal(fit.Sigma2.ToChainArrays(), fromStan["sigma2"]);
        Assert.Equal(fit.Mu.ToChainArrays(), fromStan["mu"]);
        // A tidy file from elsewhere: a comment line, a quoted header cell, columns in another order.
        var tidy = DrawsFileReader.Read([WriteTidy(dir, fit)], "mu", "sigma2");
        Assert.Equal(fit.Mu.ToChainArrays(), tidy["mu"]);
        Assert.Equal(fit.Sigma2.ToChainArrays(), tidy["sigma2"]);
    }

    /// <summary>A group label with a line break and a '#' after it is the cell's, not a comment (the parser sees it whole).</summary>
    [Fact]
    public void AHashInsideAQuotedLabelIsNotAComment()
    {
        using var dir = new TempFolder();
        string path = dir.File("g.csv", "# header comment\ngroup,.chain,.iteration,.draw,mu,sigma2\n\"a\n#b\",1,1,1,0.5,2\n\"a\n#b\",1,2,2,0.7,3\n");
        var groups = DrawsFileReader.ReadGrouped(path, "mu", "sigma2");
        var (label, draws) = Assert.Single(groups);
        Assert.Equal("a\n#b", label);
        Assert.Equal([0.5, 0.7], draws["mu"][0]);
    }

    /// <summary>
    /// Labels that a CSV reader would change unquoted come back as they were: with a comma and a leading blank, starting with
    /// '#' (unquoted it began a comment line: the group's rows were dropped), ending in a blank.
    /// </summary>
    [Fact]
    public void GroupLabelsComeBackAsTheyWere()
    {
        using var dir = new TempFolder();
        string[] labels = [" a,b", "#1", "x ", "plain"];
        var data = new GroupedData(labels.Select((label, k) => KeyValuePair.Create(label, new ObservedData(Simulation.StudentT(8, 6, k, 1, seed: (ulong)k + 1), label))), "g.csv");
        var options = new SamplerOptions { Chains = 2, BurnIn = 10, Samples = 6, Seed = 2, Backend = Backend.CpuFast };
        using var sink = DrawsFileSink.CreateGrouped(DrawsFormat.Tidy, dir.File("g.csv"), data.Labels, options.Chains);
        var fit = Sampler.Plan(data, options, new RunHooks { Sinks = [sink] }).RunGroups(CancellationToken.None);
        sink.Commit(fit);
        var read = DrawsFileReader.ReadGrouped(dir.File("g.csv"), "mu", "sigma2");
        Assert.Equal(labels, read.Select(g => g.Key));
        foreach (var (label, draws) in read) Assert.Equal(fit[label].Mu.ToChainArrays(), draws["mu"]);
    }

    private static string WriteTidy(TempFolder dir, Posterior fit)
    {
        string path = dir.File("tidy2.csv");
        File.WriteAllLines(path, new[] { "# written by hand", "sigma2,\"chain\",draw,mu" }.Concat(
            Enumerable.Range(0, fit.Options.Chains).Reverse().SelectMany(c => Enumerable.Range(0, fit.DrawsPerChain).Select(d =>
                string.Create(CultureInfo.InvariantCulture, $"{fit.Sigma2[c, d]:R},{c + 1},{d + 1},{fit.Mu[c, d]:R}")))));
        return path;
    }

    [Theory]
    [InlineData("chain,draw,mu,sigma2\n1,1,0.5,2\n1,2,x,2\n", "line 3: mu 'x' is not a finite number")]
    [InlineData("chain,draw,mu,sigma2\n1,1,0.5,2\n1,2,0.5\n", "line 3: 3 cells, the header has 4")]
    [InlineData("chain,draw,mu\n1,1,0.5\n", "line 1: no 'sigma2' column")]
    [InlineData("chain,draw,mu,sigma2\none,1,0.5,2\n", "line 2: chain 'one' is not a whole number")]
    [InlineData("chain,draw,mu,sigma2\n1,1,0.5,2\n1,2,0.5,2\n2,1,0.5,2\n", "different numbers of draws (2, 1)")]
    [InlineData("chain,draw,mu,sigma2\n", "no draws")]
    // Lines are the file's, comments, blank lines and "\r\n" counted (the comments are taken out before the parser sees them).
    [InlineData("# c1\n# c2\nchain,draw,mu,sigma2\n1,1,0.5,2\n# mid\n1,2,x,2\n", "line 6: mu 'x' is not a finite number")]
    [InlineData("# c\r\nchain,draw,mu,sigma2\r\n1,1,0.5,2\r\n# c\r\n1,2,x,2\r\n", "line 5: mu 'x' is not a finite number")]
    [InlineData("chain,draw,mu,sigma2\n\n1,1,0.5,2\n  \n1,2,x,2\n", "line 5: mu 'x' is not a finite number")]
    [InlineData("# c\n\nchain,draw,mu\n1,1,0.5\n", "line 3: no 'sigma2' column")]
    // Files edited or damaged so that every value parses (found by trying plot adversarially): refused, not plotted.
    [InlineData(".chain,.iteration,.draw,mu,sigma2\n1,1,1,0.5,2\n1,2,2,0.5,-1\n", "line 3: sigma2 '-1' is not > 0")]
    [InlineData("mu\tsigma2\n1\t2\n", "line 1: tab-separated; draws files are read comma-separated (CSV)")]
    [InlineData(".chain,.iteration,.draw,mu,sigma2\n1,1,1,0.5,2\n1,1,2,0.5,2\n", "line 3: iteration '1' of chain 1 where 2 was expected")]
    [InlineData(".chain,.iteration,.draw,mu,sigma2\n1,2,1,0.5,2\n1,1,2,0.5,2\n", "line 2: iteration '2' of chain 1 where 1 was expected")]
    [InlineData(".chain,.iteration,.draw,mu,sigma2\n1,1,1,0.5,2\n3,1,2,0.5,2\n", "chains 1, 3 leave out chain 2")]
    [InlineData("# model = greatmodel\n#   sample\n#     num_samples = 4\n#     thin = 2\nlp__,mu,sigma2\n0,1,2\n", "its header says 2 draws (num_samples / thin), but it has 1 rows")]
    // Cut short while written or copied: the last row has no line end, and its last number may be cut (2.25 of 2.2517…).
    [InlineData(".chain,.iteration,.draw,mu,sigma2\n1,1,1,0.5,2\n1,2,2,0.5,2.25", "line 3: the file ends inside this row, with no line end after it")]
    [InlineData(".chain,.iteration,.draw,mu,sigma2\r\n1,1,1,0.5,2\r\n1,2,2,0.5,2.25", "line 3: the file ends inside this row")]
    public void BadDrawsFilesNameFileLineAndValue(string text, string error)
    {
        using var dir = new TempFolder();
        string path = dir.File("bad.csv", text);
        var e = Assert.Throws<InvalidInputException>(() => DrawsFileReader.Read([path], "mu", "sigma2"));
        Assert.Contains(error, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
    }

    /// <summary>Only a row left open is a cut: a last line of blanks, or a comment line, without a line end is not.</summary>
    [Theory]
    [InlineData(".chain,.iteration,.draw,mu,sigma2\n1,1,1,0.5,2\n1,2,2,0.5,2\n   ")]
    [InlineData(".chain,.iteration,.draw,mu,sigma2\n1,1,1,0.5,2\n1,2,2,0.5,2\n# Elapsed Time: 0.1 seconds")]
    public void AnEndWithoutALineEndOutsideARowIsRead(string text)
    {
        using var dir = new TempFolder();
        string path = dir.File("ok.csv", text);
        Assert.Equal([0.5, 0.5], DrawsFileReader.Read([path], "mu", "sigma2")["mu"][0]);
    }

    /// <summary>
    /// Cancelled after draw 17: with blocks of one sweep the run stops there; in the blocks a small run is carried through by
    /// default, at the end of the block it was in (a few milliseconds on). Either way every draw made is kept, in the file too.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(null)]
    public void CancellationStopsCleanlyAndKeepsEveryCompletedDraw(int? sweepsPerBlock)
    {
        using var dir = new TempFolder();
        using var stop = new CancellationTokenSource();
        using var sink = DrawsFileSink.Create(DrawsFormat.CmdStan, dir.File("fit.csv"), 3);
        var cut = Sampler.Run(Data, Options(samples: 1000), new RunHooks { Sinks = [sink, new CancelAfter(17, stop)], MaxSweepsPerBlock = sweepsPerBlock }, stop.Token);
        sink.Commit(cut);
        Assert.True(cut.Cancelled);
        int kept = cut.DrawsPerChain;
        if (sweepsPerBlock == 1) Assert.Equal(17, kept);
        else Assert.InRange(kept, 17, 999);
        Assert.Equal(10 + kept, cut.SweepsRun);
        var full = Sampler.Run(Data, Options(samples: 1000));
        Assert.Equal(full.Mu.Chain(0)[..kept].ToArray(), cut.Mu.Chain(0).ToArray());
        var lines = File.ReadAllLines(dir.File("fit_1.csv"));
        Assert.Contains($"#     num_samples = {kept}", lines);                 // the header states what the file holds
        Assert.Equal(1 + kept, lines.Count(l => !l.StartsWith('#')));
    }

    private sealed class Collect : IProgress<SamplingProgress>
    {
        public List<SamplingProgress> Reports { get; } = [];

        public void Report(SamplingProgress value) => Reports.Add(value);
    }

    [Fact]
    public void ProgressEndsWithEverySweepCounted()
    {
        var progress = new Collect();
        Sampler.Run(Data, Options(), new RunHooks { Progress = progress });
        var last = progress.Reports[^1];
        Assert.Equal(50, last.SweepsDone);
        Assert.Equal(50, last.TotalSweeps);
        Assert.True(last.DatumUpdatesPerSecond > 0);
    }
}
