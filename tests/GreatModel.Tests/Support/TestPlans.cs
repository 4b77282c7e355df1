using GreatModel.Model;
using GreatModel.Sampling;

namespace GreatModel.Tests.Support;

/// <summary>Run plans for tests that drive an engine directly, as <see cref="Sampler.Run(ObservedData, SamplerOptions, RunHooks, CancellationToken)"/> would build them.</summary>
internal static class TestPlans
{
    public static RunPlan For(double[] data, double nu, ulong seed, int chains, int? threads = null, Backend backend = Backend.Cpu) =>
        RunPlan.Create(new ObservedData(data, "test"), new SamplerOptions { Nu = nu, Seed = seed, Chains = chains, Backend = backend },
            new RunHooks { CpuThreads = threads });

    /// <summary>A plan with ν estimated (default prior and range, the marginal move on).</summary>
    public static RunPlan ForEstimatedNu(double[] data, ulong seed, int chains, int? threads = null, Backend backend = Backend.Cpu) =>
        RunPlan.Create(new ObservedData(data, "test"), new SamplerOptions { EstimateNu = true, Seed = seed, Chains = chains, Backend = backend },
            new RunHooks { CpuThreads = threads });
}
