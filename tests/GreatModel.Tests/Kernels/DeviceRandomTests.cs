using GreatModel.Kernels;
using GreatModel.Tests.Support;
using MathNet.Numerics.Distributions;

namespace GreatModel.Tests.Kernels;

/// <summary>Device samplers against MathNet CDFs (KS, fixed keys, 20 000 draws each).</summary>
public class DeviceRandomTests
{
    private const int Draws = 20_000;

    private static DrawSite Site(int i, uint sweep = 3) => new(0x1234u, 0xBEEFu, (uint)i, sweep, 5);

    [Fact]
    public void NormalPassesKolmogorovSmirnov()
    {
        var z = Enumerable.Range(0, Draws).Select(i => DeviceRandom.StandardNormal(Site(i).Block(0)));
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(z, v => Normal.CDF(0, 1, v));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"p = {p}");
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.75)]
    [InlineData(1.0)]
    [InlineData(3.5)]
    [InlineData(10)]
    [InlineData(1e3)]
    [InlineData(1e6)]
    public void GammaPassesKolmogorovSmirnov(double shape)
    {
        var g = GammaShape.For(shape);
        var x = Enumerable.Range(0, Draws).Select(i => DeviceRandom.Gamma(g, Site(i))).ToArray();
        Assert.All(x, v => Assert.True(v > 0 && double.IsFinite(v)));
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(x, v => Gamma.CDF(shape, 1, v));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"shape {shape}: p = {p}");
    }

    /// <summary>The loop-free sum for every k it serves, odd (with the normal) and even, one to three blocks.</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(15)]
    [InlineData(16)]
    public void LoopFreeChiSquaredPassesKolmogorovSmirnov(int degrees)
    {
        var k = ChiSquaredShape.For(degrees);
        Assert.Equal(degrees, k.LoopFreeDegrees);
        var x = Enumerable.Range(0, Draws).Select(i => DeviceRandom.ChiSquared(k, Site(i))).ToArray();
        Assert.All(x, v => Assert.True(v > 0 && double.IsFinite(v)));
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(x, v => ChiSquared.CDF(degrees, v));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"k = {degrees}: p = {p}");
    }

    /// <summary>
    /// The same sums on CUDA's path in double precision (<see cref="DeviceDoubleMath"/>'s log and cos², the hardware's
    /// reciprocal emulated): the same words in the same sum, so the same law, and within a few ulps of the portable draw.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(16)]
    public void DevicePathChiSquaredPassesKolmogorovSmirnov(int degrees)
    {
        var k = ChiSquaredShape.For(degrees);
        var x = Enumerable.Range(0, Draws).Select(i => DeviceRandom.ChiSquared(k, Site(i), deviceMath: 1)).ToArray();
        Assert.All(x, v => Assert.True(v > 0 && double.IsFinite(v)));
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(x, v => ChiSquared.CDF(degrees, v));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"k = {degrees}: p = {p}");
        for (int i = 0; i < Draws; i++)
        {
            double portable = DeviceRandom.ChiSquared(k, Site(i));
            Assert.True(Math.Abs(x[i] - portable) <= 1e-14 * Math.Max(1, portable), $"draw {i}: {x[i]:R} against {portable:R}");
        }
    }

    /// <summary>Non-integer k and k past the loop-free range go to Marsaglia–Tsang, and pass the same test.</summary>
    [Theory]
    [InlineData(2.5)]
    [InlineData(7.000001)]
    [InlineData(17)]
    [InlineData(1000)]
    public void MarsagliaTsangChiSquaredPassesKolmogorovSmirnov(double degrees)
    {
        var k = ChiSquaredShape.For(degrees);
        Assert.Equal(0, k.LoopFreeDegrees);
        var x = Enumerable.Range(0, Draws).Select(i => DeviceRandom.ChiSquared(k, Site(i))).ToArray();
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(x, v => ChiSquared.CDF(degrees, v));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"k = {degrees}: p = {p}");
    }

    /// <summary>The single-precision loop-free sum, for odd and even k, one to three blocks, two log groups at k = 16.</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(15)]
    [InlineData(16)]
    public void SinglePrecisionChiSquaredPassesKolmogorovSmirnov(int degrees)
    {
        var k = ChiSquaredShape.For(degrees);
        var x = Enumerable.Range(0, Draws).Select(i => (double)SingleRandom.LoopFreeChiSquared(k, Site(i))).ToArray();
        Assert.All(x, v => Assert.True(v > 0 && double.IsFinite(v)));
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(x, v => ChiSquared.CDF(degrees, v));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"k = {degrees}: p = {p}");
    }

    /// <summary>
    /// The same sum with the device's log and cosine (<see cref="SweepParameters.DeviceMath"/>; here .NET's float log₂ and cos, on
    /// a GPU its approximations): the formula's law, whatever the log's last bits.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(16)]
    public void SinglePrecisionChiSquaredWithTheDevicesLogPassesKolmogorovSmirnov(int degrees)
    {
        var k = ChiSquaredShape.For(degrees);
        var x = Enumerable.Range(0, Draws).Select(i => (double)SingleRandom.LoopFreeChiSquared(k, Site(i), deviceMath: 1)).ToArray();
        Assert.All(x, v => Assert.True(v > 0 && double.IsFinite(v)));
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(x, v => ChiSquared.CDF(degrees, v));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"k = {degrees}: p = {p}");
    }

    /// <summary>The float log and cos(2πu) are accurate to a few float ulps over their whole range of use.</summary>
    [Fact]
    public void SinglePrecisionLogAndCosineAreAccurate()
    {
        var rng = new System.Random(8);
        for (int i = 0; i < 200_000; i++)
        {
            float x = (float)Math.Exp(-rng.NextDouble() * 80); // (2^-116, 1]: products of up to four uniforms
            float log = SingleRandom.Log(x);
            float want = (float)Math.Log(x);
            float ulp = MathF.BitIncrement(MathF.Abs(want)) - MathF.Abs(want);
            Assert.True(Math.Abs(log - Math.Log(x)) <= 2 * ulp, $"log({x}) = {log}, want {Math.Log(x)} (ulp {ulp})");
            float u = (float)rng.NextDouble();
            float cos = SingleRandom.CosTwoPi(u);
            Assert.True(Math.Abs(cos - Math.Cos(2 * Math.PI * u)) <= 3e-7, $"cos(2π·{u}) = {cos}, want {Math.Cos(2 * Math.PI * u)}");
        }
    }

    /// <summary>The device log and cosine's range handling (u above one half taken as u − 1; log₂ times ln 2), to float accuracy here.</summary>
    [Fact]
    public void DeviceLogAndCosineAreTheFunctions()
    {
        var rng = new System.Random(9);
        for (int i = 0; i < 100_000; i++)
        {
            float x = (float)Math.Exp(-rng.NextDouble() * 80);
            Assert.True(Math.Abs(SingleRandom.DeviceLog(x) - Math.Log(x)) <= 1e-6 * Math.Max(1, Math.Abs(Math.Log(x))), $"log({x})");
            float u = (float)rng.NextDouble();
            Assert.True(Math.Abs(SingleRandom.DeviceCosTwoPi(u) - Math.Cos(2 * Math.PI * u)) <= 1e-6, $"cos(2π·{u})");
        }
    }

    [Fact]
    public void KsDetectsAWrongLoopFreeDegree()
    {
        // The test has power on the loop-free path too: χ²_7 draws are rejected as χ²_6.8.
        var k = ChiSquaredShape.For(7);
        var x = Enumerable.Range(0, Draws).Select(i => DeviceRandom.ChiSquared(k, Site(i)));
        Assert.True(GoodnessOfFit.KolmogorovSmirnov(x, v => ChiSquared.CDF(6.8, v)).PValue < GoodnessOfFit.RejectBelow);
    }

    [Fact]
    public void KsDetectsAWrongShape()
    {
        // The test has power: draws of shape 3.5 are rejected as shape 3.4.
        var g = GammaShape.For(3.5);
        var x = Enumerable.Range(0, Draws).Select(i => DeviceRandom.Gamma(g, Site(i)));
        Assert.True(GoodnessOfFit.KolmogorovSmirnov(x, v => Gamma.CDF(3.4, 1, v)).PValue < GoodnessOfFit.RejectBelow);
    }

    [Theory]
    [InlineData(6.0)]
    [InlineData(2.5)]
    [InlineData(0.5)]
    public void LatentUpdateIsScaledInverseChiSquare(double nu) =>
        LatentUpdateCheck.AssertScaledInverseChiSquare(nu, (x, state, p) => SweepArithmetic.DatumTerms(x, 0, 0, state, p));

    /// <summary>The same law on CUDA's path (its χ² and its one-reciprocal 1/U), for an odd k, an even k and Marsaglia–Tsang's.</summary>
    [Theory]
    [InlineData(6.0)]
    [InlineData(3.0)]
    [InlineData(2.5)]
    public void DevicePathLatentUpdateIsScaledInverseChiSquare(double nu) =>
        LatentUpdateCheck.AssertScaledInverseChiSquare(nu, (x, state, p) => SweepArithmetic.DatumTerms(x, 0, 0, state, p with { DeviceMath = 1 }));

    /// <summary>
    /// CUDA's 1/U = χ²·α²·(ν τ² α² + (x−μ)²)⁻¹ against the portable χ²/(ν τ² + (x−μ)²/α²) at the same draw: within a few ulps
    /// over states spanning 10⁻¹⁰⁰ to 10¹⁰⁰ in α² and τ², and at x = μ.
    /// </summary>
    [Fact]
    public void DevicePathTermsAreThePortableTermsToAFewUlps()
    {
        var rng = new System.Random(16);
        for (int i = 0; i < 20_000; i++)
        {
            double alpha2 = Math.Pow(10, (rng.NextDouble() * 200) - 100);
            double sigma2 = Math.Pow(10, (rng.NextDouble() * 8) - 4);
            var state = new ChainState { Mu = rng.NextDouble() * 10, Alpha2 = alpha2, Tau2 = sigma2 / alpha2 };
            double x = i % 10 == 0 ? state.Mu : state.Mu + ((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-3, 4)));
            var p = new SweepParameters { Nu = 6, Chi2 = ChiSquaredShape.For(7), Key0 = 1, Key1 = 2, Sweep = (uint)i };
            var portable = SweepArithmetic.DatumTerms(x, i, 3, state, p);
            var device = SweepArithmetic.DatumTerms(x, i, 3, state, p with { DeviceMath = 1 });
            Assert.True(Math.Abs(device.S0 - portable.S0) <= 1e-14 * portable.S0, $"1/U at α² {alpha2:R}, x {x:R}: {device.S0:R} against {portable.S0:R}");
            Assert.True(Math.Abs(device.S2 - portable.S2) <= 1e-14 * Math.Abs(portable.S2) + double.Epsilon, $"(x−μ)²/U at α² {alpha2:R}: {device.S2:R} against {portable.S2:R}");
        }
    }
}
