using GreatModel.Kernels;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Kernels;

/// <summary>
/// CUDA's double-precision device functions (<see cref="DeviceDoubleMath"/>) against .NET's Math, run on the CPU with the
/// hardware's approximate reciprocal emulated; the Newton step is also checked from approximations as poor as the
/// hardware's may be, so the accuracy does not hang on the emulation's exact bits.
/// </summary>
public class DeviceDoubleMathTests
{
    [Fact]
    public void EmulatedApproximationIsAsCoarseAsTheHardwares()
    {
        var rng = new System.Random(11);
        double worst = 0;
        for (int i = 0; i < 100_000; i++)
        {
            double x = Math.Exp((rng.NextDouble() - 0.5) * 1400);
            double r = DeviceDoubleMath.EmulatedApproximateReciprocal(x);
            Assert.Equal(0L, BitConverter.DoubleToInt64Bits(r) & 0xFFFF_FFFFL); // the low word zeroed, as rcp.approx.ftz.f64's
            worst = Math.Max(worst, Math.Abs((r * x) - 1));
        }
        // About 2⁻²⁰ (the argument's and the result's truncations), within the 2⁻¹⁹ the Newton step is shown to absorb below.
        Assert.InRange(worst, Math.Pow(2, -22), Math.Pow(2, -19));
    }

    [Fact]
    public void ReciprocalIsWithinOneUlp()
    {
        var rng = new System.Random(12);
        for (int i = 0; i < 200_000; i++)
        {
            double x = Math.Exp((rng.NextDouble() - 0.5) * 1400) * (rng.Next(2) == 0 ? 1 : -1); // |x| in 1e-304 .. 1e304
            Assert.True(UnitsInLastPlace.Between(DeviceDoubleMath.Reciprocal(x), 1 / x) <= 1, $"1/{x:R}: {DeviceDoubleMath.Reciprocal(x):R}, want {1 / x:R}");
        }
        Assert.Equal(1.0, DeviceDoubleMath.Reciprocal(1.0));
        Assert.Equal(0.5, DeviceDoubleMath.Reciprocal(2.0));
    }

    /// <summary>Whatever the hardware's approximation within 2⁻¹⁹ (either side, any bits), the cubic step lands within 1 ulp.</summary>
    [Fact]
    public void NewtonStepAbsorbsTheApproximationsError()
    {
        var rng = new System.Random(13);
        for (int i = 0; i < 200_000; i++)
        {
            double x = Math.Exp((rng.NextDouble() - 0.5) * 1400);
            double approximate = (1 / x) * (1 + ((rng.NextDouble() * 2 - 1) * Math.Pow(2, -19)));
            Assert.True(UnitsInLastPlace.Between(DeviceDoubleMath.ReciprocalFromApproximation(x, approximate), 1 / x) <= 1, $"1/{x:R} from {approximate:R}");
        }
    }

    [Fact]
    public void LogIsWithinTwoUlpsOfTheRuntime()
    {
        var rng = new System.Random(14);
        for (int i = 0; i < 200_000; i++)
        {
            double x = Math.Exp((rng.NextDouble() - 0.5) * 1400); // 1e-304 .. 1e304 (the χ² takes it of (2⁻²⁶⁴, 1))
            Assert.True(UnitsInLastPlace.Between(DeviceDoubleMath.Log(x), Math.Log(x)) <= 2, $"log({x:R}) = {DeviceDoubleMath.Log(x):R}, want {Math.Log(x):R}");
        }
        foreach (double x in new[] { 1.0, 2.0, 0.5, 2.2250738585072014e-308, 1 - 1e-16, 1 + 2.2e-16, Math.Sqrt(2), Math.BitIncrement(Math.Sqrt(2)), Math.Pow(2, -53) })
            Assert.True(Math.Abs(DeviceDoubleMath.Log(x) - Math.Log(x)) <= 2e-16 * Math.Max(1, Math.Abs(Math.Log(x))), $"log({x:R})");
    }

    [Fact]
    public void CosSquaredTwoPiIsAccurateOverTheUnitInterval()
    {
        var rng = new System.Random(15);
        for (int i = 0; i < 200_000; i++)
        {
            double u = rng.NextDouble();
            AssertCosSquared(u);
        }
    }

    /// <summary>Each quarter turn's edges (where the form flips between 1 − a(2 − a) and a(2 − a)), a step either side, and the cosine's zeros.</summary>
    [Fact]
    public void CosSquaredTwoPiPicksEachQuadrantsFormAtItsEdges()
    {
        for (int eighth = 0; eighth <= 8; eighth++)
        {
            foreach (double u in new[] { eighth / 8.0, Math.BitDecrement(eighth / 8.0), Math.BitIncrement(eighth / 8.0) })
            {
                if (u is < 0 or > 1) continue;
                AssertCosSquared(u);
            }
        }
        foreach (double u in new[] { 0.25, 0.75, 0.25 + 1e-9, 0.75 - 1e-9, 0.25 + 1e-6, 0.75 + 1e-4 })
            AssertCosSquared(u);
        Assert.Equal(1.0, DeviceDoubleMath.CosSquaredTwoPi(0.0));
        Assert.Equal(1.0, DeviceDoubleMath.CosSquaredTwoPi(0.5));
        Assert.Equal(1.0, DeviceDoubleMath.CosSquaredTwoPi(1.0));
    }

    /// <summary>
    /// cos²(2πu) against a reference accurate to an ulp or so: with d = u less the nearest quarter turn (exact), cos²(2πu) is
    /// cos²(2πd) or sin²(2πd), and Math's sin/cos of the small 2πd are good to an ulp (rounding 2πu itself would not be near
    /// the zeros). Within 2⁻⁵¹ absolute and 8 ulps relative.
    /// </summary>
    private static void AssertCosSquared(double u)
    {
        double q = Math.Round(u * 4);
        double d = u - (q / 4); // exact: u and q/4 are within a factor of two of each other or d is u itself
        double want = ((int)q % 2 == 0) ? Math.Pow(Math.Cos(2 * Math.PI * d), 2) : Math.Pow(Math.Sin(2 * Math.PI * d), 2);
        double got = DeviceDoubleMath.CosSquaredTwoPi(u);
        Assert.True(Math.Abs(got - want) <= Math.Pow(2, -51) && UnitsInLastPlace.Between(got, want) <= 8, $"cos²(2π·{u:R}) = {got:R}, want {want:R} ({UnitsInLastPlace.Between(got, want):F1} ulp)");
    }
}
