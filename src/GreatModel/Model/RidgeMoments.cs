namespace GreatModel.Model;

/// <summary>
/// Running mean and covariance of a chain's point (μ, log ν, log σ²) over a window of burn-in sweeps (Welford's update,
/// stable over any number of points), from which <see cref="RidgeProposal.Fit"/> makes the ridge move's proposal.
/// Mutable: one per chain, owned by the move; a checkpoint holds it as <see cref="ToArray"/>'s numbers.
/// </summary>
internal sealed class RidgeMoments
{
    /// <summary>Coordinates of a point: μ, log ν, log σ².</summary>
    public const int Dimension = 3;

    /// <summary>Numbers in <see cref="ToArray"/>: the count, the means, the lower triangle of the co-moment sums.</summary>
    public const int Length = 1 + Dimension + (Dimension * (Dimension + 1) / 2);

    private readonly double[] _mean = new double[Dimension];
    private readonly double[] _comoments = new double[Dimension * (Dimension + 1) / 2]; // Σ (a − mean a)(b − mean b), row-major lower triangle

    /// <summary>Points added. Range: ≥ 0.</summary>
    public long Count { get; private set; }

    /// <summary>The mean of coordinate <paramref name="i"/>.</summary>
    public double Mean(int i) => _mean[i];

    /// <summary>The sample covariance of coordinates <paramref name="i"/> and <paramref name="j"/> (divisor Count − 1). Range: Count ≥ 2.</summary>
    public double Covariance(int i, int j) => _comoments[Index(Math.Max(i, j), Math.Min(i, j))] / (Count - 1);

    /// <summary>Adds a point.</summary>
    /// <param name="point">(μ, log ν, log σ²). Range: finite.</param>
    public void Add(ReadOnlySpan<double> point)
    {
        Count++;
        Span<double> delta = stackalloc double[Dimension];
        for (int i = 0; i < Dimension; i++)
        {
            delta[i] = point[i] - _mean[i];
            _mean[i] += delta[i] / Count;
        }
        // The co-moment update pairs the deviation from the old mean with the one from the new (exact in exact arithmetic).
        for (int i = 0; i < Dimension; i++)
        {
            for (int j = 0; j <= i; j++)
                _comoments[Index(i, j)] += delta[i] * (point[j] - _mean[j]);
        }
    }

    /// <summary>Empties the window.</summary>
    public void Clear()
    {
        Count = 0;
        Array.Clear(_mean);
        Array.Clear(_comoments);
    }

    /// <summary>The count, the means, then the co-moment sums' lower triangle row by row: <see cref="Length"/> numbers.</summary>
    public double[] ToArray() => [Count, .. _mean, .. _comoments];

    /// <summary>Moments from <see cref="ToArray"/>'s numbers; null when they are not <see cref="Length"/> finite numbers with a whole count ≥ 0 and squares ≥ 0.</summary>
    public static RidgeMoments? FromArray(IReadOnlyList<double>? values)
    {
        if (values is not { Count: Length } || values.Any(v => !double.IsFinite(v)) || values[0] < 0 || values[0] != Math.Floor(values[0]) || values[0] > 1e15)
            return null;
        var moments = new RidgeMoments { Count = (long)values[0] };
        for (int i = 0; i < Dimension; i++) moments._mean[i] = values[1 + i];
        for (int k = 0; k < moments._comoments.Length; k++) moments._comoments[k] = values[1 + Dimension + k];
        for (int i = 0; i < Dimension; i++)
        {
            if (moments._comoments[Index(i, i)] < 0) return null;
        }
        return moments;
    }

    /// <summary>The position of entry (i, j), j ≤ i, in a row-major lower triangle.</summary>
    public static int Index(int i, int j) => (i * (i + 1) / 2) + j;
}
