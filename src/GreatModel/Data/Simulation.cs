using System.Globalization;
using GreatModel.Model;
using GreatModel.Random;
using MathNet.Numerics.Distributions;

namespace GreatModel.Data;

/// <summary>The talk's data: x = mu + z·sqrt(sigma2·nu/c), z ~ N(0,1), c ~ χ²_ν, i.e. x ~ t_ν(mu, sigma2).</summary>
public static class Simulation
{
    public static double[] StudentT(int n, double nu, double mu, double sigma2, ulong seed)
    {
        if (n < 1) throw new InvalidInputException($"--n {n}: must be at least 1");
        if (!double.IsFinite(nu) || nu <= 0) throw Bad("nu", nu, "must be a finite number > 0");
        if (!double.IsFinite(mu)) throw Bad("mu", mu, "must be finite");
        if (!double.IsFinite(sigma2) || sigma2 <= 0) throw Bad("sigma2", sigma2, "must be a finite number > 0");
        var rng = new PhiloxRandomSource(seed, 0, RandomStream.Simulation);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = Normal.Sample(rng, 0, 1);
            double c = ScalarUpdates.ChiSquare(rng, nu);
            x[i] = mu + (z * Math.Sqrt(sigma2 * nu / c));
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

    private static InvalidInputException Bad(string option, double value, string rule) =>
        new(string.Create(CultureInfo.InvariantCulture, $"--{option} {value}: {rule}"));
}
