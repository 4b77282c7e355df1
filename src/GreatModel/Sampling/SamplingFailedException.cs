using System.Globalization;

namespace GreatModel.Sampling;

/// <summary>
/// A chain's state stopped being a valid posterior draw (μ not finite, σ² not a finite number &gt; 0, or an estimated ν not a number &gt; 0):
/// the run stops at once, at the sweep where it happened, and its draws must not be used. Ranges the
/// library checks up front (<see cref="SamplerOptions.Validate"/>, the data's scale and ties) make this
/// a bug or an input beyond them; the message says which chain, which sweep, and the values.
/// </summary>
public sealed class SamplingFailedException : Exception
{
    /// <summary>Creates the exception for chain <paramref name="chain"/> after sweep <paramref name="sweep"/>.</summary>
    /// <param name="chain">The chain (0-based).</param>
    /// <param name="sweep">The sweep (0-based).</param>
    /// <param name="mu">μ then.</param>
    /// <param name="sigma2">σ² then.</param>
    /// <param name="nu">ν then, when estimated; null when fixed.</param>
    /// <param name="group">The chain's group in a grouped run; null otherwise.</param>
    public SamplingFailedException(int chain, long sweep, double mu, double sigma2, double? nu = null, string? group = null)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"{(group is null ? "" : $"group '{group}', ")}chain {chain + 1}, sweep {sweep + 1}: the state became mu = {mu}, sigma2 = {sigma2}{(nu is { } v ? $", nu = {v}" : "")}; the run was stopped and its draws discarded"))
    {
        Chain = chain;
        Group = group;
        Sweep = sweep;
        Mu = mu;
        Sigma2 = sigma2;
    }

    /// <summary>The chain (0-based; within its group in a grouped run).</summary>
    public int Chain { get; }

    /// <summary>The group of the failed chain in a grouped run; null otherwise.</summary>
    public string? Group { get; }

    /// <summary>The sweep (0-based, burn-in included) after which the state was invalid.</summary>
    public long Sweep { get; }

    /// <summary>μ at that point.</summary>
    public double Mu { get; }

    /// <summary>σ² at that point.</summary>
    public double Sigma2 { get; }
}
