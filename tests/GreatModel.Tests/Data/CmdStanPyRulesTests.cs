using System.Globalization;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

/// <summary>
/// Our CmdStan files against the rules cmdstanpy's <c>from_csv</c> applies (read in its source, 1.2.5 and 1.3:
/// <c>cmdstanpy/utils/stancsv.py</c>, <c>stanfit/__init__.py</c>, <c>stanfit/mcmc.py</c>; the same files were loaded by both
/// versions' parsers by hand): the keys it reads with " = " (method = sample, model, num_samples, num_warmup &gt; 0, thin,
/// save_warmup, metric for 1.2, algorithm for 1.3), the header line starting with lp__, ⌈num_samples / thin⌉ rows, two or more
/// comment lines after the last row (1.3 counts the rows by them) whose timing labels are Warm-up, Sampling or Total, and the
/// keys it compares across chains equal. Thinned, ν estimated, pointwise columns (<c>log_lik.1</c>, which it groups as
/// log_lik[1]), and each group's set of a grouped run; a file with warm-up rows is fixed_param's too, which neither version reads (CmdStan's own fixed_param writes
/// none): README says so.
/// </summary>
public class CmdStanPyRulesTests
{
    private static readonly ObservedData Data = new(Simulation.StudentT(50, 6, 1, 2, seed: 4), "d.csv");

    [Theory]
    [InlineData(1, false, false)]
    [InlineData(3, true, false)]
    [InlineData(2, true, true)]
    public void EveryFileFollowsTheRulesCmdStanPyParsesBy(int thin, bool estimateNu, bool pointwise)
    {
        using var dir = new TempFolder();
        var options = new SamplerOptions { Chains = 3, BurnIn = 20, Samples = 31, Thin = thin, Seed = 5, EstimateNu = estimateNu, Backend = Backend.CpuFast };
        var fileOptions = new DrawsFileOptions
        {
            NuColumn = estimateNu,
            Pointwise = pointwise ? new PointwiseColumns(Data, PointwiseOutputs.LogLikelihood | PointwiseOutputs.Predictive, 5, options.Chains) : null,
        };
        using var sink = DrawsFileSink.Create(DrawsFormat.CmdStan, dir.File("fit.csv"), options.Chains, fileOptions);
        sink.Commit(Sampler.Run(Data, options, new RunHooks { Sinks = [sink] }));
        AssertFollowsTheRules([.. Enumerable.Range(1, options.Chains).Select(chain => dir.File($"fit_{chain}.csv"))], thin, pointwise);
    }

    /// <summary>A grouped run's CmdStan files: each group's set (folder/GROUP_i.csv) follows the rules as one run's set does.</summary>
    [Fact]
    public void EachGroupsSetFollowsTheRules()
    {
        using var dir = new TempFolder();
        var data = new GroupedData([new("north", new ObservedData(Simulation.StudentT(20, 6, 1, 2, seed: 6), "a")), new("south", new ObservedData(Simulation.StudentT(9, 6, -1, 1, seed: 7), "b"))], "g.csv");
        var options = new SamplerOptions { Chains = 2, BurnIn = 20, Samples = 25, Thin = 2, Seed = 3, EstimateNu = true, Backend = Backend.CpuFast };
        using var sink = DrawsFileSink.CreateGrouped(DrawsFormat.CmdStan, dir.File("fit.csv"), data.Labels, options.Chains, new DrawsFileOptions { NuColumn = true });
        var fit = Sampler.Plan(data, options, new RunHooks { Sinks = [sink] }).RunGroups(CancellationToken.None);
        sink.Commit(fit);
        foreach (string group in data.Labels)
            AssertFollowsTheRules([.. Enumerable.Range(1, options.Chains).Select(chain => Path.Combine(dir.Path, "fit", $"{group}_{chain}.csv"))], options.Thin, pointwise: false);
    }

    /// <summary>One run's set of CmdStan files (one per chain) against cmdstanpy's rules.</summary>
    private static void AssertFollowsTheRules(IReadOnlyList<string> files, int thin, bool pointwise)
    {
        var configs = new List<Dictionary<string, string>>();
        foreach (string file in files)
        {
            var lines = File.ReadAllLines(file);
            int header = Array.FindIndex(lines, l => !l.StartsWith('#'));
            // Key = value pairs as 1.3 splits them (" = ", exactly two parts; "(Default)" dropped); 1.2 splits on '='.
            var config = lines[..header].Select(l => l.TrimStart('#').Trim().Replace("(Default)", "").Trim())
                .Select(l => l.Split(" = ")).Where(kv => kv.Length == 2).GroupBy(kv => kv[0]).ToDictionary(g => g.Key, g => g.Last()[1].Trim());
            configs.Add(config);
            Assert.Equal("sample", config["method"]);
            Assert.False(string.IsNullOrEmpty(config["model"]));
            Assert.Equal("fixed_param", config["algorithm"]);
            Assert.Equal("unit_e", config["metric"]);
            int samples = int.Parse(config["num_samples"], CultureInfo.InvariantCulture), warmup = int.Parse(config["num_warmup"], CultureInfo.InvariantCulture);
            Assert.Equal(thin, int.Parse(config["thin"], CultureInfo.InvariantCulture));
            Assert.Equal("0", config["save_warmup"]);
            Assert.True(warmup > 0, "num_warmup > 0: cmdstanpy refuses 0 with adaptation on, which from_csv assumes");
            var columns = lines[header].Split(',');
            Assert.StartsWith("lp__", lines[header], StringComparison.Ordinal);
            Assert.Equal(columns.Length, columns.Distinct().Count());
            if (pointwise) Assert.Contains("log_lik.1", columns); // grouped by cmdstanpy (stanio) as log_lik[1]
            int lastRow = Array.FindLastIndex(lines, l => !l.StartsWith('#'));
            Assert.Equal((samples + thin - 1) / thin, lastRow - header);
            Assert.All(lines[(header + 1)..(lastRow + 1)], row => Assert.Equal(columns.Length, row.Split(',').Length));
            var footer = lines[(lastRow + 1)..];
            Assert.True(footer.Length >= 2 && footer.All(l => l.StartsWith('#')), "two comment lines or more after the rows");
            foreach (string timing in footer.Where(l => l.Contains(" seconds (", StringComparison.Ordinal)))
                Assert.Matches(@"seconds \((Warm-up|Sampling|Total)\)$", timing);
        }
        foreach (string key in new[] { "stan_version_major", "stan_version_minor", "stan_version_patch", "model", "num_samples", "num_warmup", "save_warmup", "thin" })
            Assert.Single(configs.Select(c => c[key]).Distinct());
    }
}
