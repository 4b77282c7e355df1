namespace GreatModel.Diagnostics;

/// <summary>
/// A posterior predictive check of one test statistic T (BDA3 §6.3): T of the observed data, and the posterior predictive
/// p-value Pr(T(y_rep) ≥ T(y)) over the replicated data sets drawn. Values near 0 or 1 say the model does not reproduce
/// that feature of the data.
/// </summary>
/// <param name="Statistic">The statistic's name: <c>min</c>, <c>max</c> or <c>sd</c>.</param>
/// <param name="Observed">T(y).</param>
/// <param name="PValue">The fraction of replications with T(y_rep) ≥ T(y). Range: [0, 1].</param>
/// <param name="Replications">Replicated data sets drawn (chains × draws). Range: ≥ 1.</param>
public sealed record PredictiveCheck(string Statistic, double Observed, double PValue, long Replications);
