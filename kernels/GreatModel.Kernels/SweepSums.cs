namespace GreatModel.Kernels;

/// <summary>The three sums a sweep needs from the data: S0 = Σ 1/U, S1 = Σ x/U, S2 = Σ (x-μ)²/U.</summary>
public struct SweepSums
{
    public double S0, S1, S2;

    public SweepSums(double s0, double s1, double s2)
    {
        S0 = s0;
        S1 = s1;
        S2 = s2;
    }

    public static SweepSums operator +(SweepSums a, SweepSums b) => new(a.S0 + b.S0, a.S1 + b.S1, a.S2 + b.S2);

    /// <summary>Adds tile partials in tile order: the last, fixed step of every backend's reduction.</summary>
    public static SweepSums SumInOrder(ReadOnlySpan<SweepSums> tiles)
    {
        var total = default(SweepSums);
        foreach (var t in tiles) total += t;
        return total;
    }
}
