using System.Globalization;

namespace GreatModel.Model;

/// <summary>
/// The affine map the sampler works through: x' = (x − centre)/scale, with a robust centre (the median)
/// and a scale that is a power of two near 1.4826·MAD (the normal-consistent median absolute deviation;
/// the MAD of the values off the median when more than half of them tie there). The prior p(μ, σ²) ∝ 1/σ² is
/// invariant under the map, so the posterior of (μ', σ'²) maps back to that of (μ, σ²) by
/// μ = centre + scale·μ' and σ² = scale²·σ'²: multiplications by powers of two, exact. Every quantity the
/// sweeps touch then stays near 1 whatever the data's magnitude (1e-300 or 1e300, or one 1e300 outlier).
/// </summary>
internal sealed class Standardization
{
    /// <summary>
    /// Scales accepted: σ² is reported as scale²·σ'², so a scale beyond 1e±150 would put σ² itself
    /// (and its posterior spread) outside what a double holds.
    /// </summary>
    public const double MinScale = 1e-150, MaxScale = 1e150;

    private Standardization(double centre, double scale)
    {
        Centre = centre;
        Scale = scale;
    }

    /// <summary>The median of the data.</summary>
    public double Centre { get; }

    /// <summary>A power of two near the data's robust spread.</summary>
    public double Scale { get; }

    /// <summary>The map for <paramref name="data"/>; refuses data whose spread σ² could not be reported.</summary>
    public static Standardization For(ObservedData data)
    {
        var order = data.Order;
        double centre = order.Median;
        double spread = 1.4826 * order.Mad;
        // More than half tied at the median: the MAD of the values that differ from it (robust to an
        // outlier, unlike a mean deviation); not all equal (ObservedData), so there is one.
        if (!(spread > 0)) spread = 1.4826 * order.NonZeroMad;
        if (!(spread >= MinScale && spread <= MaxScale))
        {
            throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                $"{data.Source}: the data's spread (1.4826·MAD = {spread:G3}) is beyond 1e±150, so sigma2 (about its square) cannot be held in a double; multiply the data by a power of ten and scale the results back"));
        }
        return new Standardization(centre, Math.ScaleB(1.0, Math.ILogB(spread)));
    }

    /// <summary>
    /// The farthest a standardized value is kept from the centre: 1e150 spreads. Farther observations are
    /// moved to ±1e150, which leaves the posterior the same in double precision: such a datum's likelihood
    /// factor (1 + d²/(νσ²))^(−(ν+1)/2) is σ^(ν+1)·|d|^(−(ν+1)) to a relative 1e-300 over any σ a double
    /// holds, and |d|, the same for every (μ, σ²) to a relative 1e-150, cancels in the normalisation.
    /// Without it (x − μ)² of a 1e300 outlier overflows and the sweep's sums turn NaN.
    /// </summary>
    public const double MaxStandardValue = 1e150;

    /// <summary>
    /// Refuses a run whose posterior would follow the observations held at ±<see cref="MaxStandardValue"/>.
    /// With k such observations at distance D, the posterior mass where σ reaches D is about
    /// D^(k(ν+1) − (n − 1)) of the mass near the rest of the data: negligible at D = 1e150 when
    /// n − 1 − k(ν + 1) ≥ 0.1, and then holding them changes nothing; otherwise the posterior follows
    /// them, its σ² (about D²·scale²) is beyond a double, and the run is refused.
    /// </summary>
    public void CheckFarObservations(ObservedData data, double nu, bool nuEstimated = false)
    {
        var far = data.Values.Where(v => !(Math.Abs((v - Centre) / Scale) <= MaxStandardValue)).ToList();
        // Held at ±1e150, far values on one side tie: the sweeps' posterior must stay proper with that tie.
        int tied = Math.Max(far.Count(v => v > Centre), far.Count(v => v < Centre));
        bool properHeld = tied < 2 || Properness.Margin(data.Count, tied, nu) >= Properness.MinimumMargin;
        if (far.Count == 0 || (properHeld && data.Count - 1 - (far.Count * (nu + 1)) >= 0.1)) return;
        if (!properHeld) // too small a ν for the tie the held values make (with ν estimated, only at its lower end)
        {
            throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                $"{data.Source}: {tied} observations lie over 1e150 spreads from the median on one side (e.g. {far[0]:G6}), held there they tie, and with nu = {nu} the posterior is improper with that tie; remove them, or fit with a larger {(nuEstimated ? "nu-min" : "nu")}"),
                remedyOption: nuEstimated ? nameof(SamplerOptions.NuMin) : "nu");
        }
        throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
            $"{data.Source}: {far.Count} observation(s) lie over 1e150 spreads from the median (e.g. {far[0]:G6}); with n = {data.Count} and nu = {nu} the posterior follows them (it needs n - 1 > k·(nu + 1) to set them aside), so sigma2 would be beyond a double; remove them, or fit with a smaller {(nuEstimated ? "nu-max" : "nu")}"), remedyOption: nuEstimated ? nameof(SamplerOptions.NuMax) : "nu");
    }

    /// <summary>x' = (x − centre)/scale, limited to ±<see cref="MaxStandardValue"/>.</summary>
    public double[] Apply(IReadOnlyList<double> values)
    {
        var x = new double[values.Count];
        for (int i = 0; i < x.Length; i++)
            x[i] = Math.Clamp((values[i] - Centre) / Scale, -MaxStandardValue, MaxStandardValue);
        return x;
    }

    /// <summary>μ' for a μ in data units.</summary>
    public double ToStandard(double mu) => (mu - Centre) / Scale;

    /// <summary>μ = centre + scale·μ'.</summary>
    public double Mu(double standardMu) => Centre + (Scale * standardMu);

    /// <summary>A squared scale (α², σ²) in data units: scale²·v, as scale·(scale·v) to stay in range.</summary>
    public double Squared(double standardValue) => Scale * (Scale * standardValue);

    /// <summary>A squared scale in standard units: v/scale².</summary>
    public double ToStandardSquared(double value) => value / Scale / Scale;
}
