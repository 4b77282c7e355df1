namespace GreatModel.Diagnostics;

/// <summary>
/// PSIS-LOO of a fit (<see cref="PsisLoo"/>): the estimates with their standard errors as R's <c>loo</c> reports them, the
/// pointwise values and the Pareto k table. Immutable.
/// </summary>
public sealed record LooResult
{
    /// <summary>Σ elpd_loo_i, the expected log pointwise predictive density for new data.</summary>
    public required double ElpdLoo { get; init; }

    /// <summary>Its standard error: √(n · var(elpd_loo_i)).</summary>
    public required double ElpdLooSe { get; init; }

    /// <summary>The effective number of parameters, Σ (lpd_i − elpd_loo_i).</summary>
    public required double PLoo { get; init; }

    /// <summary>Its standard error.</summary>
    public required double PLooSe { get; init; }

    /// <summary>−2 · elpd_loo.</summary>
    public double LooIc => -2 * ElpdLoo;

    /// <summary>Its standard error: 2 · <see cref="ElpdLooSe"/>.</summary>
    public double LooIcSe => 2 * ElpdLooSe;

    /// <summary>Each observation's elpd_loo_i, in the data's order.</summary>
    public required IReadOnlyList<double> PointwiseElpd { get; init; }

    /// <summary>Each observation's Pareto k̂ (+∞ where the tail was too short or flat to fit), in the data's order.</summary>
    public required IReadOnlyList<double> ParetoK { get; init; }

    /// <summary>Each observation's relative efficiency r_eff from the chains (loo's <c>relative_eff(exp(ll), chain_id)</c>).</summary>
    public required IReadOnlyList<double> RelativeEfficiency { get; init; }

    /// <summary>The Pareto k table, ranges in order.</summary>
    public required IReadOnlyList<ParetoKRow> ParetoKTable { get; init; }

    /// <summary>Draws in all (chains × draws per chain) and observations: the log-likelihood matrix's size.</summary>
    public required (int Draws, int Observations) Size { get; init; }
}
