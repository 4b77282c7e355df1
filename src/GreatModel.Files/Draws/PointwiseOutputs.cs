namespace GreatModel.Files.Draws;

/// <summary>Per-datum quantities a draws file can carry beside each draw, for LOO/WAIC and posterior predictive checks.</summary>
[Flags]
public enum PointwiseOutputs
{
    /// <summary>The draws only.</summary>
    None = 0,

    /// <summary>
    /// <c>log_lik.1 … log_lik.n</c>: each datum's log-likelihood log t_ν(y_i | μ, σ²) at the draw (with ν integrated
    /// over U, the model's marginal likelihood), the matrix <c>loo</c> and ArviZ's <c>loo</c>/<c>waic</c> take.
    /// </summary>
    LogLikelihood = 1,

    /// <summary><c>y_rep.1 … y_rep.n</c>: one posterior predictive data set per draw, y_rep,i ~ t_ν(μ, σ²).</summary>
    Predictive = 2,
}
