using MathNet.Numerics.Distributions;

namespace GreatModel.Model;

/// <summary>
/// The ridge move's proposal (MODEL.md, "The ridge move"): a Student t with <see cref="DegreesOfFreedom"/> degrees of
/// freedom in (μ, log ν, log σ²), located at a chain's burn-in mean with its burn-in covariance as scale matrix S = L·Lᵀ
/// (so the proposal's own covariance is k/(k − 2)·S = 4/3·S: wider than the posterior, with heavier tails, as an independence proposal
/// must be). Immutable once fitted; a checkpoint holds it as <see cref="ToArray"/>'s numbers.
/// </summary>
internal sealed class RidgeProposal
{
    /// <summary>
    /// The proposal's degrees of freedom: 8. Tails heavy enough to cover a posterior the burn-in saw only in part, yet close
    /// enough to the posterior's shape to be accepted often: measured on the talk's data and Newcomb's (4 chains × 2000, three
    /// seeds each), 8 gave the best smallest ESS per draw over μ, σ², ν, bulk and tail (0.58 against 0.51 for 4; 16 and 30
    /// were accepted more often but lost ν's tail ESS, down to 0.19). An even number, so that χ²_k is a sum of k/2
    /// exponentials: no rejection loop.
    /// </summary>
    public const double DegreesOfFreedom = 8;

    /// <summary>
    /// The share of proposals drawn from the wide component, whose scale is <see cref="WideScale"/> times the fitted one:
    /// a posterior skewed away from the fit (ν's right tail on the talk's data) is still reached often enough that a chain
    /// there is not stuck. Measured (5 seeds each, burn-in 500 and 1000): the smallest ESS per draw over μ, σ², ν, bulk and
    /// tail on the talk's data went from 0.42–0.56 to 0.54–0.65, Newcomb's stayed at 0.66–0.78.
    /// </summary>
    public const double WideShare = 0.2;

    /// <summary>The wide component's scale relative to the fitted one (its covariance 2.25 times).</summary>
    public const double WideScale = 1.5;

    /// <summary>Fewest burn-in points a fit uses: below, the moments say too little and the random walk goes on.</summary>
    public const long MinPoints = 20;

    private const int Dimension = RidgeMoments.Dimension;

    /// <summary>Numbers in <see cref="ToArray"/>: the location, then L's lower triangle row by row.</summary>
    public const int Length = Dimension + (Dimension * (Dimension + 1) / 2);

    /// <summary>
    /// Smallest variance of a coordinate (an sd of 0.1% in ν or σ², 0.001 data scales in μ): a chain whose ν sat at a bound of
    /// a narrow range has a variance near zero, and a proposal that never leaves a point would never move.
    /// </summary>
    private const double MinVariance = 1e-6;

    /// <summary>
    /// How far the correlation matrix is drawn towards the identity, (1 − s)·R + s·I: its smallest eigenvalue is then at
    /// least s, so the Cholesky factor exists and is well conditioned whatever the burn-in saw.
    /// </summary>
    private const double Shrinkage = 1e-3;

    private readonly double[] _mean;
    private readonly double[] _cholesky; // L, row-major lower triangle (RidgeMoments.Index)

    private RidgeProposal(double[] mean, double[] cholesky) => (_mean, _cholesky) = (mean, cholesky);

