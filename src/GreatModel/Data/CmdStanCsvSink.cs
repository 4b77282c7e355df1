using System.Globalization;
using GreatModel.Sampling;

namespace GreatModel.Data;

/// <summary>
/// CmdStan's CSV layout, one file per chain (<c>NAME_1.csv</c>, ...): a comment header describing a
/// fixed_param sampling run, the columns <c>lp__,accept_stat__</c> then the parameters, and the timing
/// footer. The draw rows are streamed to a body file; the header is written at commit, when the number
/// of draws is known (a cancelled run's files state the draws they hold).
/// </summary>
internal sealed class CmdStanCsvSink : DrawsFileSink
{
    private readonly PendingFile[] _bodies;
    private readonly string[] _paths;

    public CmdStanCsvSink(string path, int chains)
    {
        DrawsFileCosts.CheckOpenFiles(chains);
        string full = AtomicFile.CheckWritable(path);
        string stem = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, System.IO.Path.GetFileNameWithoutExtension(full));
        _paths = Enumerable.Range(1, chains).Select(c => $"{stem}_{c}.csv").ToArray();
        _bodies = _paths.Select(p => new PendingFile(p + ".body")).ToArray();
    }

    public override IReadOnlyList<string> Paths => _paths;

    public override void Record(int draw, ReadOnlySpan<ChainDraw> chains)
    {
        for (int c = 0; c < chains.Length; c++)
        {
            var w = _bodies[c].Writer;
            w.Write("0,0,"); // lp__ and accept_stat__ mean nothing for a Gibbs sampler: CmdStan writes 0 for fixed_param
            WriteValues(w, chains[c]);
            w.WriteLine();
        }
    }

    public override void Commit(Posterior posterior)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        for (int c = 0; c < _paths.Length; c++)
        {
            _bodies[c].Writer.Flush();
            using var file = new PendingFile(_paths[c]);
            WriteHeader(file.Writer, posterior, c + 1);
            file.Writer.Flush();
            using (var body = File.OpenRead(_bodies[c].TemporaryPath))
                body.CopyTo(file.Writer.BaseStream);
            double seconds = posterior.Elapsed.TotalSeconds;
            double warmup = seconds * posterior.Options.BurnIn / Math.Max(1, posterior.SweepsRun);
            file.Writer.WriteLine("# ");
            file.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#  Elapsed Time: {warmup:F3} seconds (Warm-up)"));
            file.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#                {seconds - warmup:F3} seconds (Sampling)"));
            file.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#                {seconds:F3} seconds (Total)"));
            file.Writer.WriteLine("# ");
            file.Commit();
            _bodies[c].Dispose();
        }
    }

    public override void Dispose()
    {
        foreach (var b in _bodies) b.Dispose();
    }

    public override IReadOnlyDictionary<string, double[][]> ReadBack(params string[] parameters) => DrawsFileReader.Read(_paths, parameters);

    private static void WriteHeader(TextWriter w, Posterior p, int chainId)
    {
        var o = p.Options;
        string[] lines =
        [
            "# stan_version_major = 2",
            "# stan_version_minor = 36",
            "# stan_version_patch = 0",
            "# model = greatmodel_student_t",
            "# start_datetime = " + DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
            "# method = sample (Default)",
            "#   sample",
            $"#     num_samples = {p.DrawsPerChain}",
            $"#     num_warmup = {o.BurnIn}",
            "#     save_warmup = false",
            $"#     thin = {o.Thin}",
            "#     adapt",
            "#       engaged = false",
            "#     algorithm = fixed_param",
            "#     num_chains = 1",
            $"# id = {chainId}",
            "# data",
            "#   file = ",
            "# init = 2 (Default)",
            "# random",
            $"#   seed = {p.Seed}",
            "# output",
            $"#   file = output_{chainId}.csv",
            "#   diagnostic_file =  (Default)",
            "#   refresh = 100 (Default)",
            "#   sig_figs = -1 (Default)",
            "# num_threads = 1 (Default)",
            string.Create(CultureInfo.InvariantCulture, $"# greatmodel: nu = {o.Nu}, n = {p.DataCount}, backend = {p.BackendDescription}"),
            "lp__,accept_stat__," + string.Join(',', ParameterNames),
        ];
        foreach (var line in lines) w.WriteLine(line);
    }
}
