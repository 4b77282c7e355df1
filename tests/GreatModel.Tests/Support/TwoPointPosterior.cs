namespace GreatModel.Tests.Support;

/// <summary>
/// The posterior of a group of two points, by quadrature over its whole support. With n = 2, μ's marginal falls off as
/// |μ|^-2, so its mean does not exist and a window around the data (as <see cref="ExactPosterior"/> uses) would cut off a
/// few percent of the mass: here μ = c + s·tan θ, θ on (−π/2, π/2) (Jacobian s/cos²θ), and log σ² on a window wide enough
/// for its exponential tails (rate 1/2 upwards). Reports what has a finite mean: P(μ &lt; the lower point) and the mean
/// and sd of log σ².
/// </summary>
public sealed record TwoPointPosterior(double ProbabilityMuBelowLower, double MeanLogSigma2, double SdLogSigma2)
{
    /// <summary>Quadrature for data <paramref name="x"/> (two distinct points) with ν = <paramref name="nu"/>, prior ∝ 1/σ².</summary>
    public static TwoPointPosterior Compute(double[] x, double nu, int points = 1200)
    {
        double lower = Math.Min(x[0], x[1]), c = (x[0] + x[1]) / 2, s = Math.Abs(x[1] - x[0]) / 2;
        double l0 = 2 * Math.Log(s), lLo = l0 - 30, lHi = l0 + 70, half = (nu + 1) / 2;
        double z = 0, below = 0, l1 = 0, l2 = 0;
        for (int i = 0; i < points; i++)
        {
            double theta = -Math.PI / 2 + (Math.PI * (i + 0.5) / points); // midpoints: the ends are singular
            double mu = c + (s * Math.Tan(theta)), jacobian = s / (Math.Cos(theta) * Math.Cos(theta));
            for (int j = 0; j < points; j++)
            {
                double l = lLo + ((lHi - lLo) * (j + 0.5) / points);
                double sigma2 = Math.Exp(l), logDensity = -0.5 * x.Length * l; // σ^-2 prior in σ², times dσ² = σ² dl
                foreach (double xi in x) logDensity -= half * Math.Log(1 + ((xi - mu) * (xi - mu) / (nu * sigma2)));
                double w = Math.Exp(logDensity) * jacobian;
                z += w;
                if (mu < lower) below += w;
                l1 += w * l;
                l2 += w * l * l;
            }
        }
        below /= z; l1 /= z; l2 /= z;
        return new TwoPointPosterior(below, l1, Math.Sqrt(l2 - (l1 * l1)));
    }
}
