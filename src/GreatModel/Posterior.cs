using GreatModel.Kernels;

namespace GreatModel;

/// <summary>Draws of one parameter, chain by chain.</summary>
public sealed class ParameterDraws
{
    private readonly double[] _values; // chain-major: [chain * DrawsPerChain + draw]

    internal ParameterDraws(string name, int chains, int drawsPerChain)
    {
        Name = name;
        Chains = chains;
        DrawsPerChain = drawsPerChain;
        _values = new double[checked(chains * drawsPerChain)];
    }

    public string Name { get; }

    public int Chains { get; }

    public int DrawsPerChain { get; }

    public double this[int chain, int draw] => _values[(chain * DrawsPerChain) + draw];

    public ReadOnlySpan<double> Chain(int chain) => _values.AsSpan(chain * DrawsPerChain, DrawsPerChain);

    /// <summary>All draws, chain after chain.</summary>
    public ReadOnlySpan<double> All => _values;

    public double[][] ToChainArrays() => Enumerable.Range(0, Chains).Select(c => Chain(c).ToArray()).ToArray();

    internal void Set(int chain, int draw, double value) => _values[(chain * DrawsPerChain) + draw] = value;
}

/// <summary>The result of a fit: draws per chain of mu, sigma2 (= alpha2·tau2), alpha2 and tau2.</summary>
public sealed class Posterior
{
    internal Posterior(SamplerOptions options, ulong seed, string backendName, int dataCount)
    {
        Options = options;
        Seed = seed;
        BackendName = backendName;
        DataCount = dataCount;
        Mu = new ParameterDraws("mu", options.Chains, options.Samples);
        Sigma2 = new ParameterDraws("sigma2", options.Chains, options.Samples);
        Alpha2 = new ParameterDraws("alpha2", options.Chains, options.Samples);
        Tau2 = new ParameterDraws("tau2", options.Chains, options.Samples);
    }

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

    /// <summary>The parameters of interest first: mu and sigma2, then the two non-identified halves.</summary>
    public IReadOnlyList<ParameterDraws> Parameters => [Mu, Sigma2, Alpha2, Tau2];

    /// <summary>Datum-updates per second: chains × n × sweeps / wall time.</summary>
    public double DatumUpdatesPerSecond =>
        Options.Chains * (double)DataCount * Options.TotalSweeps / Elapsed.TotalSeconds;

    internal void Record(int chain, int draw, in ChainState s)
    {
        Mu.Set(chain, draw, s.Mu);
        Sigma2.Set(chain, draw, s.Alpha2 * s.Tau2);
        Alpha2.Set(chain, draw, s.Alpha2);
        Tau2.Set(chain, draw, s.Tau2);
    }
}
