using GreatModel.Cli.Parsing;
using GreatModel.Cli.Plots;
using GreatModel.Files.Draws;
using GreatModel.Files.Durability;
using GreatModel.Files.Export;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;

namespace GreatModel.Cli.Commands;

/// <summary>
/// Every file a command is about to write, checked together before any work is done, so that a long run
/// never fails at its end on a path it could have refused at its start:
/// <list type="bullet">
/// <item>each output is absent or a regular file (never a folder, a symbolic link, a device such as
/// /dev/null or /dev/stdout, a pipe or a socket), in a folder that exists and takes files (one is created
/// and deleted there to find out);</item>
/// <item>no output is an input of the command or another of its outputs, and no output file is its
/// plots folder, comparing full paths with links resolved;</item>
/// <item>each output is claimed for this process (<see cref="OutputLocks"/>): another command writing it now is refused;</item>
/// <item>temporary files that an interrupted run left in those folders are removed, and said so.</item>
/// </list>
/// </summary>
internal sealed class OutputPlan
{
    private readonly List<Entry> _inputs = [];
    private readonly List<Entry> _outputs = [];
    private readonly List<Entry> _folders = [];
    private readonly List<string> _notes = [];

    /// <summary>What the command claims for its run (<see cref="OutputLocks"/>): each file option's value, as the command line gave it.</summary>
    private readonly List<(string Described, string Path)> _claims = [];

    /// <summary>A checkpointed run's own records (its checkpoint and partial rows), which it may write.</summary>
    private readonly HashSet<string> _ownRecords = new(FilePaths.Comparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);

    /// <summary>The names runs give their records beside their draws: no other output may take them.</summary>
    private static readonly string[] RunRecordSuffixes = [".partial", ".checkpoint.json", ".manifest.json"];

    /// <summary>The plan of `fit`: its draws files, summary and plots, none of which may be its data file or its starts' file.</summary>
    /// <param name="outPath">The draws file when it is not <c>--out</c>'s (a resumed run's).</param>
    /// <param name="dataPath">The data file when it is not <c>--data</c>'s (a resumed run's, from its checkpoint).</param>
    /// <param name="checkpointFiles">A checkpointed run's own files (its checkpoint and partial rows): outputs no other output may be.</param>
    public static OutputPlan ForFit(FitCommand.Settings settings, DrawsFormat format, int chains, bool estimatesNu, IReadOnlyList<string>? groups = null,
        string? outPath = null, string? dataPath = null, IReadOnlyList<string>? checkpointFiles = null)
    {
        string draws = outPath ?? settings.Out;
        // Every file the command reads is an input no output may be: the data and the chains' starts (--init i.csv --out i.csv
        // wrote the draws over the starts).
        var plan = new OutputPlan().Input("--data", dataPath ?? settings.Data).Input("--init", settings.Init);
        foreach (string own in checkpointFiles ?? [])
        {
            plan.File(nameof(settings.Out), draws, own);
            plan._ownRecords.Add(FilePaths.FullPath(own));
        }
        if (draws == DataFileReader.StandardInputPath)
            throw new InvalidInputException("--out -: draws cannot go to standard output; give a file name");
        if (OptionTable.IsZarr(settings)) // a store: a folder made whole at the end, from rows streamed beside it
        {
            ZarrOutput.CheckTarget(draws, [settings.Data, settings.Init]);
            plan.OutputFolder(nameof(settings.Out), draws, ZarrOutput.RootFiles);
            return plan.Reports(settings, groups, estimatesNu);
        }
        bool newFolder = groups is not null && format == DrawsFormat.CmdStan && !Directory.Exists(DrawsFileSink.GroupedCmdStanFolder(draws));
        if (newFolder) // a grouped CmdStan set goes into a folder made at the start: its parent must take it
        {
            string parent = Path.GetDirectoryName(DrawsFileSink.GroupedCmdStanFolder(draws))!;
            if (!Directory.Exists(parent)) // said as for any output, not as a folder that vanished mid-run
                throw new InvalidInputException($"--out {draws}: the folder '{parent}' does not exist");
            AtomicFile.ProbeFolder(parent, draws, nameof(settings.Out));
            plan.Claim(nameof(settings.Out), draws); // no file of the new folder to check yet, but the run is claimed all the same
        }
        var files = groups is null ? DrawsFileSink.PathsFor(format, draws, chains) : DrawsFileSink.PathsForGrouped(format, draws, groups, chains);
        foreach (string file in files)
        {
            // A new folder's files are not outputs to check yet (there is nothing there), but their names are (a group's label names them).
            if (newFolder) CheckNameLength(nameof(settings.Out), draws, file);
            else plan.File(nameof(settings.Out), draws, file);
        }
        plan.Reports(settings, groups, estimatesNu);
        var leftovers = DrawsFileSink.LeftoverChainFiles(format, draws, chains);
        if (leftovers.Count > 0)
        {
            plan._notes.Add($"warning: {string.Join(", ", leftovers)}: an earlier run's files with more chains stay beside this run's; " +
                "they are not this run's (their run id differs), and readers refuse to mix them");
        }
        return plan;
    }

