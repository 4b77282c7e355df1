namespace GreatModel.Cli.Commands;

/// <summary>The <c>--device-math</c> option of fit: CUDA's device path (<see cref="SamplerOptions.DeviceMath"/>).</summary>
internal static class DeviceMathOption
{
    /// <summary>The choice named <paramref name="name"/> (auto, on or off, any case): null, true or false; else a one-line error.</summary>
    public static bool? Parse(string name) => name.ToLowerInvariant() switch
    {
        "auto" => null,
        "on" => true,
        "off" => false,
        _ => throw new InvalidInputException($"--device-math {name}: unknown choice (auto, on or off)"),
    };
}
