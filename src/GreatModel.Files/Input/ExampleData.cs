using GreatModel.Model;

namespace GreatModel.Files.Input;

/// <summary>The built-in example: the talk's simulated set, shipped inside the library.</summary>
public static class ExampleData
{
    /// <summary>n = 500 observations.</summary>
    public const int N = 500;

    /// <summary>The ν the data were simulated with (6).</summary>
    public const double Nu = 6;

    /// <summary>The true μ (−3.14).</summary>
    public const double TrueMu = -3.14;

    /// <summary>The true σ² (30).</summary>
    public const double TrueSigma2 = 30;

    /// <summary>The simulation seed (1): <see cref="Simulation.StudentT"/> with these values remakes the data (the file's first line records the command).</summary>
    public const ulong Seed = 1;

    /// <summary>The name messages and summaries give the example.</summary>
    public const string Source = "built-in example";

    /// <summary>Reads the shipped file through <see cref="DataFileReader"/>, as any data file is read.</summary>
    public static ObservedData Load()
    {
        using var stream = typeof(ExampleData).Assembly.GetManifestResourceStream("GreatModel.example.csv")
            ?? throw new InvalidOperationException("the built-in example data set is missing from the assembly");
        using var reader = new StreamReader(stream);
        return DataFileReader.Read(reader, Source);
    }
}
