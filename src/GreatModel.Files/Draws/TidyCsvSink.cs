using GreatModel.Sampling;

namespace GreatModel.Files.Draws;

/// <summary>
/// Tidy CSV: .chain,.iteration,.draw,mu,sigma2 (,nu when ν is estimated; then any <see cref="PointwiseColumns"/>), the index columns named and numbered (from 1) as R's
/// posterior reserves them, so it reads the file as chains (.draw runs over all rows); rows in recording order (draw by draw). One file holds the
/// whole run and appears by one rename, so it carries no run id (and stays plain CSV for any reader).
/// </summary>
internal sealed class TidyCsvSink : DrawsFileSink
{
    private readonly PendingFile _file;
    private readonly string[]? _groups;
    private readonly int _chains, _firstChain;
    private readonly int? _runChains;
    private readonly bool _logDensity;

    /// <param name="path">The file.</param>
    /// <param name="nuColumn">Whether ν is estimated (a nu column).</param>
    /// <param name="groups">A grouped run's labels, in order: a leading group column, and the draws given group by group; null when ungrouped.</param>
    /// <param name="chains">Chains per group (needed with <paramref name="groups"/>). Range: ≥ 1.</param>
    /// <param name="pointwise">Per-datum columns after the parameters (ungrouped runs), or null.</param>
    /// <param name="firstChain">A shard's first global chain (<see cref="DrawsFileOptions.FirstChain"/>). Range: ≥ 0.</param>
    /// <param name="runChains">Chains in the whole run, or null for the sink's own. Range: ≥ firstChain + chains.</param>
    /// <param name="resumable">A checkpointed run's rows (<see cref="DrawsFileOptions.Resumable"/>), or null.</param>
    /// <param name="logDensity">Whether an <c>lp__</c> column comes before the parameters (<see cref="DrawsFileOptions.LogDensityColumn"/>).</param>
    public TidyCsvSink(string path, bool nuColumn = false, IReadOnlyList<string>? groups = null, int chains = 1, PointwiseColumns? pointwise = null,
        int firstChain = 0, int? runChains = null, ResumableRows? resumable = null, bool logDensity = false)
        : base(nuColumn, pointwise)
    {
        _logDensity = logDensity;
        _firstChain = firstChain;
        _runChains = runChains;
        // A label with the delimiter, a quote or a line break is quoted (RFC 4180), as any CSV reader expects; so is one that
        // starts with '#' (it starts the line: unquoted, readers that skip comments drop the row) or with or ends in a blank
        // (readers trim blanks outside quotes).
        _groups = groups?.Select(g => NeedsQuotes(g) ? $"\"{g.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : g).ToArray();
        _chains = chains;
        _file = new PendingFile(path, resumable);
        if (resumable?.ResumeAt is null) _file.Writer.WriteLine((_groups is null ? "" : "group,") + ".chain,.iteration,.draw," + (logDensity ? "lp__," : "") + ValueColumnsHeader);
    }

    public override bool WantsLogDensity => _logDensity;

    private static bool NeedsQuotes(string label) =>
        label.IndexOfAny([',', '"', '\r', '\n']) >= 0 || label.StartsWith('#') || (label.Length > 0 && (char.IsWhiteSpace(label[0]) || char.IsWhiteSpace(label[^1])));

    public override IReadOnlyList<string> Paths => [_file.Path];

    /// <summary>y_rep[1], as R's posterior names a vector's elements in a tidy draws data frame.</summary>
    protected override bool BracketedIndices => true;

    public override void Record(int draw, ReadOnlySpan<ChainDraw> chains)
    {
        var w = _file.Writer;
        try
        {
            int perGroup = _groups is null ? chains.Length : _chains;
            long rowsPerDraw = _runChains ?? perGroup; // a shard numbers .draw as the whole run's file does
            for (int s = 0; s < chains.Length; s++)
            {
                int c = _firstChain + (s % perGroup);
                if (_groups is not null)
                {
                    w.Write(_groups[s / perGroup]);
                    w.Write(',');
                }
                w.Write(c + 1);
                w.Write(',');
                w.Write(draw + 1);
                w.Write(',');
                w.Write((draw * rowsPerDraw) + c + 1); // .draw: the row's number, unique over the (group's) chains
                w.Write(',');
                if (_logDensity)
                {
                    WriteNumber(w, chains[s].LogDensity);
                    w.Write(',');
                }
                WriteValues(w, s, chains[s]);
                w.WriteLine();
            }
        }
        catch (Exception e) when (AtomicFile.IsFileFailure(e))
        {
            throw _file.Failed(e);
        }
    }

    public override void Commit(Posterior posterior) => _file.Commit();

    public override FlushedRows Flush() => _file.Flush();

    public override IReadOnlyDictionary<string, double[][]> ReadBack(params string[] parameters) => DrawsFileReader.Read([_file.Path], parameters);

    public override void Dispose() => _file.Dispose();
}
