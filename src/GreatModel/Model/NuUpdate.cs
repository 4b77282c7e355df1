using GreatModel.Kernels;

namespace GreatModel.Model;

/// <summary>
/// The host's draw of ν when it is estimated: ν | U, τ² from the sweep's S0 and S3 (<see cref="NuConditional"/>),
/// exactly, by <see cref="TangentHullSampler"/> on log ν within [min, max]. One per chain per sweep, after τ².
/// </summary>
/// <param name="prior">The prior. Range: <see cref="NuPrior.IsValid"/>.</param>
/// <param name="min">The truncation's lower end. Range: &gt; 0.</param>
/// <param name="max">Its upper end. Range: &gt; min, ≤ <see cref="SamplerOptions.MaxNu"/>.</param>
internal sealed class NuUpdate(NuPrior prior, double min, double max)
{
    /// <summary>The range in log ν, taken once (two logarithms per chain and sweep otherwise).</summary>
    private readonly double _logMin = Math.Log(min), _logMax = Math.Log(max);

    /// <summary>The prior.</summary>
    public NuPrior Prior => prior;

    /// <summary>The truncation [Min, Max].</summary>
    public double Min => min;

    /// <inheritdoc cref="Min"/>
    public double Max => max;

    /// <summary>A draw of ν given the sums of U and the chain's new τ²; NaN when the sums are not finite (the run then stops, naming the chain).</summary>
    /// <param name="rng">The chain's host stream.</param>
    /// <param name="n">Observations. Range: ≥ 1.</param>
    /// <param name="sums">The sweep's sums (S0 and S3 are read).</param>
    /// <param name="tau2">τ² as just drawn. Range: &gt; 0.</param>
    /// <param name="current">The chain's ν before the draw (where the mode search starts). Range: in [min, max].</param>
    /// <returns>ν in [min, max], or NaN.</returns>
    public double Draw(System.Random rng, int n, SweepSums sums, double tau2, double current)
    {
        double w = NuConditional.Spread(n, sums.S0, sums.S3, tau2);
        if (!double.IsFinite(w)) return double.NaN;
        double eta = TangentHullSampler.Draw(new NuConditional(prior.Shape, prior.Rate, n, w), _logMin, _logMax, Math.Log(current), rng);
        return Math.Clamp(Math.Exp(eta), min, max); // exp(log min) may round just outside
    }
}
