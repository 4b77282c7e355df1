using GreatModel.Backends;
using GreatModel.Model;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Sampling;

/// <summary>
/// Each backend's posterior means and sds of mu and sigma2 lie within 4 Monte Carlo standard errors
/// (from the draws' own ESS) of the quadrature answer. Every backend of the registry, on two data sets;
/// those whose device this machine lacks skip visibly.
/// </summary>
[Collection(IlgpuCollection.Name)]
public class BackendPosteriorTests
{
    public static TheoryData<Backend> Backends() => TestBackends.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public void TalkDataMatchesQuadrature(Backend backend) => CheckAgainstExact(backend, TestData.Talk, 6, TestData.TalkExact, seed: 11);

    [Theory]
    [MemberData(nameof(Backends))]
    public void OutlierDataMatchesQuadrature(Backend backend) => CheckAgainstExact(backend, TestData.Outliers, 3, TestData.OutliersExact, seed: 12);

    /// <summary>Single-precision χ² variates (sums in double) on every backend that makes the kernels' draws.</summary>
    public static TheoryData<Backend> KernelBackends() => [.. TestBackends.All().Select(row => row.Data).Where(b => BackendRegistry.Get(b).RunsKernels)];

    [Theory]
    [MemberData(nameof(KernelBackends))]
    public void SinglePrecisionVariatesMatchQuadrature(Backend backend) =>
        CheckAgainstExact(backend, TestData.Talk, 6, TestData.TalkExact, seed: 13, Precision.Single);

    [Theory]
    [MemberData(nameof(KernelBackends))]
    public void SinglePrecisionVariatesMatchQuadratureWithOutliers(Backend backend) =>
        CheckAgainstExact(backend, TestData.Outliers, 3, TestData.OutliersExact, seed: 14, Precision.Single);

    /// <summary>
    /// CUDA's device path (<see cref="Kernels.SweepParameters.DeviceMath"/>: the hardware's log and cosine in single precision,
    /// <see cref="Kernels.DeviceDoubleMath"/> in double, 1/U by a refined reciprocal) run on ILGPU's CPU accelerator, where the
    /// approximations are .NET's float functions or emulated: the path's formulas leave the posterior, with the outliers'
    /// ν = 3 (an odd k: the cosine's normal term) and the talk's ν = 6, in both precisions.
    /// </summary>
    [Theory]
    [InlineData(false, Precision.Single)]
    [InlineData(true, Precision.Single)]
    [InlineData(false, Precision.Double)]
    [InlineData(true, Precision.Double)]
    public void DevicePathMatchesQuadrature(bool outliers, Precision precision)
    {
        var (data, nu, exact) = outliers ? (TestData.Outliers, 3.0, TestData.OutliersExact) : (TestData.Talk, 6.0, TestData.TalkExact);
        var options = new SamplerOptions { Nu = nu, Chains = 8, BurnIn = 300, Samples = 2500, Seed = 21, Backend = Backend.IlgpuCpu, Precision = precision, DeviceMath = true };
        var fit = Sampler.Run(data, options);
        Assert.Contains("the device's math", fit.BackendDescription, StringComparison.Ordinal);
        PosteriorAssert.Within4Mcse(fit.Mu, exact.MeanMu, exact.SdMu);
        PosteriorAssert.Within4Mcse(fit.Sigma2, exact.MeanSigma2, exact.SdSigma2);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void TalkDataWithNuEstimatedMatchesQuadrature(Backend backend) => CheckNuAgainstExact(backend, TestData.Talk, TestData.TalkExactNu, seed: 15);

    [Theory]
    [MemberData(nameof(Backends))]
    public void OutlierDataWithNuEstimatedMatchesQuadrature(Backend backend) => CheckNuAgainstExact(backend, TestData.Outliers, TestData.OutliersExactNu, seed: 16);

    /// <summary>ν's range reaching below 1: chains whose ν falls there draw with the gamma boost (the CPU's scalar code per chain).</summary>
    [Theory]
    [MemberData(nameof(Backends))]
    public void CauchyDataWithNuBelowOneMatchesQuadrature(Backend backend)
    {
        var exact = TestData.CauchyExactNu;
        Assert.True(exact.MeanNu - exact.SdNu < 1, $"ν's posterior {exact.MeanNu} ± {exact.SdNu} should reach below 1");
        CheckNuAgainstExact(backend, TestData.Cauchy, exact, seed: 18, nuMin: 0.3);
    }

    /// <summary>ν | U alone (no marginal move) leaves the same posterior, only mixing more slowly: checked on cpu-fast.</summary>
    [Fact]
    public void NuByItsConditionalAloneMatchesQuadrature() =>
        CheckNuAgainstExact(Backend.CpuFast, TestData.Outliers, TestData.OutliersExactNu, seed: 17, move: NuMove.Conditional);

    /// <summary>The random walk on log ν (the ridge move's first phase, and a move of its own) leaves the same posterior.</summary>
    [Fact]
    public void NuByTheRandomWalkMatchesQuadrature() =>
        CheckNuAgainstExact(Backend.CpuFast, TestData.Outliers, TestData.OutliersExactNu, seed: 19, move: NuMove.RandomWalk);

    private static void CheckNuAgainstExact(Backend backend, ObservedData data, ExactPosteriorWithNu exact, ulong seed, NuMove move = NuMove.Ridge,
        double nuMin = SamplerOptions.DefaultNuMin)
    {
        TestBackends.SkipUnlessAvailable(backend);
        int chains = BackendRegistry.Get(backend).NeedsDevice ? 64 : 8;
        var fit = Sampler.Run(data, new SamplerOptions
        {
            EstimateNu = true,
            NuMove = move,
            NuMin = nuMin,
            Chains = chains,
            BurnIn = 300,
            Samples = 2500,
            Seed = seed,
            Backend = backend,
        });
        Assert.Equal(backend, fit.Backend);
        PosteriorAssert.Within4Mcse(fit.Mu, exact.MuSigma2.MeanMu, exact.MuSigma2.SdMu);
        PosteriorAssert.Within4Mcse(fit.Sigma2, exact.MuSigma2.MeanSigma2, exact.MuSigma2.SdSigma2);
        PosteriorAssert.Within4Mcse(fit.Nu!, exact.MeanNu, exact.SdNu);
    }

    private static void CheckAgainstExact(Backend backend, ObservedData data, double nu, ExactPosterior exact, ulong seed,
        Precision precision = Precision.Double)
    {
        TestBackends.SkipUnlessAvailable(backend);
        // Devices get many chains (a GPU with 4 would be idle); CPU backends 8, enough for a tight MCSE.
        int chains = BackendRegistry.Get(backend).NeedsDevice ? 64 : 8;
        var fit = Sampler.Run(data, new SamplerOptions { Nu = nu, Chains = chains, BurnIn = 300, Samples = 2500, Seed = seed, Backend = backend, Precision = precision });
        Assert.Equal(backend, fit.Backend);
        PosteriorAssert.Within4Mcse(fit.Mu, exact.MeanMu, exact.SdMu);
        PosteriorAssert.Within4Mcse(fit.Sigma2, exact.MeanSigma2, exact.SdSigma2);
    }

}
