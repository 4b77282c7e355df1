using System.Globalization;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Sampling;
using GreatModel.Tests.Support;
using MathNet.Numerics.Distributions;

namespace GreatModel.Tests.Data;

/// <summary>
/// --log-lik and --predictive (#16): each datum's log-likelihood equals MathNet's t log density; the replications follow
/// t_ν(μ, σ²) (Kolmogorov–Smirnov against MathNet's CDF); the same seed gives the same replications, other chains others;
/// the predictive check counts Pr(T(y_rep) ≥ T(y)).
/// </summary>
public class PointwiseColumnsTests
{
    /// <summary>The values one row writes after the parameters.</summary>
    private static double[] Row(PointwiseColumns columns, int chain, ChainDraw draw)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        columns.WriteRow(w, chain, draw);
        string text = w.ToString();
        Assert.StartsWith(",", text, StringComparison.Ordinal);
        return [.. text[1..].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
    }

    [Theory]
    [InlineData(0.0, 1.0, 6.0)]
    [InlineData(-3.5, 40.0, 0.7)] // ν < 1: no mean, still a density
    [InlineData(2.0, 1e-4, 1e6)] // nearly normal, a tight scale
    public void EachDatumsLogLikelihoodIsMathNetsTLogDensity(double mu, double sigma2, double nu)
    {
        var data = new ObservedData(Simulation.StudentT(200, 3, 0, 9, seed: 4), "test");
        var columns = new PointwiseColumns(data, PointwiseOutputs.LogLikelihood, seed: 1, chains: 1);
        var row = Row(columns, 0, new ChainDraw(mu, 1.0, sigma2, nu));
        Assert.Equal(Enumerable.Range(1, data.Count).Select(i => $"log_lik.{i}"), columns.Names);
        for (int i = 0; i < data.Count; i++)
        {
            double expected = StudentT.PDFLn(mu, Math.Sqrt(sigma2), nu, data.Values[i]);
            // MathNet subtracts log Γ((ν+1)/2) − log Γ(ν/2) in the plain form, losing a few ulps of log Γ(ν/2) (6e6 at ν = 1e6).
            double tolerance = (1e-12 * Math.Max(1, Math.Abs(expected))) + (4e-16 * Math.Abs(MathNet.Numerics.SpecialFunctions.GammaLn(nu / 2)));
            Assert.True(Math.Abs(row[i] - expected) <= tolerance, $"datum {i + 1}: {row[i]:R} against {expected:R}");
        }
    }

    [Theory]
    [InlineData(1.0, 4.0, 6.0)]
    [InlineData(-2.0, 0.25, 1.5)]
    public void ReplicationsFollowTheTDistributionOfTheDraw(double mu, double sigma2, double nu)
    {
        var data = new ObservedData(Simulation.StudentT(5000, 6, 0, 1, seed: 8), "test");
        var columns = new PointwiseColumns(data, PointwiseOutputs.Predictive, seed: 3, chains: 1);
        var replications = Row(columns, 0, new ChainDraw(mu, 2.0, sigma2 / 2.0, nu));
        Assert.Equal(data.Count, replications.Length);
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(replications, y => StudentT.CDF(mu, Math.Sqrt(sigma2), nu, y));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"KS p = {p}");
    }

    [Fact]
    public void TheSameSeedGivesTheSameReplicationsAndEachChainItsOwn()
    {
        var data = new ObservedData(Simulation.StudentT(50, 6, 0, 1, seed: 8), "test");
        var draw = new ChainDraw(0.5, 1.0, 2.0, 5.0);
        PointwiseColumns Make(ulong seed) => new(data, PointwiseOutputs.LogLikelihood | PointwiseOutputs.Predictive, seed, chains: 2);
        var (a, b, other) = (Make(7), Make(7), Make(8));
        Assert.Equal(Row(a, 0, draw), Row(b, 0, draw));
        Assert.Equal(Row(a, 1, draw), Row(b, 1, draw));
        Assert.NotEqual(Row(a, 0, draw)[50..], Row(a, 1, draw)[50..]); // chain 1's stream is not chain 0's
        Assert.NotEqual(Row(Make(7), 0, draw)[50..], Row(other, 0, draw)[50..]);
        Assert.Equal(Row(Make(7), 0, draw)[..50], Row(other, 0, draw)[..50]); // the log-likelihood draws nothing
    }

    [Fact]
    public void TheCheckCountsReplicationsAtLeastAsLargeAsTheData()
    {
        // One far outlier below: every replication's min is above the data's, every sd below it.
        double[] values = [.. Simulation.StudentT(49, 30, 0, 1, seed: 2), -1000.0];
        var columns = new PointwiseColumns(new ObservedData(values, "test"), PointwiseOutputs.Predictive, seed: 1, chains: 2);
        Assert.Empty(columns.Checks);
        for (int draw = 0; draw < 100; draw++)
        {
            _ = Row(columns, 0, new ChainDraw(0, 1, 1, 30));
            _ = Row(columns, 1, new ChainDraw(0, 1, 1, 30));
        }
        var checks = columns.Checks.ToDictionary(c => c.Statistic);
        Assert.Equal(200, checks["min"].Replications);
        Assert.Equal(1.0, checks["min"].PValue);
        Assert.Equal(-1000.0, checks["min"].Observed);
        Assert.Equal(0.0, checks["sd"].PValue);
        Assert.InRange(checks["max"].PValue, 0.0, 1.0);
    }

    [Fact]
    public void NoColumnsIsRefused() =>
        Assert.Throws<OptionOutOfRangeException>(() => new PointwiseColumns(new ObservedData([1.0, 2.0], "test"), PointwiseOutputs.None, 1, 1));
}
