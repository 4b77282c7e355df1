using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GreatModel.Data;

namespace GreatModel.Cli.Bench;

/// <summary>
/// The talk's NumPy sampler (benchmarks/numpy/gibbs_numpy.py, embedded in this program) run by the first
/// python3 that has numpy: a baseline measured on the same machine in the same run.
/// </summary>
internal sealed class NumPyBaseline
{
    private readonly string _python;
    private readonly string _script;

    private NumPyBaseline(string python, string script, string version)
    {
        _python = python;
        _script = script;
        Version = version;
    }

    public string Version { get; }

    /// <summary>Null (with the reason) when no python3 with numpy is found.</summary>
    public static NumPyBaseline? Find(string workFolder, out string why)
    {
        foreach (string python in new[] { "python3", "/usr/bin/python3", "python" })
        {
            var (code, output) = Execute(python, ["-c", "import numpy; print(numpy.__version__)"], TimeSpan.FromSeconds(30));
            if (code != 0) continue;
            string script = Path.Combine(workFolder, "gibbs_numpy.py");
            using (var resource = typeof(NumPyBaseline).Assembly.GetManifestResourceStream("gibbs_numpy.py")!)
            using (var file = File.Create(script))
                resource.CopyTo(file);
            why = "";
            return new NumPyBaseline(python, script, output.Trim());
        }
        why = "no python3 with numpy found (Debian: apt install python3-numpy)";
        return null;
    }

    /// <summary>Runs the cell; returns wall seconds (of the sweeps alone, as timed by the script) and the draws.</summary>
    public (double Seconds, double[][] Mu, double[][] Sigma2) Run(BenchCell cell, double[] data, double nu, ulong seed, string workFolder)
    {
        string dataPath = Path.Combine(workFolder, "numpy_data.txt");
        string drawsPath = Path.Combine(workFolder, "numpy_draws.csv");
        File.WriteAllLines(dataPath, data.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        var (code, output) = Execute(_python, [_script, dataPath, F(nu), F(cell.Chains), F(cell.BurnIn), F(cell.Samples), F(seed % int.MaxValue), drawsPath],
            TimeSpan.FromHours(1));
        if (code != 0) throw new InvalidOperationException($"the NumPy baseline failed: {output.Trim()}");
        double seconds = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.GetProperty("seconds").GetDouble();
        var draws = DrawsFileReader.Read([drawsPath], "mu", "sigma2");
        return (seconds, draws["mu"], draws["sigma2"]);
    }

    private static string F<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static (int Code, string Output) Execute(string program, string[] arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(limit))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "timed out");
            }
            return (process.ExitCode, process.ExitCode == 0 ? stdout : stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message); // no such program
        }
    }
}
