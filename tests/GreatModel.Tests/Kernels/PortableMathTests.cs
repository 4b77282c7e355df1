using GreatModel.Kernels;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Kernels;

public class PortableMathTests
{
    [Fact]
    public void LogIsWithinTwoUlpsOfTheRuntime()
    {
        var rng = new System.Random(1);
        for (int i = 0; i < 200_000; i++)
        {
            double x = Math.Exp((rng.NextDouble() - 0.5) * 1400); // 1e-304 .. 1e304
            Assert.True(UnitsInLastPlace.Between(PortableMath.Log(x), Math.Log(x)) <= 2, $"log({x:R})");
        }
        foreach (double x in new[] { 1.0, 2.0, 0.5, double.Epsilon, 4.9e-320, 2.2250738585072014e-308, 1 - 1e-16, 1 + 2.2e-16, double.MaxValue })
            Assert.True(Math.Abs(PortableMath.Log(x) - Math.Log(x)) <= 2e-16 * Math.Max(1, Math.Abs(Math.Log(x))), $"log({x:R})");
    }

    [Fact]
    public void ExpIsWithinTwoUlpsOfTheRuntime()
    {
        var rng = new System.Random(2);
        for (int i = 0; i < 200_000; i++)
        {
            double x = (rng.NextDouble() - 0.5) * 1400;
            Assert.True(UnitsInLastPlace.Between(PortableMath.Exp(x), Math.Exp(x)) <= 2, $"exp({x:R})");
        }
        Assert.Equal(1.0, PortableMath.Exp(0));
        Assert.Equal(double.PositiveInfinity, PortableMath.Exp(710));
        Assert.Equal(0.0, PortableMath.Exp(-746));
    }

    [Fact]
    public void CosTwoPiIsAccurateOverTheUnitInterval()
    {
        var rng = new System.Random(3);
        for (int i = 0; i < 200_000; i++)
        {
            double u = rng.NextDouble();
            // The runtime's cos(2πu) is itself off by up to |sin| × ulp(2πu)/2 ≈ 4.4e-16 from rounding 2πu.
            Assert.True(Math.Abs(PortableMath.CosTwoPi(u) - Math.Cos(2 * Math.PI * u)) < 1e-15, $"cos(2π·{u:R})");
        }
    }

    [Fact]
    public void CosTwoPiPicksEachQuadrantsKernelAndSignAtItsEdges()
    {
        // The quadrant is chosen by bit masks, not branches: each edge of each quarter turn (q = 0 … 4, its rounding point
        // u = (2q ± 1)/8 and a step either side) must give the right kernel and sign.
        for (int eighth = 0; eighth <= 8; eighth++)
        {
            foreach (double u in new[] { eighth / 8.0, Math.BitDecrement(eighth / 8.0), Math.BitIncrement(eighth / 8.0) })
            {
                if (u is < 0 or > 1) continue;
                double expected = Math.Cos(2 * Math.PI * u);
                Assert.True(Math.Abs(PortableMath.CosTwoPi(u) - expected) < 1e-15, $"cos(2π·{u:R}) = {PortableMath.CosTwoPi(u):R}, not {expected:R}");
                // Bit for bit the vector twin, which picks the quadrant by selects as the scalar code did by branches.
                if (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
                {
                    double twin = GreatModel.Backends.Simd.VectorMath.CosTwoPi(System.Runtime.Intrinsics.Vector512.Create(u))[0];
                    Assert.Equal(BitConverter.DoubleToInt64Bits(twin), BitConverter.DoubleToInt64Bits(PortableMath.CosTwoPi(u)));
                }
            }
        }
        Assert.Equal(1.0, PortableMath.CosTwoPi(0.0));
        Assert.Equal(-1.0, PortableMath.CosTwoPi(0.5));
        Assert.Equal(1.0, PortableMath.CosTwoPi(1.0));
    }
}
