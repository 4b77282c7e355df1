using System.Globalization;
using GreatModel.Sampling;

namespace GreatModel.Files.Draws;

/// <summary>
/// A sink that streams draws to disk as they are recorded: memory stays one row, whatever the run's size.
/// Files appear only on <see cref="Commit(Posterior)"/> (complete, or with every draw made before a cancellation);
/// disposing without committing leaves any earlier file at those paths untouched.
/// </summary>
public abstract class DrawsFileSink : IDrawSink, IDisposable
{
    /// <summary>
    /// The parameter columns every layout writes, in order: mu, sigma2, and nu when ν is estimated. Not alpha2 and tau2: they
    /// are not identified on their own (after each sweep's rescale alpha2 is 1 in standard units) and carry nothing σ² does not;
    /// the library's <see cref="Posterior"/> keeps them.
    /// </summary>
    protected IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Whether the rows end with ν (estimated: <see cref="SamplerOptions.EstimateNu"/>).</summary>
    protected bool NuColumn { get; }

    /// <summary>Per-datum columns written after the parameters (<see cref="PointwiseOutputs"/>), or null.</summary>
    protected PointwiseColumns? Pointwise { get; }

    /// <summary>Every column after the layout's own: <see cref="ParameterNames"/>, then the <see cref="Pointwise"/> columns.</summary>
    protected string ValueColumnsHeader => string.Join(',', Pointwise is null ? ParameterNames : ParameterNames.Concat(Pointwise.NamesFor(BracketedIndices)));

    /// <inheritdoc/>
    public virtual long HostBytesPerChain => 0;

    /// <summary>Whether the layout names the pointwise columns <c>y_rep[1]</c> (R posterior's tidy draws) rather than CmdStan's <c>y_rep.1</c>.</summary>
    protected virtual bool BracketedIndices => false;

    /// <param name="nuColumn">Whether ν is estimated, so that each row ends with its draw.</param>
    /// <param name="pointwise">Per-datum columns after the parameters, or null.</param>
    private protected DrawsFileSink(bool nuColumn, PointwiseColumns? pointwise = null)
    {
        NuColumn = nuColumn;
        ParameterNames = nuColumn ? ["mu", "sigma2", "nu"] : ["mu", "sigma2"];
        Pointwise = pointwise;
    }

    /// <summary>
    /// A sink writing <paramref name="format"/> at <paramref name="path"/> (CmdStan: one file per chain beside it) for
    /// <paramref name="chains"/> chains (≥ 1), with a <c>nu</c> column when <paramref name="nuColumn"/> (ν estimated).
    /// </summary>
    /// <exception cref="InvalidInputException">The path's folder does not exist, or a path is not a regular file.</exception>
    /// <exception cref="FileWriteException">A temporary file cannot be created.</exception>
    /// <exception cref="OptionOutOfRangeException">CmdStan: more chains than this process may keep files open (<see cref="DrawsFileCosts.CheckOpenFiles"/>).</exception>
    public static DrawsFileSink Create(DrawsFormat format, string path, int chains, bool nuColumn = false) =>
        Create(format, path, chains, new DrawsFileOptions { NuColumn = nuColumn });

    /// <summary>
    /// As <see cref="Create(DrawsFormat, string, int, bool)"/>, with what <paramref name="options"/> adds: the per-datum
    /// columns of <see cref="DrawsFileOptions.Pointwise"/> after each row's parameters (computed as the row is written),
    /// and the burn-in's draws (<see cref="DrawsFileOptions.SaveWarmup"/>, CmdStan only).
    /// </summary>
    /// <param name="format">The layout.</param>
    /// <param name="path">The file (CmdStan: NAME_1.csv … beside it).</param>
    /// <param name="chains">The run's chains. Range: ≥ 1.</param>
    /// <param name="options">What the files hold besides μ and σ².</param>
    /// <exception cref="OptionOutOfRangeException"><see cref="DrawsFileOptions.SaveWarmup"/> with the tidy layout, or as the other overload.</exception>
    public static DrawsFileSink Create(DrawsFormat format, string path, int chains, DrawsFileOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckWarmup(format, options);
        CheckShard(format, options);
        CheckPartial(format, options);
        return format switch
        {
            DrawsFormat.Tidy => new TidyCsvSink(path, options.NuColumn, pointwise: options.Pointwise, firstChain: options.FirstChain, runChains: options.RunChains,
                resumable: options.Resumable, logDensity: options.LogDensityColumn),
            DrawsFormat.CmdStan => new CmdStanCsvSink(path, chains, options),
            _ => throw new OptionOutOfRangeException(nameof(format), format, "is not a draws format (Tidy or CmdStan)"),
        };
    }

