using System.Diagnostics;
using GreatModel.Data;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

/// <summary>
/// R's rstan and posterior, real readers of CmdStan files, read what `fit --format cmdstan` writes without an error or a
/// warning (warnings are made errors). Runs where Rscript is on the PATH (Debian: apt-get install r-cran-rstan
/// r-cran-posterior); skips visibly elsewhere.
/// </summary>
public class RReaderTests
{
    [Fact]
    public void RstanAndPosteriorReadTheCmdStanFilesWithoutWarnings()
    {
        string? rscript = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "Rscript")).FirstOrDefault(File.Exists);
        Assert.SkipWhen(rscript is null, "Rscript not found: apt-get install r-cran-rstan r-cran-posterior to run this reader test");
        using var dir = new TempFolder();
        var options = new SamplerOptions { EstimateNu = true, Chains = 3, BurnIn = 60, Samples = 34, Thin = 3, Seed = 9, Backend = Backend.CpuFast };
        using var sink = DrawsFileSink.Create(DrawsFormat.CmdStan, dir.File("fit.csv"), options.Chains, nuColumn: true);
        var fit = Sampler.Run(new GreatModel.Model.ObservedData(Simulation.StudentT(200, 5, 1, 2, seed: 3), "r-test"), options, new GreatModel.Sampling.RunHooks { Sinks = [sink] });
        sink.Commit(fit);
        string files = string.Join(", ", sink.Paths.Select(p => $"'{p}'"));
        string script = "options(warn = 2); suppressPackageStartupMessages({ library(rstan); library(posterior) }); "
            + $"f <- read_stan_csv(c({files})); a <- as.array(f); cat(dim(a), '\\n'); "
            + "d <- as_draws_array(f); cat(nchains(d), niterations(d), '\\n'); cat(variables(d), '\\n')";
        var run = Process.Start(new ProcessStartInfo(rscript!, ["-e", script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string stdout = run.StandardOutput.ReadToEnd(), stderr = run.StandardError.ReadToEnd();
        Assert.True(run.WaitForExit(TimeSpan.FromMinutes(2)), "Rscript did not finish in 2 minutes");
        Assert.True(run.ExitCode == 0, $"Rscript failed (a warning counts): {stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("34 3 6", lines[0].Trim()); // iterations × chains × (mu, sigma2, alpha2, tau2, nu, lp__)
        Assert.Equal("3 34", lines[1].Trim());
        Assert.Contains("nu", lines[2].Split(' '));
    }
}
