using System.Diagnostics;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

/// <summary>
/// R's rstan and posterior, real readers of draws files, read what `fit` writes (CmdStan and tidy) without an error or a
/// warning (warnings are made errors). Runs where Rscript is on the PATH (Debian: apt-get install r-cran-rstan
/// r-cran-posterior); skips visibly elsewhere.
/// </summary>
public class RReaderTests
{
    private static string Rscript() => ExternalReaders.Rscript();

    /// <summary>Runs an R script with warnings made errors; its standard output's lines.</summary>
    private static string[] RunR(string script)
    {
        var run = Process.Start(new ProcessStartInfo(Rscript(), ["-e", "options(warn = 2); " + script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string stdout = run.StandardOutput.ReadToEnd(), stderr = run.StandardError.ReadToEnd();
        Assert.True(run.WaitForExit(TimeSpan.FromMinutes(2)), "Rscript did not finish in 2 minutes");
        Assert.True(run.ExitCode == 0, $"Rscript failed (a warning counts): {stderr}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToArray();
    }

    /// <summary>A ν-estimated fit of t₄/t₅ data written in <paramref name="format"/> into <paramref name="dir"/>: its posterior and files.</summary>
    private static (Posterior Fit, IReadOnlyList<string> Files) WriteFit(TempFolder dir, DrawsFormat format, SamplerOptions options)
    {
        using var sink = DrawsFileSink.Create(format, dir.File("fit.csv"), options.Chains, nuColumn: true);
        var data = new GreatModel.Model.ObservedData(Simulation.StudentT(300, 4, 1, 2, seed: 5), "r-test");
        var fit = Sampler.Run(data, options with { EstimateNu = true, Backend = Backend.CpuFast }, new GreatModel.Sampling.RunHooks { Sinks = [sink] });
        sink.Commit(fit);
        return (fit, sink.Paths);
    }

    [Fact]
    public void PosteriorReadsTheTidyFileAsChains()
    {
        _ = Rscript();
        using var dir = new TempFolder();
        var (_, files) = WriteFit(dir, DrawsFormat.Tidy, new SamplerOptions { Chains = 3, BurnIn = 60, Samples = 34, Seed = 9 });
        var lines = RunR("suppressPackageStartupMessages(library(posterior)); "
            + $"d <- as_draws_df(read.csv('{files[0]}', check.names = FALSE)); cat(nchains(d), niterations(d), '\\n'); cat(variables(d), '\\n')");
        Assert.Equal("3 34", lines[0]); // .chain, .iteration, .draw read as posterior's own indices, not as variables
        Assert.Equal("mu sigma2 nu", lines[1]);
    }

    [Fact]
    public void TheSummaryEqualsPosteriorsSummariseDrawsOnTheSameDraws()
    {
        // Every column the summary shares with posterior::summarise_draws, on the draws of a file both read.
        _ = Rscript();
        using var dir = new TempFolder();
        var (fit, files) = WriteFit(dir, DrawsFormat.Tidy, new SamplerOptions { Chains = 4, BurnIn = 100, Samples = 250, Seed = 12 });
        var lines = RunR("suppressPackageStartupMessages(library(posterior)); "
            + $"d <- as_draws_df(read.csv('{files[0]}', check.names = FALSE)); "
            + "s <- summarise_draws(d, mean, sd, mcse_mean, mcse_sd, ess_bulk, ess_tail, rhat); "
            + "for (i in seq_len(nrow(s))) cat(s$variable[i], sprintf('%.17g', unlist(s[i, -1])), '\\n')");
        foreach (var parameter in new[] { fit.Mu, fit.Sigma2, fit.Nu! })
        {
            var r = lines.Single(l => l.StartsWith(parameter.Name + " ", StringComparison.Ordinal)).Split(' ')[1..]
                .Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var ours = GreatModel.Diagnostics.ParameterSummary.Of(parameter);
            double[] mine = [ours.Mean, ours.Sd, ours.McseMean, ours.McseSd, ours.EssBulk, ours.EssTail, ours.Rhat];
            string[] names = ["mean", "sd", "mcse_mean", "mcse_sd", "ess_bulk", "ess_tail", "rhat"];
            for (int k = 0; k < names.Length; k++)
                Assert.True(Math.Abs(mine[k] - r[k]) <= 1e-9 * Math.Abs(r[k]), $"{parameter.Name} {names[k]}: ours {mine[k]:R}, posterior {r[k]:R}");
        }
    }

    [Fact]
    public void RstanAndPosteriorReadTheCmdStanFilesWithoutWarnings()
    {
        _ = Rscript();
        using var dir = new TempFolder();
        var (_, paths) = WriteFit(dir, DrawsFormat.CmdStan, new SamplerOptions { Chains = 3, BurnIn = 60, Samples = 34, Thin = 3, Seed = 9 });
        string files = string.Join(", ", paths.Select(p => $"'{p}'"));
        var lines = RunR("suppressPackageStartupMessages({ library(rstan); library(posterior) }); "
            + $"f <- read_stan_csv(c({files})); a <- as.array(f); cat(dim(a), '\\n'); "
            + "d <- as_draws_array(f); cat(nchains(d), niterations(d), '\\n'); cat(variables(d), '\\n')");
        Assert.Equal("34 3 4", lines[0]); // iterations × chains × (mu, sigma2, nu, lp__)
        Assert.Equal("3 34", lines[1]);
        Assert.Contains("nu", lines[2].Split(' '));
    }

    /// <summary>A grouped run's CmdStan layout: rstan reads each group's set (folder/GROUP_i.csv) as one run, its own draws.</summary>
    [Fact]
    public void RstanReadsEachGroupsCmdStanSet()
    {
        _ = Rscript();
        using var dir = new TempFolder();
        var data = new GroupedData([new("north", new ObservedData(Simulation.StudentT(30, 6, 1, 2, seed: 6), "a")), new("south", new ObservedData(Simulation.StudentT(12, 6, -4, 1, seed: 7), "b"))], "g.csv");
        var options = new SamplerOptions { Chains = 2, BurnIn = 50, Samples = 40, Seed = 3, Backend = Backend.CpuFast };
        using var sink = DrawsFileSink.CreateGrouped(DrawsFormat.CmdStan, dir.File("fit.csv"), data.Labels, options.Chains);
        var fit = Sampler.Plan(data, options, new GreatModel.Sampling.RunHooks { Sinks = [sink] }).RunGroups(CancellationToken.None);
        sink.Commit(fit);
        string folder = Path.Combine(dir.Path, "fit");
        var lines = RunR("suppressPackageStartupMessages({ library(rstan); library(posterior) }); "
            + $"for (g in c('north', 'south')) {{ f <- read_stan_csv(sprintf('{folder}/%s_%d.csv', g, 1:2)); d <- as_draws_df(f); cat(g, nchains(d), niterations(d), format(mean(d$mu), digits = 15), '\n') }}");
        foreach (var (line, group) in lines.Zip(new[] { "north", "south" }))
        {
            var cells = line.Split(' ');
            Assert.Equal([group, "2", "40"], cells[..3]);
            Assert.Equal(fit[group].Mu.ToArray().Average(), double.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture), 1e-6);
        }
    }

    [Fact]
    public void LooReadsTheLogLikelihoodColumnsAndPosteriorTheReplications()
    {
        // --log-lik and --predictive (#16): rstan's reader takes the CmdStan files with log_lik.1 … as the vector log_lik,
        // loo computes PSIS-LOO from them (r_eff from the chains) without a warning; posterior reads the tidy file's y_rep.
        _ = Rscript();
        using var dir = new TempFolder();
        var data = new GreatModel.Model.ObservedData(Simulation.StudentT(120, 6, 1, 2, seed: 6), "r-test");
        var options = new SamplerOptions { Chains = 3, BurnIn = 100, Samples = 300, Seed = 14, Backend = Backend.CpuFast };
        var pointwise = new PointwiseColumns(data, PointwiseOutputs.LogLikelihood | PointwiseOutputs.Predictive, 14, options.Chains);
        using (var sink = DrawsFileSink.Create(DrawsFormat.CmdStan, dir.File("fit.csv"), options.Chains, new DrawsFileOptions { Pointwise = pointwise }))
        {
            sink.Commit(Sampler.Run(data, options, new GreatModel.Sampling.RunHooks { Sinks = [sink] }));
        }
        var tidyColumns = new PointwiseColumns(data, PointwiseOutputs.Predictive, 14, options.Chains);
        using (var tidy = DrawsFileSink.Create(DrawsFormat.Tidy, dir.File("tidy.csv"), options.Chains, new DrawsFileOptions { Pointwise = tidyColumns }))
        {
            tidy.Commit(Sampler.Run(data, options, new GreatModel.Sampling.RunHooks { Sinks = [tidy] }));
        }
        string files = string.Join(", ", Enumerable.Range(1, options.Chains).Select(c => $"'{dir.File($"fit_{c}.csv")}'"));
        // The README's recipe as written (package-qualified, nothing attached: rstan has no extract_log_lik of its own).
        var lines = RunR($"files <- c({files}); "
            + "ll <- loo::extract_log_lik(rstan::read_stan_csv(files), merge_chains = FALSE); l <- loo::loo(ll, r_eff = loo::relative_eff(exp(ll))); "
            + "cat(dim(ll), '\\n'); cat(sprintf('%.6f', l$estimates['elpd_loo', 'Estimate']), '\\n'); suppressPackageStartupMessages(library(posterior)); "
            + $"d <- as_draws_df(read.csv('{dir.File("tidy.csv")}', check.names = FALSE)); cat(nchains(d), length(variables(d)), '\\n'); "
            + "y <- subset_draws(d, variable = 'y_rep'); cat(length(variables(y)), variables(y)[1], '\\n')");
        Assert.Equal("300 3 120", lines[0]); // iterations × chains × data
        double elpd = double.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(elpd / data.Count, -4.0, -1.0); // about the t's log density per datum at σ² = 2
        Assert.Equal("3 122", lines[2]); // mu, sigma2 and y_rep[1] … y_rep[120]
        Assert.Equal("120 y_rep[1]", lines[3]); // the tidy file's y_rep is one variable to posterior (y_rep.1 was 120 of their own)
    }

    /// <summary>`fit --loo`'s estimates equal R's loo on the file's log_lik columns with r_eff from the chains (#30 item 3).</summary>
    [Fact]
    public void FitsLooEqualsRsLooOnTheSameDraws()
    {
        _ = Rscript();
        using var dir = new TempFolder();
        string data = dir.File("d.csv", "x\n" + string.Join('\n', Enumerable.Range(0, 40).Select(i => (Math.Sin(i * 1.7) * 2 + (i == 7 ? 25 : 0)).ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "\n");
        var (code, _, err) = GreatModel.Tests.Cli.CliTests.Run("fit", "--data", data, "--nu", "estimate", "--chains", "4", "--samples", "500", "--seed", "9",
            "--log-lik", "--loo", "--summary", dir.File("s.json"), "--out", dir.File("ll.csv"), "-q");
        Assert.True(code == 0, err);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("s.json")));
        var loo = json.RootElement.GetProperty("loo");
        var lines = RunR($"d <- read.csv('{dir.File("ll.csv")}', check.names = FALSE); ll <- as.matrix(d[, grep('^log_lik', names(d))]); "
            + "l <- suppressWarnings(loo::loo(ll, r_eff = loo::relative_eff(exp(ll), chain_id = d$.chain))); e <- l$estimates; "
            + "cat(sprintf('%.17g', c(e['elpd_loo', ], e['p_loo', ], e['looic', ])), '\\n'); "
            + "k <- l$diagnostics$pareto_k; cat(sum(k <= 0.5), sum(k > 0.5 & k <= 0.7), sum(k > 0.7 & k <= 1), sum(k > 1), '\\n')");
        double[] r = [.. lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
        string[] names = ["elpd_loo", "se_elpd_loo", "p_loo", "se_p_loo", "looic", "se_looic"];
        for (int k = 0; k < names.Length; k++)
        {
            double ours = loo.GetProperty(names[k]).GetDouble();
            Assert.True(Math.Abs(ours - r[k]) <= 1e-6 * Math.Abs(r[k]), $"{names[k]}: ours {ours:R}, R's loo {r[k]:R}");
        }
        Assert.Equal(lines[1].Trim(), string.Join(' ', loo.GetProperty("pareto_k").EnumerateArray().Select(row => row.GetProperty("count").GetInt32())));
    }

    [Fact]
    public void RstanReadsSavedWarmupAsWarmup()
    {
        _ = Rscript();
        using var dir = new TempFolder();
        var options = new SamplerOptions { Chains = 2, BurnIn = 10, Samples = 20, Thin = 3, Seed = 5, Backend = Backend.CpuFast };
        var data = new GreatModel.Model.ObservedData(Simulation.StudentT(100, 6, 1, 2, seed: 5), "r-test");
        using (var sink = DrawsFileSink.Create(DrawsFormat.CmdStan, dir.File("fit.csv"), options.Chains, new DrawsFileOptions { SaveWarmup = true }))
        {
            sink.Commit(Sampler.Run(data, options, new GreatModel.Sampling.RunHooks { Sinks = [sink] }));
        }
        var lines = RunR("suppressPackageStartupMessages(library(rstan)); "
            + $"f <- read_stan_csv(c('{dir.File("fit_1.csv")}', '{dir.File("fit_2.csv")}')); "
            + "cat(dim(as.array(f)), '\\n'); cat(dim(extract(f, permuted = FALSE, inc_warmup = TRUE)), '\\n')");
        Assert.Equal("20 2 3", lines[0]); // the draws: warm-up left out
        Assert.Equal("24 2 3", lines[1]); // with the ⌈10 / 3⌉ warm-up draws
    }
}
