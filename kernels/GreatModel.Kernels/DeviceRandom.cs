namespace GreatModel.Kernels;

/// <summary>Normal and gamma draws from Philox blocks; plain arithmetic, callable from any kernel.</summary>
public static class DeviceRandom
{
    /// <summary>
    /// Box–Muller standard normal from one block: √(-2 ln u1)·cos(2π u2), u1 from words 0–1 (52 bits),
    /// u2 from word 2 (32 bits); word 3 is left for the caller (the gamma trial's acceptance uniform).
    /// Vector twin: Backends/Simd/VectorSweep.Normal.
    /// </summary>
    /// <param name="b">A Philox output block.</param>
    /// <returns>A standard normal draw, |z| &lt; 8.6 (u1 ≥ 2^-53).</returns>
    public static double StandardNormal(Block128 b) =>
        Math.Sqrt(-2.0 * PortableMath.Log(Philox4x32.OpenUniform53(b.X0, b.X1)))
        * PortableMath.CosTwoPi(Philox4x32.OpenUniform32(b.X2));

    /// <summary>
    /// χ²_k, k = ν + 1, the latent draw of MODEL.md step 1, as every kernel makes it: in single precision
    /// (<see cref="SingleRandom.LoopFreeChiSquared(ChiSquaredShape, DrawSite, int)"/>) when asked, else <see cref="LoopFreeChiSquared(ChiSquaredShape, DrawSite)"/> when
    /// <paramref name="k"/> says so, else 2·<see cref="Gamma(GammaShape, DrawSite, uint)"/>.
    /// </summary>
    /// <param name="k">How χ²_k is drawn, <see cref="ChiSquaredShape.For"/>.</param>
    /// <param name="site">The draw's key and counter words 0–2.</param>
    /// <param name="singleVariates">1: single precision (needs the loop-free sum); 0: double.</param>
    /// <param name="firstTrial">Marsaglia–Tsang's first trial to run (the SIMD path has seen the earlier ones reject); the loop-free sums ignore it.</param>
    /// <param name="deviceMath">1: the loop-free sums take the device's functions (<see cref="SweepParameters.DeviceMath"/>): in single precision the hardware's log and cosine, in double <see cref="DeviceDoubleMath"/>'s.</param>
    /// <returns>A χ²_k draw. Range: ≥ 0.</returns>
    public static double ChiSquared(ChiSquaredShape k, DrawSite site, int singleVariates = 0, uint firstTrial = CounterSpace.DeviceTrialFirst, int deviceMath = 0) =>
        singleVariates != 0 ? SingleRandom.LoopFreeChiSquared(k, site, deviceMath)
        : k.LoopFreeDegrees > 0 ? LoopFreeChiSquared(k, site, deviceMath)
        : 2.0 * Gamma(k.Gamma, site, firstTrial);

    /// <summary>
    /// χ²_k for an integer k as the exact sum χ²_k = -2·(log(u₁⋯u_m) + log(r)·cos²(2πθ)), m = ⌊k/2⌋: the first
    /// term is m exponentials (χ²_2 each), the second z² of a Box–Muller normal (only when k is odd). Words
    /// in order from blocks <see cref="CounterSpace.DeviceTrialFirst"/>, +1, ...: for odd k, r from words 0–1
    /// (52 bits) and θ from word 2 of block 0; then u₁, u₂, ... one 32-bit word each. No rejection: every
    /// draw takes the same work (⌈(3 + m)/4⌉ blocks for odd k, ⌈m/4⌉ for even). Vector twin:
    /// Backends/Simd/VectorSweep (the loop-free flush), the same operations in the same order.
    /// </summary>
    /// <param name="k">Its <see cref="ChiSquaredShape.LoopFreeDegrees"/> is k. Range: 1 ≤ k ≤ <see cref="ChiSquaredShape.LoopFreeMaxDegrees"/>.</param>
    /// <param name="site">The draw's key and counter words 0–2.</param>
    /// <returns>A χ²_k draw. Range: ≥ 0.</returns>
    public static double LoopFreeChiSquared(ChiSquaredShape k, DrawSite site) => LoopFreeChiSquared(k, site, deviceMath: 0);

