namespace GreatModel.Kernels;

/// <summary>
/// Σ log v_i for positive v_i with one logarithm per lane instead of one per datum: each v = m·2^e is split into
/// its mantissa m in [1, 2) and exponent e; the mantissas are multiplied and the exponents added as integers, and
/// <see cref="Log"/> is log(Π m) + (Σ e)·ln 2. No product can overflow (a lane holds at most 512 items: Π m &lt; 2^512)
/// or underflow (m ≥ 1), whatever the v_i; subnormal v are scaled into the normal range first. The sums S3 (latent
/// pass) and the ν likelihood pass's two sums are made this way. Vector twin: Backends/Simd/VectorLogProduct.
/// </summary>
public struct LogProduct
{
    /// <summary>Π m_i, in [1, 2^items). Starts at 1.</summary>
    public double Mantissas;

    /// <summary>Σ e_i.</summary>
    public long Exponents;

    /// <summary>The empty product: Π = 1, Σ e = 0, so <see cref="Log"/> = 0.</summary>
    public static LogProduct Empty => new() { Mantissas = 1.0, Exponents = 0 };

    /// <summary>ln 2, rounded to double.</summary>
    public const double Ln2 = 0.6931471805599453;

    /// <summary>Adds log <paramref name="v"/>; a v that is 0, infinite or NaN makes the sum NaN (never a finite wrong value).</summary>
    /// <param name="v">The value. Range: &gt; 0, finite (else the sum becomes NaN).</param>
    public void Add(double v)
    {
        if (!(v > 0.0) || v > double.MaxValue) Mantissas = double.NaN; // the bits below would read as a finite log
        long shift = 0;
        if (v < PortableMath.SmallestNormal)
        {
            v *= PortableMath.TwoPowSubnormalShift;
            shift = PortableMath.SubnormalShift;
        }
        long bits = BitConverter.DoubleToInt64Bits(v);
        Exponents += (bits >> PortableMath.MantissaBits) - PortableMath.ExponentBias - shift;
        Mantissas *= BitConverter.Int64BitsToDouble((bits & PortableMath.MantissaMask) | PortableMath.OneExponentBits);
    }

    /// <summary>Σ log v_i = log(Π m_i) + (Σ e_i)·ln 2.</summary>
    public readonly double Log => Finish(Mantissas, Exponents);

    /// <summary>log(<paramref name="mantissas"/>) + <paramref name="exponents"/>·ln 2: <see cref="Log"/> of a product kept elsewhere (a vector lane).</summary>
    /// <param name="mantissas">Π m_i. Range: ≥ 1.</param>
    /// <param name="exponents">Σ e_i.</param>
    /// <returns>Σ log v_i.</returns>
    public static double Finish(double mantissas, long exponents) =>
        double.IsNaN(mantissas) ? double.NaN // a value with no finite log was added (PortableMath.Log reads NaN's bits as a number)
        : PortableMath.Log(mantissas) + (PortableMath.SignedToDouble(exponents) * Ln2);
}
