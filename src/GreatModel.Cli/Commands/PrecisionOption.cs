namespace GreatModel.Cli.Commands;

/// <summary>The <c>--precision</c> option of fit and bench.</summary>
internal static class PrecisionOption
{
    /// <summary>The precision named <paramref name="name"/> (double or single, any case), or a one-line error.</summary>
    public static Precision Parse(string name) => name.ToLowerInvariant() switch
    {
        "double" => Precision.Double,
        "single" => Precision.Single,
        _ => throw new InvalidInputException($"--precision {name}: unknown precision (double or single)"),
    };
}
