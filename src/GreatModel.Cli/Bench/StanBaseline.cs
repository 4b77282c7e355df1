using System.Globalization;
using System.Text.Json;

namespace GreatModel.Cli.Bench;

/// <summary>
/// Stan's NUTS through rstan (benchmarks/stan/student_t.stan and run_stan.R, embedded in this program): the same model
/// (MODEL.md's prior, ν ~ Gamma(2, 0.1) on [1, 1e6] when estimated), rstan's defaults (4 chains, 1000 warm-up + 1000
/// draws each), chains in parallel on every core. Compiled once per bench run (Debian's rstan needs
/// <c>boost_lib = "/usr/include"</c>); the compile time is reported apart and excluded from every figure.
/// </summary>
internal sealed class StanBaseline
{
    /// <summary>The row's name.</summary>
    public const string RowName = "stan";

    private readonly string _rscript, _runner, _model, _compiled;

    private StanBaseline(string rscript, string runner, string model, string compiled, string version) =>
        (_rscript, _runner, _model, _compiled, Version) = (rscript, runner, model, compiled, version);

    /// <summary>rstan's version.</summary>
    public string Version { get; }

    /// <summary>Null (with the reason) when no Rscript with rstan and posterior is found.</summary>
    public static StanBaseline? Find(string workFolder, out string why)
    {
        var (code, output) = ExternalBaseline.Execute("Rscript",
            ["-e", "suppressPackageStartupMessages({library(rstan); library(posterior)}); cat(as.character(packageVersion('rstan')))"], TimeSpan.FromMinutes(2));
        if (code != 0)
        {
            why = "no Rscript with rstan and posterior found (Debian: apt install r-cran-rstan r-cran-posterior)";
            return null;
        }
        why = "";
        return new StanBaseline("Rscript", ExternalBaseline.Unpack("run_stan.R", workFolder), ExternalBaseline.Unpack("student_t.stan", workFolder),
            Path.Combine(workFolder, "student_t.rds"), output.Trim());
    }

    /// <summary>Runs rstan on <paramref name="data"/> (ν fixed at <paramref name="nu"/>, or estimated when null) with <paramref name="cores"/> cores.</summary>
    /// <exception cref="InvalidOperationException">rstan failed (its message).</exception>
    public StanResult Run(double[] data, double? nu, int cores, ulong seed, string workFolder)
    {
        string dataPath = Path.Combine(workFolder, "stan_data.txt");
        File.WriteAllLines(dataPath, data.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        string nuArgument = nu is { } fixedNu ? fixedNu.ToString("R", CultureInfo.InvariantCulture) : "estimate";
        var (code, output) = ExternalBaseline.Execute(_rscript,
            [_runner, _model, dataPath, nuArgument, cores.ToString(CultureInfo.InvariantCulture), (seed % int.MaxValue).ToString(CultureInfo.InvariantCulture), _compiled],
            TimeSpan.FromHours(2));
        if (code != 0) throw new InvalidOperationException($"rstan failed: {output.Trim()}");
        string json = output.Trim().Split('\n')[^1];
        using var document = Parse(json);
        var root = document.RootElement;
        var ess = new Dictionary<string, (double Bulk, double Tail, double Rhat)>();
        foreach (string name in new[] { "mu", "sigma2", "nu" })
        {
            if (root.TryGetProperty(name, out var p))
                ess[name] = (Number(p.GetProperty("ess_bulk")), Number(p.GetProperty("ess_tail")), Number(p.GetProperty("rhat")));
        }
        return new StanResult(root.GetProperty("compile_seconds").GetDouble(), root.GetProperty("wall_seconds").GetDouble(),
            root.GetProperty("warmup_seconds").GetDouble(), root.GetProperty("sample_seconds").GetDouble(), root.GetProperty("draws").GetInt32(), ess, cores, json);
    }

    /// <summary>rstan's JSON line; anything else is a failed run (not a crash of the whole bench).</summary>
    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"rstan printed no result ({e.Message}): {json}", e);
        }
    }

    /// <summary>A diagnostic as rstan wrote it: null (posterior's NA) is NaN, which makes the cell's ESS short.</summary>
    private static double Number(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;
}
