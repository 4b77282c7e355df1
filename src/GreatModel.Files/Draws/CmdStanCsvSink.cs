using System.Globalization;
using GreatModel.Sampling;

namespace GreatModel.Files.Draws;

/// <summary>
/// CmdStan's CSV layout, one file per chain (<c>NAME_1.csv</c>, ...): a comment header describing a
/// fixed_param sampling run, the columns <c>lp__,accept_stat__</c> then the parameters, and the timing
/// footer. The draw rows are streamed to a body file; the header is written at commit, when the number
/// of draws is known (a cancelled run's files state the draws they hold). Every file carries the run's
/// id and chain count (<c># run_id = …</c>, <c># run_chains = …</c>), so a reader can refuse a set
/// that mixes runs or lacks a chain.
/// </summary>
internal sealed class CmdStanCsvSink : DrawsFileSink
{
    private readonly PendingFile[] _bodies;

    /// <inheritdoc/>
    public override long HostBytesPerChain => DrawsFileCosts.HostBytesPerChain(DrawsFormat.CmdStan);
    private readonly List<PendingFile> _finals = [];
    private readonly string[] _paths;

    private readonly bool _saveWarmup;

    public CmdStanCsvSink(string path, int chains, DrawsFileOptions options) : base(options.NuColumn, options.Pointwise)
    {
        _saveWarmup = options.SaveWarmup;
        DrawsFileCosts.CheckOpenFiles(chains);
        _paths = ChainPaths(path, chains);
        _bodies = new PendingFile[chains];
        try
        {
            for (int c = 0; c < chains; c++) _bodies[c] = new PendingFile(_paths[c] + ".body");
        }
        catch
        {
            Dispose(); // the bodies made so far go too
            throw;
        }
    }

    /// <summary>The run's id, written into every file of the set.</summary>
    public Guid RunId { get; } = Guid.NewGuid();

    public override IReadOnlyList<string> Paths => _paths;

    /// <summary>NAME_1.csv … NAME_K.csv beside <paramref name="path"/> (NAME is its name without the extension).</summary>
    internal static string[] ChainPaths(string path, int chains) =>
        Enumerable.Range(1, chains).Select(c => ChainPath(path, c)).ToArray();

