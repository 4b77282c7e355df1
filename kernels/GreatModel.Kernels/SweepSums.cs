namespace GreatModel.Kernels;

/// <summary>
/// The sums a sweep needs from the data: S0 = Σ 1/U, S1 = Σ x/U, S2 = Σ (x-μ)²/U, and, when ν is estimated,
/// S3 = Σ log(1/U) (the ν draw's one extra sum, MODEL.md "Estimating ν"; zero when ν is fixed).
/// </summary>
public struct SweepSums
{
    /// <summary>S0 = Σ 1/U_i (or one datum's or lane's share of it). Range: ≥ 0.</summary>
    public double S0;

    /// <summary>S1 = Σ x_i/U_i.</summary>
    public double S1;

    /// <summary>S2 = Σ (x_i - μ)²/U_i, with the sweep's current μ. Range: ≥ 0.</summary>
    public double S2;

    /// <summary>S3 = Σ log(1/U_i) when <see cref="SweepParameters.EstimatesNu"/> is 1, else 0. Range: finite.</summary>
    public double S3;

    /// <summary>In a ν likelihood pass (<see cref="SweepParameters.NuLikelihoodPass"/>): Σ log(1 + t/ν) at the chain's ν, held in S0.</summary>
    public readonly double LikelihoodAtNu => S0;

    /// <summary>In a ν likelihood pass: Σ log(1 + t/ν') at the chain's proposal, held in S1.</summary>
    public readonly double LikelihoodAtProposal => S1;

    /// <summary>The sums (S0, S1, S2) of a run with ν fixed (S3 = 0).</summary>
    /// <param name="s0">Σ 1/U.</param>
    /// <param name="s1">Σ x/U.</param>
    /// <param name="s2">Σ (x-μ)²/U.</param>
    public SweepSums(double s0, double s1, double s2)
    {
        S0 = s0;
        S1 = s1;
        S2 = s2;
        S3 = 0.0;
    }

    /// <summary>The sums (S0, S1, S2, S3).</summary>
    /// <param name="s0">Σ 1/U.</param>
    /// <param name="s1">Σ x/U.</param>
    /// <param name="s2">Σ (x-μ)²/U.</param>
    /// <param name="s3">Σ log(1/U) (0 when ν is fixed).</param>
    public SweepSums(double s0, double s1, double s2, double s3)
    {
        S0 = s0;
        S1 = s1;
        S2 = s2;
        S3 = s3;
    }

    /// <summary>Component-wise sum: (a.S0 + b.S0, ..., a.S3 + b.S3).</summary>
    /// <param name="a">The left operand (added first: the order is part of every reduction's definition).</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The component-wise sum.</returns>
    public static SweepSums operator +(SweepSums a, SweepSums b) => new(a.S0 + b.S0, a.S1 + b.S1, a.S2 + b.S2, a.S3 + b.S3);

    /// <summary>Adds tile partials in tile order: the last, fixed step of every backend's reduction.</summary>
    /// <param name="tiles">One chain's tile partials, tile 0 first.</param>
    /// <returns>((t0 + t1) + t2) + ..., starting from zero.</returns>
    public static SweepSums SumInOrder(ReadOnlySpan<SweepSums> tiles)
    {
        var total = default(SweepSums);
        foreach (var t in tiles) total += t;
        return total;
    }
}
