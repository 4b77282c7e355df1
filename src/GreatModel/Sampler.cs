using System.Diagnostics;
using System.Security.Cryptography;
using GreatModel.Backends;
using GreatModel.Model;
using GreatModel.Reference;

namespace GreatModel;

/// <summary>The entry point: <c>var fit = Sampler.Run(data, new SamplerOptions { Chains = 4, Seed = 42 });</c></summary>
public static class Sampler
{
    public static Posterior Run(IEnumerable<double> data, SamplerOptions options, CancellationToken cancel = default) =>
        Run(new ObservedData(data), options, cancel);

    public static Posterior Run(ObservedData data, SamplerOptions options, CancellationToken cancel = default) =>
        Run(data, options, cpuThreads: null, cancel);

    /// <summary>As <see cref="Run(ObservedData, SamplerOptions, CancellationToken)"/>, with a cap on CPU threads.</summary>
    public static Posterior Run(ObservedData data, SamplerOptions options, int? cpuThreads, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ulong seed = options.Seed ?? BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        var resolved = options with { Seed = seed };
        var clock = Stopwatch.StartNew();
        Posterior posterior;
        if (options.Backend == Backend.Reference)
        {
            posterior = new Posterior(resolved, seed, ReferenceSampler.Name, data.Count);
            ReferenceSampler.Run(data, resolved, seed, posterior, cancel);
        }
        else
        {
            using var engine = EngineFactory.Create(options.Backend, new SweepSetup(data.ToArray(), options.Nu, seed, options.Chains), cpuThreads);
            posterior = new Posterior(resolved, seed, engine.Description, data.Count);
            clock.Restart(); // kernel compilation and uploads are set-up, not sampling
            ChainEnsemble.Run(engine, data, resolved, seed, posterior, cancel);
        }
        posterior.Elapsed = clock.Elapsed;
        return posterior;
    }
}
