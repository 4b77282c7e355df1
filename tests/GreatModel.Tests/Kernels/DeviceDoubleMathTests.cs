using GreatModel.Kernels;

namespace GreatModel.Tests.Kernels;

/// <summary>
/// CUDA's double-precision device functions (<see cref="DeviceDoubleMath"/>) against .NET's Math, run on the CPU with the
/// hardware's approximate reciprocal emulated; the Newton step is also checked from approximations as poor as the
/// hardware's may be, so the accuracy does not hang on the emulation's exact bits.
/// </summary>
public class DeviceDoubleMathTests
{
    private static double Ulps(double got, double want) => Math.Abs(got - want) / Math.Max(Math.BitIncrement(Math.Abs(want)) - Math.Abs(want), double.Epsilon);

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
            Assert.True(Ulps(DeviceDoubleMath.Reciprocal(x), 1 / x) <= 1, $"1/{x:R}: {DeviceDoubleMath.Reciprocal(x):R}, want {1 / x:R}");
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
            Assert.True(Ulps(DeviceDoubleMath.ReciprocalFromApproximation(x, approximate), 1 / x) <= 1, $"1/{x:R} from {approximate:R}");
        }
    }

    [Fact]
    public void LogIsWithinTwoUlpsOfTheRuntime()
    {
        var rng = new System.Random(14);
        for (int i = 0; i < 200_000; i++)
        {
            double x = Math.Exp((rng.NextDouble() - 0.5) * 1400); // 1e-304 .. 1e304 (the χ² takes it of (2⁻¹⁰⁰, 1))
            Assert.True(Ulps(DeviceDoubleMath.Log(x), Math.Log(x)) <= 2, $"log({x:R}) = {DeviceDoubleMath.Log(x):R}, want {Math.Log(x):R}");
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
            double cos = Math.Cos(2 * Math.PI * u); // itself off by up to 4.4e-16 (rounding 2πu); squared, 2·|cos| times that
            Assert.True(Math.Abs(DeviceDoubleMath.CosSquaredTwoPi(u) - (cos * cos)) < 1.2e-15, $"cos²(2π·{u:R})");
        }
    }

    /// <summary>Each quarter turn's edges (where the choice between cos² and 1 − cos² flips), a step either side.</summary>
    [Fact]
    public void CosSquaredTwoPiPicksEachQuadrantsFormAtItsEdges()
    {
        for (int eighth = 0; eighth <= 8; eighth++)
        {
            foreach (double u in new[] { eighth / 8.0, Math.BitDecrement(eighth / 8.0), Math.BitIncrement(eighth / 8.0) })
            {
                if (u is < 0 or > 1) continue;
                double cos = Math.Cos(2 * Math.PI * u);
                Assert.True(Math.Abs(DeviceDoubleMath.CosSquaredTwoPi(u) - (cos * cos)) < 1.2e-15, $"cos²(2π·{u:R}) = {DeviceDoubleMath.CosSquaredTwoPi(u):R}, not {cos * cos:R}");
            }
        }
        Assert.Equal(1.0, DeviceDoubleMath.CosSquaredTwoPi(0.0));
        Assert.Equal(1.0, DeviceDoubleMath.CosSquaredTwoPi(0.5));
        Assert.Equal(1.0, DeviceDoubleMath.CosSquaredTwoPi(1.0));
    }
}
