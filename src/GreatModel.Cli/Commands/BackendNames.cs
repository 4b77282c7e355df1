namespace GreatModel.Cli.Commands;

/// <summary>The command-line spelling of each backend.</summary>
internal static class BackendNames
{
    private static readonly Dictionary<string, Backend> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["auto"] = Backend.Auto,
        ["cuda"] = Backend.Cuda,
        ["opencl"] = Backend.OpenCL,
        ["ilgpu-cpu"] = Backend.IlgpuCpu,
        ["cpu"] = Backend.Cpu,
        ["cpu-fast"] = Backend.CpuFast,
        ["reference"] = Backend.Reference,
    };

    public static string All => string.Join("|", ByName.Keys);

    public static string Name(Backend backend) => ByName.First(pair => pair.Value == backend).Key;

    public static Backend Parse(string name) => ByName.TryGetValue(name, out var b)
        ? b
        : throw new InvalidInputException($"--backend {name}: unknown backend (one of {All})");
}
