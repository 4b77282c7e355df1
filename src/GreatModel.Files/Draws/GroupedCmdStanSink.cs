using GreatModel.Sampling;

namespace GreatModel.Files.Draws;

/// <summary>
/// A grouped run in CmdStan's layout: one file set per group, in one folder — <c>--out fit.csv</c> writes
/// <c>fit/GROUP_1.csv … fit/GROUP_K.csv</c> for every group (the label with characters other than letters, digits,
/// '.', '-' and '_' written as '_'), each set a whole CmdStan run of its own that cmdstanpy, ArviZ or rstan read as they
/// read any. Each group's files are written and committed as <see cref="CmdStanCsvSink"/> writes an ungrouped run's.
/// </summary>
internal sealed class GroupedCmdStanSink : DrawsFileSink
{
    private readonly CmdStanCsvSink[] _groups;
    private readonly int _chains;

    /// <inheritdoc/>
    /// <remarks>One open file per chain of each group, as the ungrouped layout: a grouped run's chains are counted per group.</remarks>
    public override long HostBytesPerChain => DrawsFileCosts.HostBytesPerChain(DrawsFormat.CmdStan);

    public GroupedCmdStanSink(string path, IReadOnlyList<string> groups, int chains, DrawsFileOptions options) : base(options.NuColumn)
    {
        RecordsWarmup = options.SaveWarmup;
        DrawsFileCosts.CheckOpenFiles(chains, groups.Count);
        _chains = chains;
        var stems = Stems(path, groups);
        Directory.CreateDirectory(Folder(path));
        _groups = new CmdStanCsvSink[groups.Count];
        try
        {
            for (int g = 0; g < groups.Count; g++) _groups[g] = new CmdStanCsvSink(stems[g], chains, options);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The folder a grouped CmdStan run's files go into: <paramref name="path"/> without its extension.</summary>
    public static string Folder(string path)
    {
        string full = FilePaths.FullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full));
    }

    /// <summary>Every file of the set, group by group.</summary>
    public static IReadOnlyList<string> PathsFor(string path, IReadOnlyList<string> groups, int chains) =>
        [.. Stems(path, groups).SelectMany(stem => CmdStanCsvSink.ChainPaths(stem, chains))];

    /// <summary>FOLDER/LABEL.csv per group; refuses labels that would share a file name.</summary>
    private static string[] Stems(string path, IReadOnlyList<string> groups)
    {
        string folder = Folder(path);
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase); // case-insensitive file systems too
        var stems = new string[groups.Count];
        for (int g = 0; g < groups.Count; g++)
        {
            string name = FilePaths.SafeName(groups[g]);
            if (seen.TryGetValue(name, out string? other))
                throw new InvalidInputException($"groups '{other}' and '{groups[g]}' would both be written as {Path.Combine(folder, name)}_*.csv; rename one, or write the tidy layout (one file)");
            seen[name] = groups[g];
            stems[g] = Path.Combine(folder, name + ".csv");
        }
        return stems;
    }

    public override IReadOnlyList<string> Paths => [.. _groups.SelectMany(g => g.Paths)];

    public override void Record(int draw, ReadOnlySpan<ChainDraw> chains)
    {
        for (int g = 0; g < _groups.Length; g++) _groups[g].Record(draw, chains.Slice(g * _chains, _chains));
    }

    public override bool RecordsWarmup { get; }

    public override bool WantsLogDensity => true;

    public override void RecordWarmup(int draw, ReadOnlySpan<ChainDraw> chains)
    {
        for (int g = 0; g < _groups.Length; g++) _groups[g].RecordWarmup(draw, chains.Slice(g * _chains, _chains));
    }

    /// <summary>A grouped run's files are committed with <see cref="Commit(GroupedPosterior)"/>.</summary>
    public override void Commit(Posterior posterior) =>
        throw new InvalidOperationException("a grouped CmdStan set is committed with the grouped posterior");

    public override void Commit(GroupedPosterior posterior)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        for (int g = 0; g < _groups.Length; g++) _groups[g].Commit(posterior.Groups[g]);
    }

    public override void Dispose()
    {
        foreach (var sink in _groups) sink?.Dispose();
    }

    public override IReadOnlyDictionary<string, double[][]> ReadBack(params string[] parameters) =>
        throw new NotSupportedException("a grouped CmdStan set is read back group by group, from each group's files");
}
