using GreatModel.Files.Input;
using GreatModel.Model;

namespace GreatModel.Tests.Support;

public static class TestData
{
    /// <summary>The talk's data set (the built-in example, n = 500, ν = 6).</summary>
    public static ObservedData Talk { get; } = ExampleData.Load();

    /// <summary>Heavy tails with gross outliers: t₃ data (n = 150) plus six points 40–200 away.</summary>
    public static ObservedData Outliers { get; } = new(
        Simulation.StudentT(150, 3, 10, 4, seed: 7).Concat([50.0, -30.0, 90.0, 210.0, -150.0, 60.0]), "outliers");

    public static ExactPosterior TalkExact { get; } = ExactPosterior.Compute(Talk.Values, 6);

    public static ExactPosterior OutliersExact { get; } = ExactPosterior.Compute(Outliers.Values, 3);

    /// <summary>Cauchy data (t₁, n = 120): with ν estimated on [0.3, 1e6] its posterior reaches below ν = 1 (the gamma boost).</summary>
    public static ObservedData Cauchy { get; } = new(Simulation.StudentT(120, 1, 2, 1, seed: 31), "cauchy");

    /// <summary>The Cauchy data with ν estimated under the default prior on [0.3, 1e6].</summary>
    public static ExactPosteriorWithNu CauchyExactNu { get; } =
        ExactPosteriorWithNu.Compute(Cauchy.Values, NuPrior.Default, 0.3, 1e6, 1, ExactPosterior.Compute(Cauchy.Values, 1));

    /// <summary>The talk's data with ν estimated under the default prior on [1, 1e6].</summary>
    public static ExactPosteriorWithNu TalkExactNu { get; } = ExactPosteriorWithNu.Compute(Talk.Values, NuPrior.Default, 1, 1e6, 6, TalkExact);

    /// <summary>The outliers data with ν estimated under the default prior on [1, 1e6] (its posterior reaches down to ν = 1).</summary>
    public static ExactPosteriorWithNu OutliersExactNu { get; } = ExactPosteriorWithNu.Compute(Outliers.Values, NuPrior.Default, 1, 1e6, 3, OutliersExact);
}
