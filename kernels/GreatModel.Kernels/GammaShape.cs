namespace GreatModel.Kernels;

/// <summary>Constants of a Marsaglia–Tsang gamma sampler for one shape, computed once on the host.</summary>
public struct GammaShape
{
    /// <summary>d = a' - 1/3 and c = 1/sqrt(9d), with a' = a (a ≥ 1) or a + 1 (a &lt; 1, boosted).</summary>
    public double D, C;

    /// <summary>1/a when the shape is below 1 (the boost Gamma(a) = Gamma(a+1) U^(1/a)), else 0.</summary>
    public double BoostExponent;

    public static GammaShape For(double shape)
    {
        if (!(shape > 0) || double.IsInfinity(shape))
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "gamma shape must be positive and finite");
        double a = shape < 1 ? shape + 1 : shape;
        double d = a - 1.0 / 3.0;
        return new GammaShape { D = d, C = 1.0 / Math.Sqrt(9.0 * d), BoostExponent = shape < 1 ? 1.0 / shape : 0.0 };
    }
}
