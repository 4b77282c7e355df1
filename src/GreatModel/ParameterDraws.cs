namespace GreatModel;

/// <summary>Draws of one parameter, chain by chain. Immutable.</summary>
public sealed class ParameterDraws
{
    private readonly double[] _values; // chain-major: [chain * _capacity + draw]
    private readonly int _capacity;

    internal ParameterDraws(string name, int chains, int capacity, int drawsPerChain, double[] values)
    {
        Name = name;
        Chains = chains;
        _capacity = capacity;
        DrawsPerChain = capacity == 0 ? 0 : drawsPerChain;
        _values = values;
    }

    /// <summary>The parameter's name as in the output files: mu, sigma2, alpha2 or tau2.</summary>
    public string Name { get; }

    /// <summary>Number of chains (≥ 1).</summary>
    public int Chains { get; }

    /// <summary>
    /// Draws held per chain: the requested samples, fewer when the run was cancelled, and 0 when the run
    /// kept no draws in memory (<see cref="Sampling.RunHooks.KeepDrawsInMemory"/>).
    /// </summary>
    public int DrawsPerChain { get; }

    /// <summary>Draw <paramref name="draw"/> (0 .. <see cref="DrawsPerChain"/> − 1) of chain <paramref name="chain"/> (0 .. <see cref="Chains"/> − 1).</summary>
    public double this[int chain, int draw] => Chain(chain)[draw];

    /// <summary>The draws of chain <paramref name="chain"/> (0 .. <see cref="Chains"/> − 1), in order.</summary>
    public ReadOnlySpan<double> Chain(int chain)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chain);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(chain, Chains);
        return _values.AsSpan(chain * _capacity, DrawsPerChain);
    }

    /// <summary>All draws, chain after chain.</summary>
    public double[] ToArray() => Enumerable.Range(0, Chains).SelectMany(c => Chain(c).ToArray()).ToArray();

    /// <summary>The draws as one array per chain.</summary>
    public double[][] ToChainArrays() => Enumerable.Range(0, Chains).Select(c => Chain(c).ToArray()).ToArray();
}
