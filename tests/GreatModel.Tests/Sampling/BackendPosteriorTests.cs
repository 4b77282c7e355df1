using GreatModel.Backends;
using GreatModel.Diagnostics;
using GreatModel.Model;
using GreatModel.Tests.Support;
using ILGPU.Runtime;

namespace GreatModel.Tests.Sampling;

/// <summary>
/// Each backend's posterior means and sds of mu and sigma2 lie within 4 Monte Carlo standard errors
/// (from the draws' own ESS) of the quadrature answer. One thin subclass per backend.
/// </summary>
public abstract class BackendPosteriorTests
{
    protected abstract Backend Backend { get; }

    protected virtual int Chains => 4;

    /// <summary>Skips (visibly) where the backend's device is absent.</summary>
    protected virtual void SkipIfUnavailable() { }

    [Fact]
    public void TalkDataMatchesQuadrature() => CheckAgainstExact(TestData.Talk, 6, TestData.TalkExact, seed: 11);

    [Fact]
    public void OutlierDataMatchesQuadrature() => CheckAgainstExact(TestData.Outliers, 3, TestData.OutliersExact, seed: 12);

    private void CheckAgainstExact(ObservedData data, double nu, ExactPosterior exact, ulong seed)
    {
        SkipIfUnavailable();
        var fit = Sampler.Run(data, new SamplerOptions { Nu = nu, Chains = Chains, BurnIn = 300, Samples = 2500, Seed = seed, Backend = Backend });
        AssertWithin4Mcse(fit.Mu, exact.MeanMu, exact.SdMu);
        AssertWithin4Mcse(fit.Sigma2, exact.MeanSigma2, exact.SdSigma2);
    }

    private static void AssertWithin4Mcse(ParameterDraws draws, double exactMean, double exactSd)
    {
        var s = ParameterSummary.Of(draws);
        Assert.True(s.Rhat < 1.01, $"{draws.Name}: R-hat {s.Rhat}");
        double zMean = (s.Mean - exactMean) / s.McseMean, zSd = (s.Sd - exactSd) / s.McseSd;
        Assert.True(Math.Abs(zMean) < 4, $"{draws.Name} mean {s.Mean} vs exact {exactMean}: z = {zMean:F2} (mcse {s.McseMean})");
        Assert.True(Math.Abs(zSd) < 4, $"{draws.Name} sd {s.Sd} vs exact {exactSd}: z = {zSd:F2} (mcse {s.McseSd})");
    }
}

[Collection(IlgpuCollection.Name)]
public sealed class ReferencePosteriorTests : BackendPosteriorTests
{
    protected override Backend Backend => Backend.Reference;
}

[Collection(IlgpuCollection.Name)]
public sealed class CpuPosteriorTests : BackendPosteriorTests
{
    protected override Backend Backend => Backend.Cpu;

    protected override int Chains => 8;
}

[Collection(IlgpuCollection.Name)]
public sealed class CpuFastPosteriorTests : BackendPosteriorTests
{
    protected override Backend Backend => Backend.CpuFast;

    protected override int Chains => 8;
}

[Collection(IlgpuCollection.Name)]
public sealed class IlgpuCpuPosteriorTests : BackendPosteriorTests
{
    protected override Backend Backend => Backend.IlgpuCpu;
}

[Collection(IlgpuCollection.Name)]
public sealed class CudaPosteriorTests : BackendPosteriorTests
{
    protected override Backend Backend => Backend.Cuda;

    protected override int Chains => 64;

    protected override void SkipIfUnavailable() => Assert.SkipUnless(IlgpuDevices.Has(AcceleratorType.Cuda), "no CUDA device on this machine");
}

[Collection(IlgpuCollection.Name)]
public sealed class OpenClPosteriorTests : BackendPosteriorTests
{
    protected override Backend Backend => Backend.OpenCL;

    protected override void SkipIfUnavailable() => Assert.SkipUnless(IlgpuDevices.Has(AcceleratorType.OpenCL), "no OpenCL device ILGPU accepts on this machine");
}
