using System.Globalization;
using GreatModel.Backends;
using GreatModel.Files.Draws;
using GreatModel.Files.Durability;
using GreatModel.Files.Export;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Sampling;

namespace GreatModel.Cli.Commands;

/// <summary>
/// A checkpointed fit (<c>--checkpoint-every SECONDS</c>, or any <c>--resume</c>): its rows go to NAME.csv.partial, and
/// NAME.checkpoint.json records the run's state with the bytes of rows it belongs to, every so often and when the run ends.
/// <c>fit --resume</c> reads it back (<see cref="ForResume"/>): the same data (checked by hash), options, seed and backend,
/// the rows cut back to the checkpoint's bytes and continued, so the finished file equals the uninterrupted run's byte for
/// byte, also after SIGKILL; a finished run extends the same way with a larger <c>--samples</c>.
/// </summary>
internal sealed class Checkpointing
{
    private readonly string _checkpointPath;
    private CheckpointFile _template;
    private CheckpointFile? _last;

    private Checkpointing(string drawsPath, CheckpointFile template, RunCheckpoint? resumeFrom, ResumableRows rows)
    {
        DrawsPath = FilePaths.FullPath(drawsPath);
        _checkpointPath = CheckpointFile.PathFor(DrawsPath);
        _template = template;
        ResumeFrom = resumeFrom;
        _rows = rows;
    }

    private readonly ResumableRows _rows;

    /// <summary>The checkpoint file and the partial rows: outputs of the run, which no other output may be.</summary>
    public IReadOnlyList<string> OwnFiles => [_checkpointPath, _rows.PartialPath];

    /// <summary>
    /// The run's per-datum columns (as its first part's: log_lik, y_rep with the predictive streams restored), or null;
    /// <paramref name="data"/>, <paramref name="options"/>: the resumed run's.
    /// </summary>
    public PointwiseColumns? PointwiseFor(ObservedData data, SamplerOptions options)
    {
        var outputs = (_template.LogLikelihood ? PointwiseOutputs.LogLikelihood : PointwiseOutputs.None)
            | (_template.Predictive is null ? PointwiseOutputs.None : PointwiseOutputs.Predictive);
        if (outputs == PointwiseOutputs.None) return null;
        Pointwise = new PointwiseColumns(data, outputs, options.Seed!.Value, options.Chains, options.FirstChain);
        if (_template.Predictive is { } state) Pointwise.Restore(state);
        return Pointwise;
    }

    /// <summary>The per-datum columns whose state each checkpoint records, or null.</summary>
    private PointwiseColumns? Pointwise { get; set; }

    /// <summary>What to run to continue a run stopped before its first draw (its checkpoint and partial rows stay).</summary>
    public string ContinueNote => $"greatmodel: its checkpoint {_checkpointPath} and {_rows.PartialPath} stay: continue with 'greatmodel fit --resume {_checkpointPath}'";

    /// <summary>
    /// The lines a run's report adds about its checkpoint: where a resumed run took up (or that it had nothing left to draw);
    /// empty for a run from the start.
    /// </summary>
    public static IEnumerable<string> ReportLines(Checkpointing? checkpointing, long resumedFromSweep, int resumedFromDraw, long sweepsRun)
    {
        if (checkpointing?.ResumeFrom is null) yield break;
        string path = checkpointing._checkpointPath;
        yield return sweepsRun == resumedFromSweep
            ? string.Create(CultureInfo.InvariantCulture, $"resumed from {path}: nothing left to draw (sweep {sweepsRun}, {resumedFromDraw} draws per chain); --samples N draws more")
            : string.Create(CultureInfo.InvariantCulture, $"resumed from {path} at sweep {resumedFromSweep} ({resumedFromDraw} draws per chain); the timing below is of the sweeps after it");
    }

    /// <summary>The checkpoint file (NAME.checkpoint.json).</summary>
    public string CheckpointPath => _checkpointPath;

    /// <summary>The tidy draws file the run commits to.</summary>
    public string DrawsPath { get; }

    /// <summary>The state a resumed run starts from; null for a new run.</summary>
    public RunCheckpoint? ResumeFrom { get; }