    /// <summary>fit's reports beside the draws: the summary's JSON and the plots' folder.</summary>
    private OutputPlan Reports(FitCommand.Settings settings, IReadOnlyList<string>? groups, bool estimatesNu)
    {
        if (settings.Summary is not null) File(nameof(settings.Summary), settings.Summary);
        if (settings.Plots is not null && groups is null) Folder(nameof(settings.Plots), settings.Plots, PosteriorPlots.Parameters(estimatesNu));
        if (settings.Plots is not null && groups is not null) // a folder per group plotted, made inside --plots
            Folder(nameof(settings.Plots), settings.Plots, []);
        return this;
    }

    /// <summary>
    /// Refuses a file name longer than a file system takes (<see cref="TemporaryFiles.MaxNameBytes"/> bytes): it failed only when
    /// written, after the run.
    /// </summary>
    private static void CheckNameLength(string option, string given, string file)
    {
        int bytes = System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(file));
        if (bytes > TemporaryFiles.MaxNameBytes)
        {
            throw new InvalidInputException($"{CliErrors.Flag(option)} {DisplayText.Printable(given)}: writes a file whose name is {bytes} bytes long " +
                $"({DisplayText.Printable(Path.GetFileName(file))}); a file name holds at most {TemporaryFiles.MaxNameBytes} (a long group label? shorten it, or write the tidy layout)");
        }
    }

    /// <summary>An input file (skipped when null or standard input).</summary>
    /// <param name="label">How the command line names it (<c>--data</c>, <c>DRAWS</c>).</param>
    public OutputPlan Input(string label, string? path)
    {
        if (path is not null && path != DataFileReader.StandardInputPath) _inputs.Add(new Entry(label, null, path, path));
        return this;
    }

    /// <summary>An output file named by option <paramref name="option"/> (its C# name, e.g. <c>Out</c>) as <paramref name="given"/>.</summary>
    /// <param name="option">The option's property name.</param>
    /// <param name="given">The option's value.</param>
    /// <param name="file">The file written, where the option names it only in part (CmdStan's NAME_1.csv …).</param>
    public OutputPlan File(string option, string given, string? file = null)
    {
        _outputs.Add(new Entry(CliErrors.Flag(option), option, given, file ?? given));
        Claim(option, given);
        return this;
    }

    /// <summary>Claims <paramref name="given"/> (a file option's value, whether its files exist yet or not) for the run, once.</summary>
    private void Claim(string option, string given)
    {
        // Without a trailing separator: "run/" and "run" are one folder, one lock beside it (not "run/..lock" inside it).
        string full = Path.TrimEndingDirectorySeparator(FilePaths.FullPath(given));
        if (!_claims.Any(c => string.Equals(c.Path, full, FilePaths.Comparison))) _claims.Add(($"{CliErrors.Flag(option)} {given}", full));
    }

    /// <summary>
    /// A folder that is the command's whole output (<c>merge --out</c>, <c>bench --out</c>), created if new, holding
    /// <paramref name="files"/> (names within it): each is an output as a file option's is (writable, never an input, never a
    /// run's record of another run), and the folder is claimed for the command, so a second command into it is refused
    /// while the first runs.
    /// </summary>
    public OutputPlan OutputFolder(string option, string folder, IEnumerable<string> files)
    {
        _folders.Add(new Entry(CliErrors.Flag(option), option, folder, folder));
        foreach (string file in files) _outputs.Add(new Entry(CliErrors.Flag(option), option, folder, Path.Combine(folder, file)));
        Claim(option, folder);
        return this;
    }

    /// <summary>
    /// A folder the command creates if new and writes the plots of <paramref name="parameters"/> into
    /// (the files of a new folder cannot be anything yet, so only its parent is checked).
    /// </summary>
    public OutputPlan Folder(string option, string folder, IEnumerable<string> parameters)
    {
        _folders.Add(new Entry(CliErrors.Flag(option), option, folder, folder));
        if (Directory.Exists(folder))
        {
            foreach (string file in PosteriorPlots.Files(folder, parameters))
                _outputs.Add(new Entry(CliErrors.Flag(option), option, folder, file));
        }
        return this;
    }

    /// <summary>
    /// Refuses every problem at once (one line each, naming the option and path), then removes stale temporary files and
    /// says what it did.
    /// </summary>
    /// <exception cref="InvalidInputException">An output cannot be written, or collides with an input or another output.</exception>
    /// <exception cref="CommandLineException">Several outputs cannot be written.</exception>
    public void Check()
    {
        var problems = new List<string>();
        void Refuse(Action check)
        {
            try
            {
                check();
            }
            catch (InvalidInputException e)
            {
                problems.Add(CliErrors.Describe(e)!);
            }
        }
        // "-" names standard output only where a command writes there (simulate); elsewhere it would be a file named "-".
        foreach (var entry in _folders.Concat(_outputs).Where(e => e.Given == DataFileReader.StandardInputPath).DistinctBy(e => e.Label))
            problems.Add($"{entry.Label} -: cannot go to standard output; give a {(_folders.Contains(entry) ? "folder" : "file")} name");
        foreach (var folder in _folders.Where(f => f.Given != DataFileReader.StandardInputPath))
        {
            Refuse(() =>
            {
                PosteriorPlots.CheckFolder(folder.Given, folder.Label);
                if (!Directory.Exists(folder.Path)) // created after the run: its parent must take it
                    AtomicFile.ProbeFolder(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(FilePaths.FullPath(folder.Path)))!, folder.Given, folder.Option);
            });
        }
        foreach (var output in _outputs.Where(o => o.Given != DataFileReader.StandardInputPath))
        {
            Refuse(() =>
            {
                // A run's checkpoint, partial rows or shard manifest is never another output: written over, that run is lost (a
                // summary over this shard's own manifest, written after it, left the shard unmergeable); and an output given such a
                // name, even where none is yet, would be taken for one (a later run into that folder refused its "checkpoint").
                if (!_ownRecords.Contains(FilePaths.FullPath(output.Path)) && RunRecordSuffixes.Any(s => output.Path.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
                    throw new InvalidInputException($"{output.Describe()}: is a name runs give their records (checkpoints, partial rows, shard manifests); a command never writes over them, so give another name");
                CheckNameLength(output.Option!, output.Given, output.Path);
                // A file in a folder this command makes has no folder to probe yet: the folder's parent was probed above.
                bool inNewFolder = _folders.Any(f => !Directory.Exists(f.Path)
                    && string.Equals(FilePaths.FullPath(Path.GetDirectoryName(FilePaths.FullPath(output.Path))!), FilePaths.FullPath(f.Path).TrimEnd(Path.DirectorySeparatorChar), FilePaths.Comparison));
                if (!inNewFolder) AtomicFile.CheckWritable(output.Path, output.Option);
            });
        }
        for (int k = 0; k < _outputs.Count; k++)
        {
            var output = _outputs[k];
            if (_inputs.FirstOrDefault(output.Collides) is { } input)
                problems.Add($"{output.Describe()}: is the {input.Label} file {input.Given}; a command never writes over its input");
            else if (_outputs.Take(k).FirstOrDefault(output.Collides) is { } other)
                problems.Add($"{output.Describe()}: is also written by {other.Describe()}; give each output its own name");
            else if (_folders.FirstOrDefault(output.Collides) is { } folder)
                problems.Add($"{output.Describe()}: is the {folder.Label} folder; give the file another name");
        }
        if (problems.Count > 0) throw new CommandLineException([.. problems.Distinct()]);
        // Claimed before anything is written or removed here: a second command into the same files stops at this line.
        // One claim per file option's value (a CmdStan set of 1024 chain files takes one lock, not 1024 descriptors); a plots
        // folder is written only after the draws, which are claimed.
        foreach (var (described, path) in _claims) OutputLocks.Claim(path, described);
        var folders = _outputs.Select(o => Path.GetDirectoryName(FilePaths.FullPath(o.Path))!).Distinct(StringComparer.Ordinal);
        foreach (string stale in folders.SelectMany(TemporaryFiles.RemoveStale))
            Console.Error.WriteLine($"note: removed {stale}, a temporary file left by an interrupted run");
        foreach (string note in _notes) Console.Error.WriteLine(note);
    }

    /// <param name="Label">How the command line names it (<c>--out</c>, <c>DRAWS</c>).</param>
    /// <param name="Option">The option's C# name, for the library's remedy; null for inputs.</param>
    /// <param name="Given">The value given on the command line.</param>
    /// <param name="Path">The file or folder itself.</param>
    private sealed record Entry(string Label, string? Option, string Given, string Path)
    {
        public string Resolved { get; } = FilePaths.Resolve(Path);

        public bool Collides(Entry other) => string.Equals(Resolved, other.Resolved, FilePaths.Comparison);

        public string Describe() =>
            FilePaths.FullPath(Given) == FilePaths.FullPath(Path) ? $"{Label} {Given}" : $"{Label} {Given} (which writes {Path})";
    }
}
