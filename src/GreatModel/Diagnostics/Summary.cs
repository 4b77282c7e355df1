using MathNet.Numerics.Statistics;

namespace GreatModel.Diagnostics;

/// <summary>One row of an ArviZ-style summary.</summary>
public sealed record ParameterSummary(
    string Name, double Mean, double Sd, double Q05, double Q50, double Q95,
    double McseMean, double McseSd, double EssBulk, double EssTail, double Rhat)
{
    public static ParameterSummary Of(ParameterDraws draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        var chains = draws.ToChainArrays();
        var all = draws.All.ToArray();
        double Q(double p) => Statistics.QuantileCustom(all, p, QuantileDefinition.R7);
        bool enough = draws.DrawsPerChain >= 4;
        return new ParameterSummary(draws.Name, all.Average(), all.StandardDeviation(), Q(0.05), Q(0.5), Q(0.95),
            enough ? Convergence.McseMean(chains) : double.NaN,
            enough ? Convergence.McseSd(chains) : double.NaN,
            enough ? Convergence.EssBulk(chains) : double.NaN,
            enough ? Convergence.EssTail(chains) : double.NaN,
            enough ? Convergence.Rhat(chains) : double.NaN);
    }
}

public static class PosteriorSummaryExtensions
{
    /// <summary>Summaries of mu and sigma2 (the identified parameters).</summary>
    public static IReadOnlyList<ParameterSummary> Summarize(this Posterior posterior)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        return [ParameterSummary.Of(posterior.Mu), ParameterSummary.Of(posterior.Sigma2)];
    }
}
