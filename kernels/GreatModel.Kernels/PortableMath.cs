namespace GreatModel.Kernels;

/// <summary>
/// Double-precision log / exp / cos(2πu) from +, -, *, / and bit casts only (fdlibm's algorithms and
/// coefficients, error below 1 ulp). Why not Math.*: on CUDA, ILGPU maps double Math.Log/Exp/Cos to a
/// slow software CORDIC routine; these compile to a few dozen PTX instructions, need no
/// EnableAlgorithms(), and give the same bits on the CPU accelerator and the native CPU path.
/// Arguments are trusted (finite, log's positive): kernels call them only on values that are.
/// </summary>
public static class PortableMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double TwoPi = 6.28318530717958647692;

    /// <summary>Natural logarithm of a positive, finite x.</summary>
    public static double Log(double x)
    {
        int k = -1023;
        if (x < 2.2250738585072014e-308)
        {
            x *= 18014398509481984.0; // 2^54: bring subnormals into the normal range
            k -= 54;
        }
        long bits = BitConverter.DoubleToInt64Bits(x);
        k += (int)(bits >> 52);
        // Mantissa m in [1, 2); fold into [sqrt(2)/2, sqrt(2)) so that f = m - 1 is small.
        long mantissa = bits & 0x000FFFFFFFFFFFFFL;
        long scaled = mantissa | 0x3FF0000000000000L;
        if (mantissa > 0x6A09E667F3BCDL)
        {
            scaled = mantissa | 0x3FE0000000000000L;
            k += 1;
        }
        double f = BitConverter.Int64BitsToDouble(scaled) - 1.0;
        double s = f / (2.0 + f);
        double z = s * s;
        double w = z * z;
        double t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01));
        double t2 = z * (6.666666666666735130e-01 + w * (2.857142874366239149e-01 + w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)));
        double r = t2 + t1;
        double hfsq = 0.5 * f * f;
        double dk = k;
        return dk * Ln2Hi - ((hfsq - (s * (hfsq + r) + dk * Ln2Lo)) - f);
    }

    /// <summary>e^x for finite x; underflows to 0 below -745, overflows to +inf above 709.78.</summary>
    public static double Exp(double x)
    {
        if (x > 709.782712893384) return double.PositiveInfinity;
        if (x < -745.1332191019411) return 0.0;
        // x = k ln2 + r, |r| <= ln2/2.
        double kd = x * InvLn2;
        int k = (int)(kd < 0 ? kd - 0.5 : kd + 0.5);
        double hi = x - k * Ln2Hi;
        double lo = k * Ln2Lo;
        double r = hi - lo;
        double t = r * r;
        double c = r - t * (1.66666666666666019037e-01 + t * (-2.77777777770155933842e-03 + t * (6.61375632143793436117e-05
                   + t * (-1.65339022054652515390e-06 + t * 4.13813679705723846039e-08))));
        double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
        return ScaleByPowerOfTwo(y, k);
    }

    /// <summary>cos(2π u) for u in [0, 1].</summary>
    public static double CosTwoPi(double u)
    {
        // Nearest quarter turn q, remainder r in [-π/4, π/4]; u - q/4 is exact.
        int q = (int)(u * 4.0 + 0.5);
        double r = TwoPi * (u - q * 0.25);
        switch (q & 3)
        {
            case 0: return CosKernel(r);
            case 1: return -SinKernel(r);
            case 2: return -CosKernel(r);
            default: return SinKernel(r);
        }
    }

    private static double SinKernel(double x)
    {
        double z = x * x;
        double v = z * x;
        double r = 8.33333333332248946124e-03 + z * (-1.98412698298579493134e-04 + z * (2.75573137070700676789e-06
                   + z * (-2.50507602534068634195e-08 + z * 1.58969099521155010221e-10)));
        return x + v * (-1.66666666666666324348e-01 + z * r);
    }

    private static double CosKernel(double x)
    {
        double z = x * x;
        double r = z * (4.16666666666666019037e-02 + z * (-1.38888888888741095749e-03 + z * (2.48015872894767294178e-05
                   + z * (-2.75573143513906633035e-07 + z * (2.08757232129817482790e-09 + z * -1.13596475577881948265e-11)))));
        double hz = 0.5 * z;
        double w = 1.0 - hz;
        return w + (((1.0 - w) - hz) + z * r);
    }

    private static double ScaleByPowerOfTwo(double y, int k)
    {
        // Two steps keep 2^k representable for k in [-1074, 1024].
        int half = k / 2;
        return y * BitConverter.Int64BitsToDouble((long)(half + 1023) << 52)
                 * BitConverter.Int64BitsToDouble((long)(k - half + 1023) << 52);
    }
}
