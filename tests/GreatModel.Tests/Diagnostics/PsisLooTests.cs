using GreatModel.Diagnostics;
using GreatModel.Model;

namespace GreatModel.Tests.Diagnostics;

/// <summary>
/// PSIS-LOO (#30 item 3) equals R's loo 2.5.1 (Debian's): a fixed log-likelihood matrix whose k̂ fall in every range of the
/// table, with R's figures pinned here (the integration suite compares a fit's with R's live, where R is present).
/// </summary>
public class PsisLooTests
{
    /// <summary>The matrix of the R script in this file's comments: 4 chains × 100 draws, 5 observations, chain-major.</summary>
    private static LooResult Golden() => PsisLoo.Compute(5, 4, 100, (i, ll) =>
    {
        // R: ll[s+1, i+1] <- -0.5 * (((s * 37 + i * 11) %% 101) / 101 * (i + 1) * 2.5)^2 - 0.01 * s / S, S = 400;
        // r_eff <- relative_eff(exp(ll), chain_id = rep(1:4, each = 100)); loo(ll, r_eff = r_eff)
        for (int s = 0; s < ll.Length; s++)
        {
            double z = ((s * 37) + (i * 11)) % 101 / 101.0 * (i + 1) * 2.5;
            ll[s] = (-0.5 * z * z) - (0.01 * s / 400);
        }
    });

    private static void Close(double expected, double actual, double relative = 1e-9) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"{actual:R}, R's loo gives {expected:R}");

    [Fact]
    public void EstimatesAndDiagnosticsEqualRsLoo()
    {
        var loo = Golden();
        Close(-150.73286803230991, loo.ElpdLoo);
        Close(63.75242424404675, loo.ElpdLooSe);
        Close(142.60364857479738, loo.PLoo);
        Close(62.50946226349788, loo.PLooSe);
        Close(301.46573606461982, loo.LooIc);
        Close(127.50484848809350, loo.LooIcSe);
        double[] k = [-0.54159622490604342, 0.14125711933435686, 1.25144943517901575, 2.93048386662187577, 4.97305258565548147];
        double[] rEff = [1.2489618772452717, 1.4357477424904315, 1.6884012626372056, 1.7352160576155669, 1.5545744893044766];
        for (int i = 0; i < 5; i++)
        {
            Close(k[i], loo.ParetoK[i]);
            Close(rEff[i], loo.RelativeEfficiency[i]);
        }
        Assert.Equal([2, 0, 0, 3], loo.ParetoKTable.Select(r => r.Count));
        Close(6.5486835641710082, loo.ParetoKTable[3].MinEffectiveSize!.Value); // R: min n_eff of k > 1
        Assert.Null(loo.ParetoKTable[1].MinEffectiveSize);
        Assert.Equal((400, 5), loo.Size);
    }

    [Fact]
    public void TheThreadsDoNotChangeTheResult()
    {
        var first = Golden();
        for (int run = 0; run < 3; run++) Assert.Equal(first.PointwiseElpd, Golden().PointwiseElpd);
    }

    [Fact]
    public void AFitsLooReadsItsDraws()
    {
        var data = new ObservedData([1.2, -0.4, 2.2, 0.9, 1.7, 0.3, 5.5, 1.1], "eight");
        var fit = Sampler.Run(data, new SamplerOptions { Chains = 2, BurnIn = 100, Samples = 500, Seed = 3, Backend = Backend.CpuFast });
        var loo = PsisLoo.Of(data, fit.Mu.ToChainArrays(), fit.Sigma2.ToChainArrays(), null, fit.Options.Nu);
        Assert.Equal((1000, 8), loo.Size);
        Assert.InRange(loo.PLoo, 0.5, 5); // two parameters, a heavy-tailed likelihood
        Assert.True(loo.ElpdLoo < 0);
        // The printed table as R's print.loo lays it out: the three estimates with their SEs to one decimal, then the Pareto k
        // rows, each with its count, percentage and smallest n_eff, the counts adding up to the observations.
        var lines = PsisLoo.Describe(loo).TrimEnd('\n').Split('\n');
        Assert.Equal("PSIS-LOO from 1000 draws × 8 observations (r_eff from the chains):", lines[0]);
        Assert.Equal("           Estimate       SE", lines[1]);
        string Row(string name, double estimate, double se) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name,-8} {estimate,10:F1} {se,8:F1}");
        Assert.Equal(Row("elpd_loo", loo.ElpdLoo, loo.ElpdLooSe), lines[2]);
        Assert.Equal(Row("p_loo", loo.PLoo, loo.PLooSe), lines[3]);
        Assert.Equal(Row("looic", loo.LooIc, loo.LooIcSe), lines[4]);
        Assert.Equal(-2 * loo.ElpdLoo, loo.LooIc, 12);
        Assert.Equal("Pareto k diagnostic values:", lines[5]);
        Assert.Equal(loo.ParetoKTable.Count, lines.Length - 7);
        Assert.Equal(8, loo.ParetoKTable.Sum(r => r.Count));
        Assert.All(lines[7..], line => Assert.Matches(@"^ *\(\S+, \S+[\])] \([a-z ]+\) +\d+ +\d+\.\d% +(\d+|--)$", line));
        Assert.Throws<ArgumentException>(() => PsisLoo.Of(data, [[1.0, 2, 3]], [[1.0, 2, 3]], null, 6));
    }

    /// <summary>
    /// An observation whose likelihood underflows at every draw (a far outlier): R's loo takes r_eff = 0.5 (its ESS divides
    /// 0 by 0 and stops at once), finds the flat tail unfittable (k̂ = +∞) and gives elpd_loo_i = ll, p_loo_i = 0.
    /// </summary>
    [Fact]
    public void AConstantLikelihoodIsTakenAsLooTakesIt()
    {
        var loo = PsisLoo.Compute(2, 4, 100, (i, ll) =>
        {
            for (int s = 0; s < ll.Length; s++) ll[s] = i == 0 ? -1 - (0.001 * ((s * 37) % 101)) : -800;
        });
        Assert.Equal(0.5, loo.RelativeEfficiency[1]);
        Assert.Equal(double.PositiveInfinity, loo.ParetoK[1]);
        Assert.Equal(-800, loo.PointwiseElpd[1], 1e-9);
        Assert.Equal(1, loo.ParetoKTable[3].Count);
    }
}
