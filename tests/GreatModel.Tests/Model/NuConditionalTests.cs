using GreatModel.Kernels;
using GreatModel.Model;
using GreatModel.Random;
using GreatModel.Tests.Support;
using SpecialFunctions = MathNet.Numerics.SpecialFunctions;
using MathNet.Numerics.Distributions;

namespace GreatModel.Tests.Model;

/// <summary>
/// The host's draw of ν | U, τ² (MODEL.md, "Estimating ν"): for fixed sums its draws follow the full conditional, whose
/// CDF is computed here by quadrature of exp(g) on a fine grid in log ν; and g is concave, which makes the tangent hull
/// an upper bound (the draw's exactness rests on it).
/// </summary>
public class NuConditionalTests
{
    /// <summary>(n, ν that made the U, prior, range): moderate, large n, tiny n near flat, a mode at the lower end, normal data.</summary>
    public static TheoryData<int, double, double, double, double, double> Cases() => new()
    {
        { 50, 5, 2, 0.1, 1, 1e6 },
        { 2000, 30, 2, 0.1, 1, 1e6 },
        { 5, 3, 1, 0.05, 0.5, 100 },
        { 200, 1.2, 2, 0.1, 2, 50 },
        { 100, 1e4, 2, 0.1, 1, 1e6 },
        { 50, 5, 1e4, 1e3, 1, 1e6 }, // a prior that all but pins ν near 10 (sd/mean 1%)
        { 2000, 1e6, 2, 0.1, 1, 50 }, // normal data: the mode at the range's upper end
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DrawsFollowTheFullConditional(int n, double trueNu, double shape, double rate, double min, double max)
    {
        var (sums, tau2) = LatentSums(n, trueNu, seed: n);
        var update = new NuUpdate(new NuPrior(shape, rate), min, max);
        var rng = new PhiloxRandomSource(7, 0, RandomStream.HostScalars);
        double[] starts = [min, Math.Sqrt(min * max), max, 6];
        var draws = Enumerable.Range(0, 20_000).Select(i => update.Draw(rng, n, sums, tau2, Math.Clamp(starts[i % 4], min, max))).ToArray();
        Assert.All(draws, d => Assert.InRange(d, min, max));
        var g = new NuConditional(shape, rate, n, NuConditional.Spread(n, sums.S0, sums.S3, tau2));
        var cdf = NumericalCdf.Of(g.Log, Math.Log(min), Math.Log(max));
        var (d, p) = GoodnessOfFit.KolmogorovSmirnov(draws.Select(v => Math.Log(v)), cdf);
        Assert.True(p > GoodnessOfFit.RejectBelow, $"KS D = {d:F4}, p = {p:G3}");
    }

    [Fact]
    public void TheLogDensityIsTheInverseChiSquaredLikelihoodTimesThePrior()
    {
        // g(η₁) − g(η₂) from the sums, against MathNet's densities of the U themselves: Inv-χ²(ν, τ²) = Inv-Gamma(ν/2, ντ²/2),
        // the Gamma(a, b) prior, and the Jacobian ν of η = log ν.
        const double tau2 = 1.7, shape = 2, rate = 0.1;
        var chi2 = new ChiSquared(5, new System.Random(3));
        var u = Enumerable.Range(0, 40).Select(_ => 5 * tau2 / chi2.Sample()).ToArray();
        var sums = new SweepSums(u.Sum(v => 1 / v), 0, 0, u.Sum(v => Math.Log(1 / v)));
        var g = new NuConditional(shape, rate, u.Length, NuConditional.Spread(u.Length, sums.S0, sums.S3, tau2));
        double Direct(double nu) => u.Sum(v => InverseGamma.PDFLn(nu / 2, nu * tau2 / 2, v)) + Gamma.PDFLn(shape, rate, nu) + Math.Log(nu);
        foreach (var (a, b) in new[] { (2.0, 9.0), (0.7, 4.0), (30.0, 300.0) })
            Assert.Equal(Direct(a) - Direct(b), g.Log(Math.Log(a)) - g.Log(Math.Log(b)), 1e-9 * Math.Max(1, Math.Abs(Direct(a) - Direct(b))));
    }

    [Theory]
    [InlineData(3, 0.0)]
    [InlineData(50, 0.02)]
    [InlineData(5000, 0.3)]
    [InlineData(1, 5.0)]
    public void TheLogDensityIsConcaveInLogNu(int n, double w)
    {
        var g = new NuConditional(0.5, 0.01, n, w); // shape below 1: concave in log ν all the same
        for (double eta = Math.Log(1e-3); eta <= Math.Log(1e6); eta += 0.01)
        {
            Assert.True(g.Curvature(eta) < 0, $"g''({eta}) = {g.Curvature(eta)}");
            Assert.True(g.Slope(eta + 0.01) < g.Slope(eta), $"g' rises at {eta}");
        }
    }

    [Fact]
    public void NonFiniteSumsGiveNaNNotAHang()
    {
        var update = new NuUpdate(NuPrior.Default, 1, 1e6);
        var rng = new PhiloxRandomSource(7, 0, RandomStream.HostScalars);
        Assert.True(double.IsNaN(update.Draw(rng, 10, new SweepSums(double.NaN, 0, 0, 1), 1, 6)));
        Assert.True(double.IsNaN(update.Draw(rng, 10, new SweepSums(5, 0, 0, double.NegativeInfinity), 1, 6)));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9.99)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(50)]
    [InlineData(300)]
    public void GammaFunctionTermsMatchTheirPlainForms(double z)
    {
        Assert.Equal((z * Math.Log(z)) - z - SpecialFunctions.GammaLn(z), GammaFunctionTerms.StirlingGap(z), 1e-11);
        Assert.Equal(Math.Log(z) - SpecialFunctions.DiGamma(z), GammaFunctionTerms.LogMinusDigamma(z), 1e-12);
        double h = 1e-5 * z;
        double numeric = (SpecialFunctions.DiGamma(z + h) - SpecialFunctions.DiGamma(z - h)) / (2 * h);
        Assert.Equal(numeric, GammaFunctionTerms.Trigamma(z), 1e-6 * numeric);
        double nu = 2 * z;
        Assert.Equal(SpecialFunctions.GammaLn((nu + 1) / 2) - SpecialFunctions.GammaLn(nu / 2) - (0.5 * Math.Log(nu)),
            GammaFunctionTerms.TDensityConstant(nu), 1e-10);
    }

    /// <summary>
    /// S0, S3 of n latent U ~ Inv-χ²(ν, τ²), τ² = 1.7, and τ². χ²_ν drawn as Gamma(ν/2, rate 1/2), MathNet's Marsaglia–Tsang:
    /// its ChiSquared sums ν squared normals per draw, which at ν = 10⁶ and n = 2000 took 145 s of the suite.
    /// </summary>
    internal static (SweepSums Sums, double Tau2) LatentSums(int n, double nu, int seed)
    {
        const double tau2 = 1.7;
        var chi2 = new Gamma(nu / 2, 0.5, new System.Random(seed));
        double s0 = 0, s3 = 0;
        for (int i = 0; i < n; i++)
        {
            double u = nu * tau2 / chi2.Sample();
            s0 += 1 / u;
            s3 += Math.Log(1 / u);
        }
        return (new SweepSums(s0, 0, 0, s3), tau2);
    }
}
