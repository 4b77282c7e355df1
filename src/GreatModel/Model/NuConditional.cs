namespace GreatModel.Model;

/// <summary>
/// The full conditional of ν given the latent U and τ² (MODEL.md, "Estimating ν"), as a log density in η = log ν
/// (the Jacobian included):
/// g(η) = a·η − b·ν + n·[(ν/2)·log(ν/2) − ν/2 − log Γ(ν/2)] − (n/2)·w·ν,  w = mean(τ²/U − log(τ²/U) − 1) ≥ 0,
/// for the prior Gamma(a, b). Concave in η (MODEL.md shows it), so <see cref="TangentHullSampler"/> draws it exactly.
/// </summary>
/// <param name="shape">The prior's shape a. Range: &gt; 0.</param>
/// <param name="rate">The prior's rate b. Range: &gt; 0.</param>
/// <param name="n">Observations. Range: ≥ 1.</param>
/// <param name="w">mean(τ²/U − log(τ²/U) − 1). Range: ≥ 0, finite.</param>
internal readonly struct NuConditional(double shape, double rate, int n, double w) : ILogConcaveDensity
{
    /// <summary>w from the sweep's sums: τ²·S0/n − log τ² − S3/n − 1 (held at 0 when rounding takes it below).</summary>
    /// <param name="n">Observations. Range: ≥ 1.</param>
    /// <param name="s0">S0 = Σ 1/U.</param>
    /// <param name="s3">S3 = Σ log(1/U).</param>
    /// <param name="tau2">τ². Range: &gt; 0.</param>
    /// <returns>w, or NaN/∞ when the sums are not finite.</returns>
    public static double Spread(int n, double s0, double s3, double tau2) =>
        Math.Max(0.0, (tau2 * s0 / n) - Math.Log(tau2) - (s3 / n) - 1);

    public (double Value, double Slope) ValueAndSlope(double eta)
    {
        // Log and Slope's arithmetic, sharing ν and log(ν/2): the same bits as each alone.
        double nu = Math.Exp(eta), z = 0.5 * nu, logZ = Math.Log(z);
        double value = (shape * eta) - (rate * nu) + (n * GammaFunctionTerms.StirlingGap(z, logZ)) - (0.5 * n * w * nu);
        double slope = shape - (rate * nu) + (0.5 * n * nu * (GammaFunctionTerms.LogMinusDigamma(z, logZ) - w));
        return (value, slope);
    }

    public (double Slope, double Curvature) SlopeAndCurvature(double eta)
    {
        // Slope and Curvature's arithmetic, sharing ν and log z − ψ(z): the same bits as each alone.
        double nu = Math.Exp(eta), z = 0.5 * nu, gap = GammaFunctionTerms.LogMinusDigamma(z);
        double slope = shape - (rate * nu) + (0.5 * n * nu * (gap - w));
        double curvature = -(rate * nu) + (0.5 * n * nu * (gap - w)) + (0.5 * n * nu * (1 - (z * GammaFunctionTerms.Trigamma(z))));
        return (slope, curvature);
    }

    public double Log(double eta)
    {
        double nu = Math.Exp(eta);
        return (shape * eta) - (rate * nu) + (n * GammaFunctionTerms.StirlingGap(0.5 * nu)) - (0.5 * n * w * nu);
    }

    public double Slope(double eta)
    {
        double nu = Math.Exp(eta);
        return shape - (rate * nu) + (0.5 * n * nu * (GammaFunctionTerms.LogMinusDigamma(0.5 * nu) - w));
    }

    public double Curvature(double eta)
    {
        double nu = Math.Exp(eta), z = 0.5 * nu;
        return -(rate * nu) + (0.5 * n * nu * (GammaFunctionTerms.LogMinusDigamma(z) - w))
            + (0.5 * n * nu * (1 - (z * GammaFunctionTerms.Trigamma(z))));
    }
}