    /// <summary>The proposal fitted to <paramref name="moments"/>; null when they hold fewer than <see cref="MinPoints"/> points.</summary>
    public static RidgeProposal? Fit(RidgeMoments moments)
    {
        if (moments.Count < MinPoints) return null;
        var sd = new double[Dimension];
        for (int i = 0; i < Dimension; i++) sd[i] = Math.Sqrt(Math.Max(MinVariance, moments.Covariance(i, i)));
        var scale = new double[Dimension * (Dimension + 1) / 2];
        for (int i = 0; i < Dimension; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double correlation = Math.Clamp(moments.Covariance(i, j) / (sd[i] * sd[j]), -1, 1);
                scale[RidgeMoments.Index(i, j)] = (1 - Shrinkage) * correlation * sd[i] * sd[j];
            }
            scale[RidgeMoments.Index(i, i)] = sd[i] * sd[i];
        }
        return new([.. Enumerable.Range(0, Dimension).Select(moments.Mean)], Cholesky(scale));
    }

    /// <summary>
    /// A draw m + c·L·z·√(k/w): the component first (c = <see cref="WideScale"/> with probability <see cref="WideShare"/>,
    /// else 1), then z standard normals (MathNet) and w ~ χ²_k drawn as −2·log(u₁···u_{k/2}) (exact for even k), so the
    /// stream's use is fixed but for the normals' polar method.
    /// </summary>
    /// <param name="rng">The chain's host stream.</param>
    /// <param name="point">Receives (μ, log ν, log σ²).</param>
    public void Draw(System.Random rng, Span<double> point)
    {
        Span<double> z = stackalloc double[Dimension];
        for (int i = 0; i < Dimension; i++) z[i] = Normal.Sample(rng, 0, 1);
        bool wide = rng.NextDouble() < WideShare; // which component: drawn first, whatever follows
        double product = 1;
        for (int i = 0; i < DegreesOfFreedom / 2; i++) product *= 1 - rng.NextDouble(); // uniforms on (0, 1]
        double chiSquare = -2 * Math.Log(product);
        double stretch = Math.Sqrt(DegreesOfFreedom / chiSquare) * (wide ? WideScale : 1);
        for (int i = 0; i < Dimension; i++)
        {
            double sum = 0;
            for (int j = 0; j <= i; j++) sum += _cholesky[RidgeMoments.Index(i, j)] * z[j];
            point[i] = _mean[i] + (sum * stretch);
        }
    }

    /// <summary>
    /// log q(point) up to its constant: of the mixture (1 − w)·t_k(m, S) + w·t_k(m, c²S), w = <see cref="WideShare"/>,
    /// c = <see cref="WideScale"/>; a component's log density is −((k + d)/2)·log(1 + δ²/(c²k)) − d·log c,
    /// δ² = |L⁻¹(point − m)|², d = 3.
    /// </summary>
    public double LogDensity(ReadOnlySpan<double> point)
    {
        Span<double> v = stackalloc double[Dimension];
        double squared = 0;
        for (int i = 0; i < Dimension; i++)
        {
            double rest = point[i] - _mean[i];
            for (int j = 0; j < i; j++) rest -= _cholesky[RidgeMoments.Index(i, j)] * v[j];
            v[i] = rest / _cholesky[RidgeMoments.Index(i, i)];
            squared += v[i] * v[i];
        }
        double narrow = -0.5 * (DegreesOfFreedom + Dimension) * Math.Log(1 + (squared / DegreesOfFreedom));
        double wide = (-0.5 * (DegreesOfFreedom + Dimension) * Math.Log(1 + (squared / (WideScale * WideScale * DegreesOfFreedom)))) - (Dimension * Math.Log(WideScale));
        double top = Math.Max(narrow, wide); // log-sum-exp: neither term underflows alone
        return top + Math.Log(((1 - WideShare) * Math.Exp(narrow - top)) + (WideShare * Math.Exp(wide - top)));
    }

    /// <summary>The location, then L's lower triangle row by row: <see cref="Length"/> numbers.</summary>
    public double[] ToArray() => [.. _mean, .. _cholesky];

    /// <summary>The proposal from <see cref="ToArray"/>'s numbers; null when they are not <see cref="Length"/> finite numbers with L's diagonal &gt; 0.</summary>
    public static RidgeProposal? FromArray(IReadOnlyList<double>? values)
    {
        if (values is not { Count: Length } || !values.All(double.IsFinite)) return null;
        var cholesky = values.Skip(Dimension).ToArray();
        for (int i = 0; i < Dimension; i++)
        {
            if (!(cholesky[RidgeMoments.Index(i, i)] > 0)) return null;
        }
        return new(values.Take(Dimension).ToArray(), cholesky);
    }

    /// <summary>The lower Cholesky factor of a positive definite matrix given by its lower triangle (row-major).</summary>
    private static double[] Cholesky(double[] a)
    {
        var l = new double[a.Length];
        for (int i = 0; i < Dimension; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[RidgeMoments.Index(i, j)];
                for (int k = 0; k < j; k++) sum -= l[RidgeMoments.Index(i, k)] * l[RidgeMoments.Index(j, k)];
                l[RidgeMoments.Index(i, j)] = i == j ? Math.Sqrt(sum) : sum / l[RidgeMoments.Index(j, j)];
            }
        }
        return l;
    }
}