    /// <summary>Refuses to start a run into <paramref name="drawsPath"/> while an interrupted run's checkpoint there could still resume (it would be lost).</summary>
    public static void CheckNoInterruptedRun(string drawsPath)
    {
        string path = CheckpointFile.PathFor(drawsPath), partial = CheckpointFile.PartialPathFor(drawsPath);
        // A live checkpointed run holds its partial rows locked: it is under way, not interrupted.
        if (File.Exists(partial) && IsLocked(partial))
            throw new InvalidInputException($"{partial}: another run into this --out is under way and writing it; wait for it, or choose another --out");
        if (File.Exists(path))
        {
            var existing = CheckpointFile.Read(path);
            if (!existing.Ended)
            {
                throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: an interrupted run's checkpoint (sweep {existing.State.Sweeps} of {existing.Options.TotalSweeps}); continue it with 'greatmodel fit --resume {path}', or delete it and {existing.PartialFile} to start afresh"));
            }
        }
        else if (File.Exists(partial))
        {
            // Rows with no checkpoint at all (a run of another version, or files moved by hand): nothing can resume them.
            File.Delete(partial);
            Console.Error.WriteLine($"note: removed {partial}, rows of an interrupted run that left no checkpoint to resume them");
        }
    }

    /// <summary>Whether another process holds <paramref name="file"/>'s exclusive lock (a checkpointed run writing its rows).</summary>
    private static bool IsLocked(string file)
    {
        try
        {
            using (new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.None)) { }
            return false;
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            return true;
        }
    }

    /// <summary>A new run's checkpoints into <paramref name="drawsPath"/>'s folder, every <paramref name="seconds"/>.</summary>
    /// <param name="dataFile">--data as given (<c>-</c> for standard input); null for the built-in example.</param>
    public static Checkpointing ForNewRun(string drawsPath, double seconds, SamplerOptions options, ObservedData data, string? dataFile, string? column, PointwiseColumns? pointwise)
    {
        var run = ForNewRun(drawsPath, seconds, options, dataFile, column, groupColumn: null,
            pointwise?.Outputs.HasFlag(PointwiseOutputs.LogLikelihood) ?? false);
        run.Pointwise = pointwise;
        return run;
    }

    /// <summary>As for an ungrouped run, of a grouped one read from <paramref name="data"/>'s file by <paramref name="groupColumn"/> and <paramref name="column"/>.</summary>
    public static Checkpointing ForNewRun(string drawsPath, double seconds, SamplerOptions options, GroupedData data, string dataFile, string groupColumn, string column) =>
        ForNewRun(drawsPath, seconds, options, dataFile, column, groupColumn, logLikelihood: false);

    private static Checkpointing ForNewRun(string drawsPath, double seconds, SamplerOptions options, string? dataFile, string? column, string? groupColumn,
        bool logLikelihood)
    {
        CheckSeconds(seconds);
        CheckNoInterruptedRun(drawsPath);
        var template = new CheckpointFile
        {
            DrawsFile = Path.GetFileName(drawsPath),
            PartialFile = Path.GetFileName(CheckpointFile.PartialPathFor(drawsPath)),
            Ended = false,
            Bytes = 0,
            RowsSha256 = "",
            DrawsPerChain = 0,
            DataFile = dataFile is null || dataFile == DataFileReader.StandardInputPath ? dataFile : FilePaths.FullPath(dataFile),
            DataColumn = column,
            GroupColumn = groupColumn,
            LogLikelihood = logLikelihood,
            Options = options,
            CheckpointSeconds = seconds,
            State = null!, // every checkpoint written carries its state; this template is never written as it is
        };
        return new Checkpointing(drawsPath, template, resumeFrom: null, new ResumableRows { PartialPath = CheckpointFile.PartialPathFor(drawsPath) });
    }

    private static string HashOf(GroupedData data) => RunRecord.HashOf([.. data.Labels.Zip(data.Groups, (l, g) => ((string?)l, g))]);

    /// <summary>
    /// Commits a run's rows (<paramref name="commit"/>) with its checkpoint's side: a checkpointed run's last checkpoint then
    /// says they are in the draws file; a run without checkpoints first deletes an ended run's checkpoint beside the tidy
    /// draws file it replaces (it would no longer describe the file; other layouts replace other files).
    /// </summary>
    public static void Commit(Checkpointing? checkpointing, string drawsPath, DrawsFormat format, Action commit)
    {
        if (checkpointing is null) RemoveEndedBefore(drawsPath, format);
        commit();
        checkpointing?.Ended();
    }

    private static void RemoveEndedBefore(string drawsPath, DrawsFormat format)
    {
        string path = CheckpointFile.PathFor(drawsPath);
        if (format != DrawsFormat.Tidy || !File.Exists(path)) return;
        if (!CheckpointFile.Read(path).Ended) return;
        File.Delete(path);
        Console.Error.WriteLine($"note: removed {path}, the checkpoint of the run whose draws this run replaces (it can no longer be extended)");
    }

    /// <summary>
    /// The devices a run uses: <c>--devices</c> as given (<paramref name="given"/>), else a resumed run's recorded ones; recorded
    /// in the run's checkpoints for its own resumption.
    /// </summary>
    public static IReadOnlyList<int>? DevicesOf(Checkpointing? checkpointing, string? given, Backend backend)
    {
        var devices = DevicesOption.Parse(given, backend, checkpointing?.ResumeFrom is not null) ?? checkpointing?._template.Devices;
        if (checkpointing is not null) checkpointing._template = checkpointing._template with { Devices = devices };
        return devices;
    }

    /// <summary>The longest interval taken: far inside what a <see cref="TimeSpan"/> holds.</summary>
    private const double MaxSeconds = 1e9;

    /// <summary>The shortest interval taken: a millisecond.</summary>
    private const double MinSeconds = 0.001;

    private static void CheckSeconds(double seconds)
    {
        // From a millisecond: below it the interval rounded to no time at all (1e-9 was refused as "00:00:00").
        if (!(seconds >= MinSeconds) || !(seconds <= MaxSeconds))
            throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture, $"--checkpoint-every {seconds}: must be a number of seconds from {MinSeconds} to {MaxSeconds:G} (31 years)"));
    }

    /// <summary>
    /// The run a checkpoint at <paramref name="path"/> (the file, or the folder holding one) continues, with
    /// <paramref name="samples"/> draws per chain (null: as before) and data from <paramref name="dataFile"/> (null: the
    /// recorded file), checkpointing every <paramref name="seconds"/> (null: as before).
    /// </summary>
    /// <returns>The run's checkpointing, options and data: ungrouped (<c>Data</c>; <c>Example</c> when the built-in one) or grouped (<c>Groups</c>).</returns>
    public static (Checkpointing Checkpointing, SamplerOptions Options, ObservedData? Data, GroupedData? Groups, bool Example) ForResume(
        string path, int? samples, string? dataFile, string? column, double? seconds)
    {
        string file = CheckpointOf(path);
        var checkpoint = CheckpointFile.Read(file);
        if (checkpoint.Bytes <= 0 || checkpoint.DrawsPerChain < 0 || checkpoint.State?.Run is null || checkpoint.DrawsPerChain != checkpoint.State.DrawsPerChain)
            throw new InvalidInputException($"{file}: its rows' length or draws per chain are not a checkpoint's (bytes {checkpoint.Bytes}, draws {checkpoint.DrawsPerChain}); it was altered");
        if (checkpoint.State.Run.Version != RunRecord.LibraryVersion)
            throw new InvalidInputException($"{file}: written by GreatModel {checkpoint.State.Run.Version}, this is {RunRecord.LibraryVersion}; another version may draw otherwise, so it cannot continue the run");
        var options = checkpoint.Options with { Samples = samples ?? checkpoint.Options.Samples, Backend = checkpoint.State.Backend, Seed = checkpoint.State.Seed };
        if (options.Samples < checkpoint.DrawsPerChain || (options.Samples == checkpoint.DrawsPerChain && options.TotalSweeps < checkpoint.State.Sweeps))
            throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                $"--samples {options.Samples}: the run has {checkpoint.DrawsPerChain} draws per chain already; ask for more to extend it"));
        if (seconds is { } s) CheckSeconds(s);
        if (column is not null && dataFile is null)
            throw new InvalidInputException($"--column {column}: needs --data (the checkpointed run's column is {checkpoint.DataColumn ?? "its file's only one"})");
        if (samples is < 1)
            throw new InvalidInputException($"--samples {samples}: must be at least 1");

        string? source = dataFile ?? checkpoint.DataFile;
        if (source == DataFileReader.StandardInputPath && dataFile is null)
            throw new InvalidInputException($"{file}: the run read its data from standard input; give them again with --data - (they must hash the same)");
        string? dataColumn = column ?? checkpoint.DataColumn; // moved data keep their column unless one is given
        ObservedData? data = null;
        GroupedData? groups = null;
        if (checkpoint.GroupColumn is { } groupColumn)
        {
            if (source is null || dataColumn is null) throw new InvalidInputException($"{file}: a grouped run's checkpoint without its data file or value column; give them with --data and --column");
            groups = DataFileReader.ReadGrouped(source, groupColumn, dataColumn);
        }
        else
        {
            data = source is null ? ExampleData.Load() : DataFileReader.Read(source, dataColumn);
        }
        if ((groups is null ? RunRecord.HashOf([(null, data!)]) : HashOf(groups)) != checkpoint.State.Run.DataSha256)
            throw new InvalidInputException($"{groups?.Source ?? data!.Source}: not the data the checkpointed run sampled (its SHA-256 differs from {file}'s); give that run's data with --data");

        string folder = Path.GetDirectoryName(FilePaths.FullPath(file))!;
        string draws = Path.Combine(folder, checkpoint.DrawsFile), partial = Path.Combine(folder, checkpoint.PartialFile);
        // A run that ended committed its rows; so did one killed between that rename and its last checkpoint.
        bool committed = checkpoint.Ended || (!File.Exists(partial) && File.Exists(draws));
        if (committed && !File.Exists(draws))
            throw new InvalidInputException($"{draws}: missing; its checkpoint cannot extend a run whose rows are gone");
        if (!committed && !File.Exists(partial))
            throw new InvalidInputException($"{partial}: missing; the interrupted run's rows are gone, so {file} cannot continue it");
        // The rows are checked against the checkpoint's length and SHA-256 when the partial file is opened, under its lock.
        var rows = new ResumableRows { PartialPath = partial, ResumeAt = checkpoint.Bytes, RowsSha256 = checkpoint.RowsSha256, CopyFrom = committed ? draws : null };
        var template = checkpoint with { Options = options, CheckpointSeconds = seconds ?? checkpoint.CheckpointSeconds, Ended = false };
        return (new Checkpointing(draws, template, checkpoint.State, rows), options, data, groups, source is null);
    }

    private static string CheckpointOf(string path)
    {
        string file = RecordFileArgument.Find(path, $"--resume {path}", "*.checkpoint.json", "checkpoints",
            "no such checkpoint file or folder", "fit --checkpoint-every", "resume");
        return file.EndsWith(".checkpoint.json", StringComparison.OrdinalIgnoreCase) ? file
            : throw new InvalidInputException($"--resume {path}: not a checkpoint (give NAME.checkpoint.json, or the folder holding it)");
    }

    /// <summary>The sink's options with the partial file (and where to continue it).</summary>
    public DrawsFileOptions Apply(DrawsFileOptions options) => options with { Resumable = _rows };

    /// <summary>The hooks with the checkpoint writer (flushing <paramref name="sink"/> first) and the state to resume.</summary>
    public RunHooks Apply(RunHooks hooks, DrawsFileSink sink) => hooks with
    {
        KeepDrawsInMemory = hooks.KeepDrawsInMemory && ResumeFrom is null, // a resumed run's summary reads the whole file
        ResumeFrom = ResumeFrom,
        CheckpointEvery = TimeSpan.FromSeconds(_template.CheckpointSeconds),
        Checkpoint = state =>
        {
            var rows = sink.Flush(); // on the disk before the checkpoint that points at them
            Write(_template with
            {
                Bytes = rows.Bytes,
                RowsSha256 = rows.Sha256,
                DrawsPerChain = state.DrawsPerChain,
                State = state,
                Predictive = Pointwise?.Outputs.HasFlag(PointwiseOutputs.Predictive) == true ? Pointwise.Capture() : null,
                Options = _template.Options with { Backend = state.Backend, Seed = state.Seed },
            });
        },
    };

    /// <summary>After the rows are committed: the last checkpoint again, saying they are in the draws file now.</summary>
    public void Ended()
    {
        if (_last is not null) Write(_last with { Ended = true });
    }

    private void Write(CheckpointFile checkpoint)
    {
        checkpoint.Write(_checkpointPath);
        _last = checkpoint;
    }
}
