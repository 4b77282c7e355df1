namespace GreatModel.Cli.Bench;

/// <summary>
/// The talk's NumPy sampler (benchmarks/numpy/gibbs_numpy.py, embedded in this program) run by the first
/// python3 that has numpy: a baseline measured on the same machine in the same run.
/// </summary>
internal sealed class NumPyBaseline : ExternalBaseline
{
    /// <summary>The row's name.</summary>
    public const string RowName = "numpy";

    private NumPyBaseline(string python, string script, string version)
        : base(RowName, python, [script], $"numpy {version}, vectorised over chains × data")
    {
    }

    /// <summary>Null (with the reason) when no python3 with numpy is found.</summary>
    public static NumPyBaseline? Find(string workFolder, out string why)
    {
        foreach (string python in new[] { "python3", "/usr/bin/python3", "python" })
        {
            var (code, output) = Execute(python, ["-c", "import numpy; print(numpy.__version__)"], TimeSpan.FromSeconds(30));
            if (code != 0) continue;
            why = "";
            return new NumPyBaseline(python, Unpack("gibbs_numpy.py", workFolder), output.Trim());
        }
        why = "no python3 with numpy found (Debian: apt install python3-numpy)";
        return null;
    }
}
