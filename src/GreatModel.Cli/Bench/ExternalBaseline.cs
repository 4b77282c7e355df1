using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;

namespace GreatModel.Cli.Bench;

/// <summary>
/// A sampler outside this program run on the same machine in the same bench run: NumPy (<see cref="NumPyBaseline"/>)
/// and the compiled peer (<see cref="CompiledPeerBaseline"/>). Both take <c>DATA.txt NU CHAINS BURN_IN SAMPLES SEED
/// OUT.csv</c>, time their own sweeps, print <c>{"seconds": …}</c> as their last line and write chain,draw,mu,sigma2.
/// </summary>
internal abstract class ExternalBaseline(string name, string program, IReadOnlyList<string> leadingArguments, string note)
{
    /// <summary>The row's name in the tables.</summary>
    public string Name { get; } = name;

    /// <summary>What ran (tool and version), for the tables' note column.</summary>
    public string Note { get; } = note;

    /// <summary>Runs the cell; returns wall seconds (of the sweeps alone, as timed by the program) and the draws.</summary>
    public (double Seconds, double[][] Mu, double[][] Sigma2) Run(BenchCell cell, double[] data, double nu, ulong seed, string workFolder)
    {
        string dataPath = Path.Combine(workFolder, Name + "_data.txt");
        string drawsPath = Path.Combine(workFolder, Name + "_draws.csv");
        File.WriteAllLines(dataPath, data.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        var (code, output) = Execute(program, [.. leadingArguments, dataPath, F(nu), F(cell.Chains), F(cell.BurnIn), F(cell.Samples), F(seed % int.MaxValue), drawsPath],
            TimeSpan.FromHours(1));
        if (code != 0) throw new InvalidOperationException($"the {Name} baseline failed: {output.Trim()}");
        double seconds = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.GetProperty("seconds").GetDouble();
        var draws = DrawsFileReader.Read([drawsPath], "mu", "sigma2");
        return (seconds, draws["mu"], draws["sigma2"]);
    }

    /// <summary>Writes the embedded resource <paramref name="name"/> into <paramref name="folder"/>; returns its path.</summary>
    internal static string Unpack(string name, string folder)
    {
        string path = Path.Combine(folder, name);
        using var resource = typeof(ExternalBaseline).Assembly.GetManifestResourceStream(name)!;
        using var file = File.Create(path);
        resource.CopyTo(file);
        return path;
    }

    private static string F<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>Runs a program to its end (or <paramref name="limit"/>): exit code and standard output, or standard error on failure.</summary>
    internal static (int Code, string Output) Execute(string program, IReadOnlyList<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            // Both streams read asynchronously, so a program that hangs is killed at the limit (a blocking read of
            // its output would wait for it forever).
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(limit))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "timed out");
            }
            return (process.ExitCode, process.ExitCode == 0 ? stdout.Result : stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message); // no such program
        }
    }
}
