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
    public static TheoryData<Backend> KernelBackends() => [.. TestBackends.All().Select(row => row.Data).Where(b => BackendRegistry.Get(b).DrawsMatchKernels)];

    [Theory]
    [MemberData(nameof(KernelBackends))]
    public void SinglePrecisionVariatesMatchQuadrature(Backend backend) =>
        CheckAgainstExact(backend, TestData.Talk, 6, TestData.TalkExact, seed: 13, Precision.Single);

    [Theory]
    [MemberData(nameof(KernelBackends))]
    public void SinglePrecisionVariatesMatchQuadratureWithOutliers(Backend backend) =>
        CheckAgainstExact(backend, TestData.Outliers, 3, TestData.OutliersExact, seed: 14, Precision.Single);

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
