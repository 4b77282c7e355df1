namespace GreatModel.Diagnostics;

/// <summary>Summaries straight from a <see cref="Posterior"/>.</summary>
public static class PosteriorSummaryExtensions
{
    /// <summary>Summaries of mu and sigma2 (the identified parameters).</summary>
    public static IReadOnlyList<ParameterSummary> Summarize(this Posterior posterior)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        if (!posterior.HasDraws)
            throw new InvalidOperationException("the run kept no draws in memory (RunHooks.KeepDrawsInMemory = false): summarise the draws read back from its files (ParameterSummary.Of)");
        if (posterior.ResumedFromDraw > 0)
            throw new InvalidOperationException($"a resumed run holds only the draws after its first {posterior.ResumedFromDraw} per chain: summarise the whole run's, read back from its files (ParameterSummary.Of)");
        return [ParameterSummary.Of(posterior.Mu, posterior.DataCount), ParameterSummary.Of(posterior.Sigma2, posterior.DataCount)];
    }
}
