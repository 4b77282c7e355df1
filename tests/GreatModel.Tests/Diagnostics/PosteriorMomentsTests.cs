using GreatModel.Files.Runs;
using GreatModel.Diagnostics;

namespace GreatModel.Tests.Diagnostics;

/// <summary>
/// The summary never prints a moment the posterior does not have (MODEL.md, "Which posterior moments exist"): μ's mean
/// from n = 3, its sd from 4; σ²'s mean from 4, its sd from 6; ν's always. Below, "—", null in JSON, and one warning.
/// </summary>
public class PosteriorMomentsTests
{
    [Theory]
    [InlineData("mu", 2, false, false)]
    [InlineData("mu", 3, true, false)]
    [InlineData("mu", 4, true, true)]
    [InlineData("sigma2", 3, false, false)]
    [InlineData("sigma2", 4, true, false)]
    [InlineData("sigma2", 5, true, false)]
    [InlineData("sigma2", 6, true, true)]
    [InlineData("nu", 2, true, true)]
    public void MomentsExistFromTheseSizesOn(string parameter, int n, bool mean, bool sd)
    {
        Assert.Equal(mean, PosteriorMoments.WhyNoMean(parameter, n) is null);
        Assert.Equal(sd, PosteriorMoments.WhyNoSd(parameter, n) is null);
    }

    [Fact]
    public void ASummaryOfTooFewDataLeavesThemOutAndSaysWhy()
    {
        var chains = new[] { Enumerable.Range(0, 200).Select(i => Math.Sin(i * 0.7) * 3).ToArray(), Enumerable.Range(0, 200).Select(i => Math.Cos(i * 0.3) * 3).ToArray() };
        var two = ParameterSummary.Of("sigma2", chains.Select(c => c.Select(v => (v * v) + 0.1).ToArray()).ToArray(), observations: 2);
        Assert.True(double.IsNaN(two.Mean) && double.IsNaN(two.Sd) && double.IsNaN(two.McseMean) && double.IsNaN(two.McseSd));
        Assert.True(double.IsFinite(two.Q05) && double.IsFinite(two.Q95) && double.IsFinite(two.EssBulk)); // the quantiles and diagnostics hold
        Assert.Contains("sigma2: its posterior has no mean or sd with n = 2 (its tail falls as sigma2^-3/2; a mean needs n >= 4)", two.MomentsNote, StringComparison.Ordinal);
        Assert.Contains(two.MomentsNote, two.Warnings());
        Assert.DoesNotContain(two.MomentsNote, two.ConvergenceWarnings());

        var five = ParameterSummary.Of("sigma2", chains, observations: 5);
        Assert.True(double.IsFinite(five.Mean) && double.IsNaN(five.Sd));
        var json = System.Text.Json.JsonDocument.Parse(SummaryJson.Serialize([five])).RootElement.GetProperty("sigma2");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("sd").ValueKind);
        Assert.Contains("no sd with n = 5", json.GetProperty("moments_note").GetString(), StringComparison.Ordinal);
        Assert.Null(ParameterSummary.Of("sigma2", chains, observations: 6).MomentsNote);
        Assert.Null(ParameterSummary.Of("sigma2", chains).MomentsNote); // no observations given: every moment printed, as before
    }
}
