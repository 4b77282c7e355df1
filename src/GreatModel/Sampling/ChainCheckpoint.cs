namespace GreatModel.Sampling;

/// <summary>
/// One chain's whole Markov state between two sweeps, as a checkpoint holds it: the parameters (in the run's standard units:
/// the data centred on their median and divided by a power of two, MODEL.md "Standardized data"), how far its host random
/// stream has been read, and ν's marginal-move adaptation. With the seed, the chain's id and the sweep number it fixes every
/// later draw, so a run resumed from it draws exactly what the uninterrupted run would have.
/// </summary>
public sealed record ChainCheckpoint
{
    /// <summary>μ′ in standard units. Range: finite.</summary>
    public required double Mu { get; init; }

    /// <summary>α² in standard units (1 after every completed sweep's rescale). Range: &gt; 0, finite.</summary>
    public required double Alpha2 { get; init; }

    /// <summary>τ² (σ′² = α²·τ²). Range: &gt; 0, finite.</summary>
    public required double Tau2 { get; init; }

    /// <summary>ν: the run's when fixed, the chain's current draw when estimated. Range: &gt; 0.</summary>
    public required double Nu { get; init; }

    /// <summary>Uniforms drawn so far from the chain's host stream (the reference sampler's one stream). Range: ≥ 0.</summary>
    public required long HostUniforms { get; init; }

    /// <summary>ν's marginal move: the log of its current step (adapted during burn-in); 0 when the move is off.</summary>
    public double NuLogStep { get; init; }

    /// <summary>ν's marginal move: proposals accepted so far. Range: ≥ 0.</summary>
    public long NuAccepted { get; init; }

    /// <summary>ν's marginal move: proposals accepted after burn-in. Range: 0 .. <see cref="NuProposedAfterBurnIn"/>.</summary>
    public long NuAcceptedAfterBurnIn { get; init; }

    /// <summary>ν's marginal move: proposals made after burn-in. Range: ≥ 0.</summary>
    public long NuProposedAfterBurnIn { get; init; }

    /// <summary>
    /// ν's ridge move: the running moments of (μ, log ν, log σ²) in standard units over its current burn-in window — the count,
    /// three means and the six co-moment sums of the lower triangle, row by row (MODEL.md, "The ridge move"); null outside a
    /// window and with the other moves.
    /// </summary>
    public IReadOnlyList<double>? NuRidgeMoments { get; init; }

    /// <summary>
    /// ν's ridge move: the proposal in use — its location in (μ, log ν, log σ²) and the six entries of its scale matrix's
    /// Cholesky factor's lower triangle, row by row; null before the first fit and with the other moves.
    /// </summary>
    public IReadOnlyList<double>? NuRidgeProposal { get; init; }

    /// <summary>Equal when every member is, the ridge move's numbers compared element by element (not as references).</summary>
    public bool Equals(ChainCheckpoint? other) =>
        other is not null && (Mu, Alpha2, Tau2, Nu, HostUniforms, NuLogStep, NuAccepted, NuAcceptedAfterBurnIn, NuProposedAfterBurnIn)
            .Equals((other.Mu, other.Alpha2, other.Tau2, other.Nu, other.HostUniforms, other.NuLogStep, other.NuAccepted, other.NuAcceptedAfterBurnIn, other.NuProposedAfterBurnIn))
        && SameNumbers(NuRidgeMoments, other.NuRidgeMoments) && SameNumbers(NuRidgeProposal, other.NuRidgeProposal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Mu, Alpha2, Tau2, Nu, HostUniforms, NuAccepted);

    private static bool SameNumbers(IReadOnlyList<double>? a, IReadOnlyList<double>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b);
}
