using System.Diagnostics;
using System.Security.Cryptography;
using GreatModel.Backends;
using GreatModel.Model;
using GreatModel.Kernels;
using GreatModel.Reference;
using GreatModel.Sampling;

namespace GreatModel;

/// <summary>The entry point: <c>var fit = Sampler.Run(data, new SamplerOptions { Chains = 4, Seed = 42 });</c></summary>
public static class Sampler
{
    public static Posterior Run(IEnumerable<double> data, SamplerOptions options, CancellationToken cancel = default) =>
        Run(new ObservedData(data), options, cancel);

    public static Posterior Run(ObservedData data, SamplerOptions options, CancellationToken cancel = default) =>
        Run(data, options, new RunHooks(), cancel);

    /// <summary>As <see cref="Run(ObservedData, SamplerOptions, CancellationToken)"/>, with a cap on CPU threads.</summary>
    public static Posterior Run(ObservedData data, SamplerOptions options, int? cpuThreads, CancellationToken cancel = default) =>
        Run(data, options, new RunHooks { CpuThreads = cpuThreads }, cancel);

    /// <summary>
    /// Runs the sampler. Cancellation stops it at the next sweep boundary and returns every completed draw
    /// (<see cref="Posterior.Cancelled"/> is then true); the sinks in <paramref name="hooks"/> get each
    /// recorded sweep as it is made.
    /// </summary>
    public static Posterior Run(ObservedData data, SamplerOptions options, RunHooks hooks, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hooks);
        options.Validate();
        ulong seed = options.Seed ?? BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        var resolved = options with { Seed = seed };
        var states = Enumerable.Repeat(new ChainState(options.InitialMu ?? data.Mean(), options.InitialAlpha2, options.InitialTau2), options.Chains).ToArray();

        using var engine = options.Backend == Backend.Reference
            ? null
            : EngineFactory.Create(options.Backend, new SweepSetup(data.ToArray(), options.Nu, seed, options.Chains), hooks.CpuThreads, hooks.OverlapHostDraws);
        var ensemble = engine is null ? null : new ChainEnsemble(engine, data, resolved, seed, states, hooks.CpuThreads);
        Action<long> sweep = ensemble is null
            ? new ReferenceSampler(data, resolved, seed, states, hooks.CpuThreads).Sweep
            : ensemble.Sweep;
        var posterior = new Posterior(resolved, seed, engine?.Description ?? ReferenceSampler.Name, data.Count, hooks.KeepDrawsInMemory);

        // Kernel compilation and uploads above are set-up, not sampling.
        var clock = Stopwatch.StartNew();
        posterior.SweepsRun = SweepDriver.Run(resolved, states, sweep, [posterior, .. hooks.Sinks], hooks.Progress, data.Count, cancel);
        posterior.Elapsed = clock.Elapsed;
        posterior.HostScalarTime = ensemble?.HostScalarTime;
        return posterior;
    }
}
