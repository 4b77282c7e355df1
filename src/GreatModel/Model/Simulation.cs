using System.Globalization;
using GreatModel.Model;
using GreatModel.Random;
using MathNet.Numerics.Distributions;

namespace GreatModel.Model;

/// <summary>The talk's data: x = mu + z·sqrt(sigma2·nu/c), z ~ N(0,1), c ~ χ²_ν, i.e. x ~ t_ν(mu, sigma2).</summary>
public static class Simulation
{
    /// <summary>n draws of t_ν(μ, σ²) from the seed's simulation stream.</summary>
    /// <param name="n">Number of values. Range: n ≥ 1.</param>
    /// <param name="nu">Degrees of freedom. Range: finite, ν &gt; 0.</param>
    /// <param name="mu">Location. Range: finite.</param>
    /// <param name="sigma2">Scale². Range: finite, σ² &gt; 0.</param>
    /// <param name="seed">Any 64-bit seed.</param>
    /// <exception cref="OptionOutOfRangeException">An argument is out of its range (named by its parameter name).</exception>
    public static double[] StudentT(int n, double nu, double mu, double sigma2, ulong seed)
    {
        if (n < 1) throw new OptionOutOfRangeException(nameof(n), n, "must be at least 1");
        if (!double.IsFinite(nu) || nu <= 0) throw new OptionOutOfRangeException(nameof(nu), nu, "must be a finite number > 0");
        if (!double.IsFinite(mu)) throw new OptionOutOfRangeException(nameof(mu), mu, "must be finite");
        if (!double.IsFinite(sigma2) || sigma2 <= 0) throw new OptionOutOfRangeException(nameof(sigma2), sigma2, "must be a finite number > 0");
        var rng = new PhiloxRandomSource(seed, 0, RandomStream.Simulation);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = Normal.Sample(rng, 0, 1);
            double c = ScalarUpdates.ChiSquare(rng, nu);
            x[i] = mu + (z * Math.Sqrt(sigma2 * nu / c));
            // A tiny ν makes χ²_ν underflow and the draw infinite; a fit could not read such data back.
            if (!double.IsFinite(x[i]))
            {
                throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                    $"simulated value {i + 1} is {x[i]}: with nu = {nu} and sigma2 = {sigma2} the t draws leave the double range; use a larger nu or a smaller sigma2"), remedyOption: nameof(nu));
            }
        }
        if (n >= 2 && x.All(v => v == x[0]))
        {
            throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                $"all {n} simulated values equal {x[0]}: a spread of sqrt(sigma2) = {Math.Sqrt(sigma2):G3} is below what doubles resolve at mu = {mu}"), remedyOption: nameof(sigma2));
        }
        return x;
    }

    /// <summary>Writes one value per line under a comment that records how the data were made.</summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<double> x, string provenance)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine($"# {provenance}");
        writer.WriteLine("x");
        foreach (double v in x) writer.WriteLine(v.ToString("R", CultureInfo.InvariantCulture));
    }
}