    /// <summary>As above, with <see cref="DeviceDoubleMath"/>'s log and cos² when <paramref name="deviceMath"/> is 1 (CUDA's path, <see cref="SweepParameters.DeviceMath"/>): the same words, the same sum.</summary>
    /// <param name="k">Its <see cref="ChiSquaredShape.LoopFreeDegrees"/> is k. Range: 1 ≤ k ≤ <see cref="ChiSquaredShape.LoopFreeMaxDegrees"/>.</param>
    /// <param name="site">The draw's key and counter words 0–2.</param>
    /// <param name="deviceMath">1: <see cref="DeviceDoubleMath.Log"/> and <see cref="DeviceDoubleMath.CosSquaredTwoPi"/>; 0: <see cref="PortableMath"/>'s.</param>
    /// <returns>A χ²_k draw. Range: ≥ 0.</returns>
    public static double LoopFreeChiSquared(ChiSquaredShape k, DrawSite site, int deviceMath)
    {
        uint block = CounterSpace.DeviceTrialFirst;
        Block128 b = site.Block(block);
        double normalTerm = 0.0;
        int wordsLeft = 4; // the block's words not yet used, from X0 on (each use shifts the next into X0)
        if (k.HasNormal)
        {
            double theta = Philox4x32.OpenUniform32(b.X2);
            double logR = LogOf(Philox4x32.OpenUniform53(b.X0, b.X1), deviceMath);
            if (deviceMath != 0)
            {
                normalTerm = logR * DeviceDoubleMath.CosSquaredTwoPi(theta);
            }
            else
            {
                double cos = PortableMath.CosTwoPi(theta);
                normalTerm = logR * cos * cos;
            }
            b = new Block128(b.X3, 0, 0, 0); // words 0–2 drew the normal's r and θ; word 3 is next
            wordsLeft = 1;
        }
        double product = 1.0;
        for (int i = 0; i < k.UniformCount; i++)
        {
            if (wordsLeft == 0)
            {
                b = site.Block(++block);
                wordsLeft = 4;
            }
            product *= Philox4x32.OpenUniform32(b.X0);
            b = b.Shifted();
            wordsLeft--;
        }
        return -2.0 * (LogOf(product, deviceMath) + normalTerm);
    }

    /// <summary>ln x by <see cref="DeviceDoubleMath.Log"/> or <see cref="PortableMath.Log"/>.</summary>
    private static double LogOf(double x, int deviceMath) => deviceMath != 0 ? DeviceDoubleMath.Log(x) : PortableMath.Log(x);

    /// <summary>
    /// Gamma(shape, 1) by Marsaglia &amp; Tsang (2000). Trial t uses block t: its first three words give
    /// the normal, the fourth the acceptance uniform (<see cref="GammaShape.Accepts"/>). Shapes below 1 use
    /// the boost with block <see cref="DrawSite.BoostBlock"/>.
    /// </summary>
    /// <param name="g">The shape's constants, <see cref="GammaShape.For"/>.</param>
    /// <param name="site">The draw's key and counter words 0–2.</param>
    /// <returns>A Gamma(shape, 1) draw. Range: &gt; 0 (it may underflow to 0 for shapes far below 1).</returns>
    public static double Gamma(GammaShape g, DrawSite site) => Gamma(g, site, firstTrial: CounterSpace.DeviceTrialFirst);

    /// <summary>
    /// <see cref="Gamma(GammaShape, DrawSite)"/> for a caller that has already seen trials before
    /// <paramref name="firstTrial"/> reject (the SIMD path tries trial 0 four lanes at a time).
    /// </summary>
    /// <param name="g">The shape's constants, <see cref="GammaShape.For"/>.</param>
    /// <param name="site">The draw's key and counter words 0–2.</param>
    /// <param name="firstTrial">The first trial to run. Range: in <see cref="CounterSpace.DeviceTrials"/>.</param>
    /// <returns>The same draw as <see cref="Gamma(GammaShape, DrawSite)"/> when the trials before firstTrial reject.</returns>
    public static double Gamma(GammaShape g, DrawSite site, uint firstTrial)
    {
        double d = g.D, c = g.C;
        double result = 0.0;
        for (uint trial = firstTrial; ; trial++)
        {
            Block128 b = site.Block(trial);
            double x = StandardNormal(b);
            double v = 1.0 + c * x;
            if (v <= 0.0) continue;
            v = v * v * v;
            if (g.Accepts(x, v, Philox4x32.OpenUniform32(b.X3)))
            {
                result = d * v;
                break;
            }
        }
        if (g.BoostExponent > 0.0)
        {
            Block128 boost = site.Block(DrawSite.BoostBlock);
            double ub = Philox4x32.OpenUniform53(boost.X0, boost.X1);
            result *= g.BoostFactor(ub);
        }
        return result;
    }
}
