using System.Diagnostics;
using GreatModel.Data;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

/// <summary>
/// R's rstan and posterior, real readers of draws files, read what `fit` writes (CmdStan and tidy) without an error or a
/// warning (warnings are made errors). Runs where Rscript is on the PATH (Debian: apt-get install r-cran-rstan
/// r-cran-posterior); skips visibly elsewhere.
/// </summary>
public class RReaderTests
{
    private static string Rscript()
    {
        string? rscript = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "Rscript")).FirstOrDefault(File.Exists);
        Assert.SkipWhen(rscript is null, "Rscript not found: apt-get install r-cran-rstan r-cran-posterior to run this reader test");
        return rscript!;
    }

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
}