    /// <summary>
    /// A sink for a grouped run of <paramref name="groups"/> (labels in order) × <paramref name="chains"/> chains: tidy, one
    /// file with a leading <c>group</c> column; CmdStan, one file set per group in the folder <paramref name="path"/> names
    /// without its extension (<see cref="GroupedCmdStanSink"/>).
    /// </summary>
    /// <exception cref="InvalidInputException">As <see cref="Create(DrawsFormat, string, int, bool)"/>, or two labels would share a CmdStan file name.</exception>
    /// <exception cref="FileWriteException">A temporary file or the folder cannot be created.</exception>
    /// <exception cref="OptionOutOfRangeException">CmdStan: more files than this process may keep open.</exception>
    public static DrawsFileSink CreateGrouped(DrawsFormat format, string path, IReadOnlyList<string> groups, int chains, bool nuColumn = false) =>
        CreateGrouped(format, path, groups, chains, new DrawsFileOptions { NuColumn = nuColumn });

    /// <summary>As <see cref="CreateGrouped(DrawsFormat, string, IReadOnlyList{string}, int, bool)"/>, with <paramref name="options"/> (no <see cref="DrawsFileOptions.Pointwise"/>: the groups' n differ).</summary>
    /// <exception cref="OptionOutOfRangeException">Pointwise columns asked for, <see cref="DrawsFileOptions.SaveWarmup"/> with the tidy layout, or as the other overload.</exception>
    public static DrawsFileSink CreateGrouped(DrawsFormat format, string path, IReadOnlyList<string> groups, int chains, DrawsFileOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Pointwise is not null)
            throw new OptionOutOfRangeException(nameof(DrawsFileOptions.Pointwise), options.Pointwise.Outputs, "is not available for a grouped run (the groups' n differ)");
        CheckWarmup(format, options);
        CheckShard(format, options);
        CheckPartial(format, options);
        return format switch
        {
            DrawsFormat.Tidy => new TidyCsvSink(path, options.NuColumn, groups, chains, firstChain: options.FirstChain, runChains: options.RunChains,
                resumable: options.Resumable, logDensity: options.LogDensityColumn),
            DrawsFormat.CmdStan => new GroupedCmdStanSink(path, groups, chains, options),
            _ => throw new OptionOutOfRangeException(nameof(format), format, "is not a draws format (Tidy or CmdStan)"),
        };
    }

    private static void CheckPartial(DrawsFormat format, DrawsFileOptions options)
    {
        if (format != DrawsFormat.Tidy && options.Resumable is not null)
            throw new OptionOutOfRangeException(nameof(options.Resumable), options.Resumable.PartialPath, "is for the tidy layout only (one file whose rows a resumed run continues)");
        if (options.Resumable is { ResumeAt: null } fresh && (fresh.RowsSha256 is not null || fresh.CopyFrom is not null))
            throw new OptionOutOfRangeException(nameof(options.Resumable), fresh.PartialPath, "gives rows to resume without ResumeAt (their length)");
    }

    private static void CheckShard(DrawsFormat format, DrawsFileOptions options)
    {
        if ((options.FirstChain != 0 || options.RunChains is not null) && format != DrawsFormat.Tidy)
        {
            throw new OptionOutOfRangeException(nameof(DrawsFileOptions.FirstChain), options.FirstChain,
                "a shard's draws go in the tidy layout (one file, rows numbered as the whole run's); merging shards writes CmdStan files");
        }
    }

    private static void CheckWarmup(DrawsFormat format, DrawsFileOptions options)
    {
        if (options.SaveWarmup && format != DrawsFormat.CmdStan)
        {
            throw new OptionOutOfRangeException(nameof(DrawsFileOptions.SaveWarmup), true,
                "needs the CmdStan layout: a tidy file has no place to mark warm-up rows, and readers would take them as draws");
        }
    }

    /// <summary>The folder a grouped CmdStan set at <paramref name="path"/> goes into: the path without its extension.</summary>
    /// <param name="path">The --out path.</param>
    /// <returns>The folder's full path.</returns>
    public static string GroupedCmdStanFolder(string path) => GroupedCmdStanSink.Folder(path);

    /// <summary>The files a grouped sink (<see cref="CreateGrouped(DrawsFormat, string, IReadOnlyList{string}, int, DrawsFileOptions)"/>) writes.</summary>
    public static IReadOnlyList<string> PathsForGrouped(DrawsFormat format, string path, IReadOnlyList<string> groups, int chains) =>
        format == DrawsFormat.Tidy ? [FilePaths.FullPath(path)] : GroupedCmdStanSink.PathsFor(path, groups, chains);

    /// <summary>The files a sink for <paramref name="format"/> at <paramref name="path"/> writes for <paramref name="chains"/> chains.</summary>
    public static IReadOnlyList<string> PathsFor(DrawsFormat format, string path, int chains) => format switch
    {
        DrawsFormat.Tidy => [FilePaths.FullPath(path)],
        _ => CmdStanCsvSink.ChainPaths(path, chains),
    };

    /// <summary>
    /// CmdStan files of an earlier run with more chains that a run of <paramref name="chains"/> chains at
    /// <paramref name="path"/> leaves beside its own (NAME_K+1.csv, …): they are never deleted, but their
    /// run id differs, so readers refuse to mix them with the new set.
    /// </summary>
    public static IReadOnlyList<string> LeftoverChainFiles(DrawsFormat format, string path, int chains)
    {
        if (format != DrawsFormat.CmdStan) return [];
        var leftovers = new List<string>();
        for (int c = chains + 1; CmdStanCsvSink.ChainPath(path, c) is var file && File.Exists(file); c++) leftovers.Add(file);
        return leftovers;
    }

    /// <summary>The files this sink writes.</summary>
    public abstract IReadOnlyList<string> Paths { get; }

    /// <inheritdoc/>
    public abstract void Record(int draw, ReadOnlySpan<ChainDraw> chains);

    /// <inheritdoc/>
    public virtual bool RecordsWarmup => false;

    /// <inheritdoc/>
    public virtual bool WantsLogDensity => false;

    /// <inheritdoc/>
    public virtual void RecordWarmup(int draw, ReadOnlySpan<ChainDraw> chains)
    {
    }

    /// <summary>Finishes the files for <paramref name="posterior"/> (its settings, draw count and timing).</summary>
    public abstract void Commit(Posterior posterior);

    /// <summary>
    /// Writes every row so far through to the disk (fsync) and returns their length and SHA-256: with
    /// <see cref="DrawsFileOptions.Resumable"/>, the point a checkpoint records and a resumed run continues from.
    /// </summary>
    /// <exception cref="NotSupportedException">The layout keeps several files (CmdStan).</exception>
    /// <exception cref="InvalidOperationException">The sink was not made <see cref="DrawsFileOptions.Resumable"/>.</exception>
    /// <exception cref="FileWriteException">The disk refused it.</exception>
    public virtual FlushedRows Flush() => throw new NotSupportedException("only a tidy draws file can be flushed for a checkpoint");

    /// <summary>As <see cref="Commit(Posterior)"/> for a grouped run (a sink made with groups).</summary>
    /// <param name="posterior">The grouped run's result.</param>
    public virtual void Commit(GroupedPosterior posterior)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        Commit(posterior.Groups[0]); // one file for all groups: what it says of the run is any group's
    }

    /// <summary>Deletes the temporary files of an uncommitted sink; committed files stay.</summary>
    public abstract void Dispose();

    /// <summary>
    /// Writes mu,sigma2 (,nu) in round-trip form without allocating (runs once per chain per draw), then chain
    /// <paramref name="chain"/>'s <see cref="Pointwise"/> columns when there are any.
    /// </summary>
    /// <param name="w">The file.</param>
    /// <param name="chain">The row's chain (within its file set). Range: ≥ 0.</param>
    /// <param name="s">The draw.</param>
    /// <param name="warmup">Whether the row is a saved warm-up draw (its replications stay out of the predictive check).</param>
    protected void WriteValues(TextWriter w, int chain, ChainDraw s, bool warmup = false)
    {
        Span<char> buffer = stackalloc char[32];
        WriteNumber(w, s.Mu, buffer);
        w.Write(',');
        WriteNumber(w, s.Sigma2, buffer);
        if (NuColumn)
        {
            w.Write(',');
            WriteNumber(w, s.Nu, buffer);
        }
        Pointwise?.WriteRow(w, chain, s, countInChecks: !warmup);
    }

    /// <summary>Writes <paramref name="v"/> in round-trip form without allocating.</summary>
    protected static void WriteNumber(TextWriter w, double v)
    {
        Span<char> buffer = stackalloc char[32];
        WriteNumber(w, v, buffer);
    }

    private static void WriteNumber(TextWriter w, double v, Span<char> buffer)
    {
        v.TryFormat(buffer, out int length, "R", CultureInfo.InvariantCulture);
        w.Write(buffer[..length]);
    }

    /// <summary>Reads back draws[chain][draw] of the named parameters from the files this sink wrote.</summary>
    public abstract IReadOnlyDictionary<string, double[][]> ReadBack(params string[] parameters);
}
