using System.Globalization;
using System.Text;
using GreatModel.Backends;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Sampling;

/// <summary>
/// Committed draws pin every backend's behaviour bit for bit: a change that should not alter the draws
/// (a refactoring, a faster loop) reproduces them exactly. A change that alters them on purpose
/// regenerates them (<c>GREATMODEL_REGENERATE_GOLDEN=1 dotnet test -c Release --filter GoldenDraws</c>
/// writes the files into the source tree) and says why in its commit.
/// </summary>
[Collection(IlgpuCollection.Name)]
public class GoldenDrawsTests
{
    /// <summary>
    /// ν = 6 (the talk), ν = 0.5 (gamma shape below 1: the boost path), ν = 1.5 (frequent rejections), and ν estimated
    /// (each chain its own shape, S3, the ν draw and the marginal move; file <c>BACKEND-nu-estimated.csv</c>).
    /// </summary>
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (string backend in BackendRegistry.All.Where(b => !b.NeedsDevice).Select(b => b.Name))
        {
            foreach (string nu in new[] { "6", "0.5", "1.5", Estimated })
                cases.Add(backend, nu);
        }
        return cases;
    }

    private const string Estimated = "-estimated";

    // n = 5000: two tiles, the second partial, so the tile reduction order is pinned too.
    private static readonly ObservedData Data = new(Simulation.StudentT(5000, 4, 1.5, 2, seed: 21), "golden");

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackendReproducesItsGoldenDraws(string backend, string nu)
    {
        var fit = Sampler.Run(Data, new SamplerOptions
        {
            Nu = nu == Estimated ? SamplerOptions.DefaultNu : double.Parse(nu, CultureInfo.InvariantCulture),
            EstimateNu = nu == Estimated,
            Chains = 3,
            // With ν estimated a burn-in of 80 lets the ridge move fit its proposal twice (at 40 from sweeps 20-39, at 80
            // from 40-79), so the draws pin both the random walk and the fitted independence move.
            BurnIn = nu == Estimated ? 80 : 20,
            Samples = 120,
            Seed = 0x5EED_0000_0000_0042UL,
            Backend = BackendRegistry.TryParse(backend, out var b) ? b : throw new ArgumentOutOfRangeException(nameof(backend)),
        });
        string actual = Format(fit);
        string name = string.Create(CultureInfo.InvariantCulture, $"{backend}-nu{nu}.csv");
        // Read beside the test assembly (copied there by the build); regenerated into the source folder, where git sees it.
        string path = Path.Combine(AppContext.BaseDirectory, "Golden", name);
        if (Environment.GetEnvironmentVariable("GREATMODEL_REGENERATE_GOLDEN") == "1")
        {
            path = Path.Combine(SourceFolder(), name);
            File.WriteAllText(path, actual);
        }
        Assert.True(File.Exists(path), $"no golden file {path}; run with GREATMODEL_REGENERATE_GOLDEN=1 to make it");
        string[] expected = File.ReadAllLines(path);
        string[] lines = actual.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Length, lines.Length);
        for (int i = 0; i < lines.Length; i++)
            Assert.True(expected[i] == lines[i], $"{path}, line {i + 1}: expected '{expected[i]}', got '{lines[i]}'");
    }

    /// <summary>One line per chain × draw: the round-trip decimal of every parameter (exact bits).</summary>
    private static string Format(Posterior fit)
    {
        var text = new StringBuilder("chain,draw," + string.Join(',', fit.Parameters.Select(p => p.Name)) + "\n");
        for (int c = 0; c < fit.Mu.Chains; c++)
        {
            for (int d = 0; d < fit.DrawsPerChain; d++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{c},{d}");
                foreach (var p in fit.Parameters) text.Append(CultureInfo.InvariantCulture, $",{p[c, d]:R}");
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>The golden files' folder in the source tree (regeneration only: the build machine's path).</summary>
    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string self = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(self))!, "Golden");
}