    /// <summary>NAME_<paramref name="chain"/>.csv beside <paramref name="path"/>.</summary>
    internal static string ChainPath(string path, int chain)
    {
        string full = FilePaths.FullPath(path);
        return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, $"{System.IO.Path.GetFileNameWithoutExtension(full)}_{chain}.csv");
    }

    public override void Record(int draw, ReadOnlySpan<ChainDraw> chains) => WriteRows(chains, warmup: false);

    public override bool RecordsWarmup => _saveWarmup;

    public override bool WantsLogDensity => true;

    /// <summary>Warm-up rows go first in each body, as CmdStan writes them (the header's save_warmup = 1 says how many).</summary>
    public override void RecordWarmup(int draw, ReadOnlySpan<ChainDraw> chains)
    {
        if (_saveWarmup) WriteRows(chains, warmup: true);
    }

    private void WriteRows(ReadOnlySpan<ChainDraw> chains, bool warmup)
    {
        int c = 0;
        try
        {
            for (; c < chains.Length; c++)
            {
                var w = _bodies[c].Writer;
                WriteNumber(w, chains[c].LogDensity); // lp__: the draw's log posterior density (WantsLogDensity)
                w.Write(",0,"); // accept_stat__: CmdStan writes 0 for fixed_param, and a Gibbs sweep has no acceptance step
                WriteValues(w, c, chains[c], warmup);
                w.WriteLine();
            }
        }
        catch (Exception e) when (AtomicFile.IsFileFailure(e))
        {
            throw AtomicFile.WriteFailed(_paths[c], _bodies[c].TemporaryPath, e);
        }
    }

    /// <summary>
    /// Writes every file whole to a temporary file first, and only then renames them into place one after
    /// another: a failure before the renames leaves the earlier set untouched, and a kill between two renames
    /// leaves files of two runs side by side, which readers refuse by their run ids.
    /// </summary>
    public override void Commit(Posterior posterior)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        for (int c = 0; c < _paths.Length; c++)
        {
            _bodies[c].Close();
            var file = new PendingFile(_paths[c]);
            _finals.Add(file);
            try
            {
                WriteHeader(file.Writer, posterior, c + 1, _paths.Length, RunId);
                file.Writer.Flush();
                using (var body = File.OpenRead(_bodies[c].TemporaryPath))
                    body.CopyTo(file.Writer.BaseStream);
                WriteFooter(file.Writer, posterior);
            }
            catch (Exception e) when (AtomicFile.IsFileFailure(e))
            {
                throw file.Failed(e);
            }
            file.Close();
            _bodies[c].Dispose();
        }
        for (int c = 0; c < _finals.Count; c++)
        {
            try
            {
                _finals[c].Commit();
            }
            catch (FileWriteException e) when (c > 0)
            {
                throw new FileWriteException(e.Path, $"{e.Message}; {string.Join(", ", _paths[..c].Select(System.IO.Path.GetFileName))} " +
                    "were already replaced, so the set mixes two runs (readers refuse it by run id)", e);
            }
        }
    }

    public override void Dispose()
    {
        foreach (var file in _bodies.Concat(_finals)) file?.Dispose();
    }

    public override IReadOnlyDictionary<string, double[][]> ReadBack(params string[] parameters) => DrawsFileReader.Read(_paths, parameters);

    private static void WriteFooter(TextWriter w, Posterior posterior)
    {
        // Measured, not apportioned: the burn-in's own wall time, so the sampling time is never negative.
        double seconds = posterior.Elapsed.TotalSeconds;
        double warmup = Math.Min(seconds, posterior.BurnInElapsed.TotalSeconds);
        w.WriteLine("# ");
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#  Elapsed Time: {warmup:F3} seconds (Warm-up)"));
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#                {seconds - warmup:F3} seconds (Sampling)"));
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#                {seconds:F3} seconds (Total)"));
        w.WriteLine("# ");
    }

    /// <summary>What the chains started from, truthfully (CmdStan writes a number or a file here; readers take any text).</summary>
    private static string InitDescription(SamplerOptions o, int chainId)
    {
        if (o.Inits is { } inits)
        {
            var init = inits[inits.Count == 1 ? 0 : chainId - 1];
            string nuStart = init.Nu is { } given ? string.Create(CultureInfo.InvariantCulture, $", nu {given:R}")
                : o.EstimateNu ? string.Create(CultureInfo.InvariantCulture, $", log nu dispersed, U(-1, 1) around log {o.StartingNu:R}") : "";
            return string.Create(CultureInfo.InvariantCulture, $"greatmodel: the user's values for this chain, mu {init.Mu:R}, sigma2 {init.Sigma2:R}{nuStart}");
        }
        string mu = o.InitialMu is { } m ? string.Create(CultureInfo.InvariantCulture, $"mu {m:R}") : "mu dispersed, U(-2, 2) robust spreads from the data's median";
        string alpha2 = o.InitialAlpha2 is { } a ? string.Create(CultureInfo.InvariantCulture, $"alpha2 {a:R}") : "log alpha2 dispersed, U(-2, 2) around the log robust spread squared";
        string tau2 = o.InitialTau2 is { } t ? string.Create(CultureInfo.InvariantCulture, $"tau2 {t:R}") : "tau2 1";
        string nu = !o.EstimateNu ? ""
            : o.InitialNu is { } n ? string.Create(CultureInfo.InvariantCulture, $", nu {n:R}")
            : string.Create(CultureInfo.InvariantCulture, $", log nu dispersed, U(-1, 1) around log {o.StartingNu:R}");
        return $"greatmodel: each chain seeded from {mu}, {alpha2}, {tau2}{nu}";
    }

    private void WriteHeader(TextWriter w, Posterior p, int chainId, int chains, Guid runId)
    {
        var o = p.Options;
        string[] lines =
        [
            "# stan_version_major = 2",
            "# stan_version_minor = 36",
            "# stan_version_patch = 0",
            "# model = greatmodel_student_t",
            "# start_datetime = " + p.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
            "# method = sample (Default)",
            "#   sample",
            // CmdStan's num_samples counts iterations before thinning (the draws are ⌈num_samples/thin⌉); save_warmup as 0 or 1,
            // not false/true: rstan up to 2.32 (Debian's included) cannot read those. Saved warm-up rows: ⌈num_warmup/thin⌉.
            $"#     num_samples = {(long)p.DrawsPerChain * o.Thin}",
            $"#     num_warmup = {o.BurnIn}",
            $"#     save_warmup = {(_saveWarmup ? 1 : 0)}",
            $"#     thin = {o.Thin}",
            "#     adapt",
            "#       engaged = false",
            "#     algorithm = fixed_param",
            "#       metric = unit_e", // no metric, as unit_e says; cmdstanpy 1.2 reads this key for every sampler run (KeyError without it)
            "#     num_chains = 1",
            $"# id = {chainId}",
            $"# {DrawsFileHeader.RunIdKey} = {runId:D}",
            $"# {DrawsFileHeader.RunChainsKey} = {chains}",
            "# data",
            $"#   file = {p.DataSource}",
            $"# init = {InitDescription(o, chainId)}",
            "# random",
            $"#   seed = {p.Seed}",
            "# output",
            $"#   file = {System.IO.Path.GetFileName(_paths[chainId - 1])}",
            "#   diagnostic_file =  (Default)",
            "#   refresh = 100 (Default)",
            "#   sig_figs = -1 (Default)",
            "# num_threads = 1 (Default)",
            string.Create(CultureInfo.InvariantCulture, $"# greatmodel: {(p.Group is null ? "" : $"group = {p.Group}, ")}nu = {o.DescribeNu()}, n = {p.DataCount}, backend = {p.BackendDescription}"),
        ];
        foreach (var line in lines) w.WriteLine(line);
        // The run's record, one entry a line: what made the draws, in the form every other record of the run has.
        foreach (var (key, value) in p.Record.Entries()) w.WriteLine($"# greatmodel_{key} = {value}");
        w.WriteLine("lp__,accept_stat__," + ValueColumnsHeader);
    }
}
