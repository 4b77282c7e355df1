namespace GreatModel.Tests.Support;

/// <summary>How far a computed double is from the wanted one, in units of the wanted value's last place.</summary>
public static class UnitsInLastPlace
{
    /// <summary>|got − want| over the spacing of doubles at |want| (at least the smallest subnormal, so that 0 is measured too).</summary>
    /// <param name="got">The computed value.</param>
    /// <param name="want">The reference value. Range: finite.</param>
    /// <returns>The distance in ulps of <paramref name="want"/>. Range: ≥ 0.</returns>
    public static double Between(double got, double want) =>
        Math.Abs(got - want) / Math.Max(Math.BitIncrement(Math.Abs(want)) - Math.Abs(want), double.Epsilon);
}
