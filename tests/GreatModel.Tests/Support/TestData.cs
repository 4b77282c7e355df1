using GreatModel.Data;
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

    /// <summary>The talk's data with ν estimated under the default prior on [1, 1e6].</summary>
    public static ExactPosteriorWithNu TalkExactNu { get; } = ExactPosteriorWithNu.Compute(Talk.Values, NuPrior.Default, 1, 1e6, 6, TalkExact);

    /// <summary>The outliers data with ν estimated under the default prior on [1, 1e6] (its posterior reaches down to ν = 1).</summary>
    public static ExactPosteriorWithNu OutliersExactNu { get; } = ExactPosteriorWithNu.Compute(Outliers.Values, NuPrior.Default, 1, 1e6, 3, OutliersExact);
}
