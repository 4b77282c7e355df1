using GreatModel.Kernels;
using GreatModel.Sampling;

namespace GreatModel;

/// <summary>Draws of one parameter, chain by chain.</summary>
public sealed class ParameterDraws
{
    private readonly double[] _values; // chain-major: [chain * _capacity + draw]
    private readonly int _capacity;

    internal ParameterDraws(string name, int chains, int capacity)
    {
        Name = name;
        Chains = chains;
        _capacity = capacity;
        _values = new double[checked(chains * capacity)];
    }

    public string Name { get; }

    public int Chains { get; }

    /// <summary>Recorded draws per chain: the requested samples, or fewer when the run was cancelled.</summary>
    public int DrawsPerChain { get; internal set; }

    public double this[int chain, int draw] => Chain(chain)[draw];

    public ReadOnlySpan<double> Chain(int chain) => _values.AsSpan(chain * _capacity, DrawsPerChain);

    /// <summary>All draws, chain after chain.</summary>
    public double[] ToArray() => Enumerable.Range(0, Chains).SelectMany(c => Chain(c).ToArray()).ToArray();

    public double[][] ToChainArrays() => Enumerable.Range(0, Chains).Select(c => Chain(c).ToArray()).ToArray();

    internal void Set(int chain, int draw, double value) => _values[(chain * _capacity) + draw] = value;
}

/// <summary>The result of a fit: draws per chain of mu, sigma2 (= alpha2·tau2), alpha2 and tau2.</summary>
public sealed class Posterior : IDrawSink
{
    internal Posterior(SamplerOptions options, ulong seed, string backendName, int dataCount, bool keepDraws = true)
    {
        int capacity = keepDraws ? options.Samples : 0;
        _keepDraws = keepDraws;
        Options = options;
        Seed = seed;
        BackendName = backendName;
        DataCount = dataCount;
        Mu = new ParameterDraws("mu", options.Chains, capacity);
        Sigma2 = new ParameterDraws("sigma2", options.Chains, capacity);
        Alpha2 = new ParameterDraws("alpha2", options.Chains, capacity);
        Tau2 = new ParameterDraws("tau2", options.Chains, capacity);
    }

    private readonly bool _keepDraws;

    /// <summary>Whether the draws are held here (false when the run streamed them to sinks only).</summary>
    public bool HasDraws => _keepDraws;

    /// <summary>The options as run, with the seed filled in.</summary>
    public SamplerOptions Options { get; }

    public ulong Seed { get; }

    /// <summary>The backend that ran, in words (e.g. "cuda: NVIDIA H100 80GB HBM3").</summary>
    public string BackendName { get; internal set; }

    public int DataCount { get; }

    public ParameterDraws Mu { get; }

    public ParameterDraws Sigma2 { get; }

    public ParameterDraws Alpha2 { get; }

    public ParameterDraws Tau2 { get; }

    /// <summary>Wall time of the sampling itself (no data loading, no output).</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>
    /// Of <see cref="Elapsed"/>, the time the host spent drawing the per-chain scalars (alpha2, mu, tau2);
    /// where the engine overlaps them with device work (<see cref="Sampling.RunHooks.OverlapHostDraws"/>),
    /// part of it is hidden. Null for the reference sampler, which does everything on the host.
    /// </summary>
    public TimeSpan? HostScalarTime { get; internal set; }

    /// <summary>The parameters of interest first: mu and sigma2, then the two non-identified halves.</summary>
    public IReadOnlyList<ParameterDraws> Parameters => [Mu, Sigma2, Alpha2, Tau2];

    /// <summary>Sweeps run per chain (all of them unless cancelled).</summary>
    public long SweepsRun { get; internal set; }

    /// <summary>True when the run was stopped (Ctrl-C / cancellation) before all samples were drawn.</summary>
    public bool Cancelled => DrawsPerChain < Options.Samples;

    /// <summary>Draws recorded per chain (held here only when <see cref="HasDraws"/>).</summary>
    public int DrawsPerChain { get; private set; }

    /// <summary>Datum-updates per second: chains × n × sweeps / wall time.</summary>
    public double DatumUpdatesPerSecond =>
        Options.Chains * (double)DataCount * SweepsRun / Elapsed.TotalSeconds;

    void IDrawSink.Record(int draw, ReadOnlySpan<ChainState> chains)
    {
        DrawsPerChain = draw + 1;
        if (!_keepDraws) return;
        for (int c = 0; c < chains.Length; c++)
        {
            var s = chains[c];
            Mu.Set(c, draw, s.Mu);
            Sigma2.Set(c, draw, s.Alpha2 * s.Tau2);
            Alpha2.Set(c, draw, s.Alpha2);
            Tau2.Set(c, draw, s.Tau2);
        }
        foreach (var p in Parameters) p.DrawsPerChain = draw + 1;
    }
}
