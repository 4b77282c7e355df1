using System.Globalization;
using GreatModel.Model;

namespace GreatModel.Data;

/// <summary>The built-in example: the talk's simulated set, shipped inside the library.</summary>
public static class ExampleData
{
    public const int N = 500;
    public const double Nu = 6, TrueMu = -3.14, TrueSigma2 = 30;
    public const ulong Seed = 1;

    /// <summary>The name messages and summaries give the example.</summary>
    public const string Source = "built-in example";

    /// <summary>How the shipped file was made (its first line); `greatmodel simulate` with these options remakes it.</summary>
    public static readonly string Provenance = string.Create(CultureInfo.InvariantCulture,
        $"greatmodel simulate --n {N} --nu {Nu} --mu {TrueMu} --sigma2 {TrueSigma2} --seed {Seed}");

    /// <summary>Reads the shipped file the way <c>--data</c> reads any file.</summary>
    public static ObservedData Load()
    {
        using var stream = typeof(ExampleData).Assembly.GetManifestResourceStream("GreatModel.example.csv")
            ?? throw new InvalidOperationException("the built-in example data set is missing from the assembly");
        using var reader = new StreamReader(stream);
        return DataFileReader.Read(reader, Source);
    }
}
