using System.Globalization;
using System.Runtime.InteropServices;
using GreatModel.Files.Input;
using nietras.SeparatedValues;

namespace GreatModel.Files.Draws;

/// <summary>
/// Reads draws back into draws[chain][draw] per parameter, from either layout `fit` writes: a tidy CSV
/// (a <c>chain</c> column; chains in id order), given alone, or CmdStan CSVs (one chain per file; '#'
/// comment lines skipped). CmdStan files that `fit` wrote carry their run's id and chain count: they must
/// all come from one run and cover every chain of it, and are read in chain order (files with no run id
/// are read in the order given). Saved warm-up rows (CmdStan's save_warmup = 1) are left out. Every problem names the
/// file, line and value.
/// </summary>
public static class DrawsFileReader
{
    /// <summary>draws[chain][draw] of each of <paramref name="parameters"/> from <paramref name="paths"/> (one tidy file, or CmdStan files one chain each).</summary>
    /// <exception cref="InvalidInputException">
    /// A file is missing or malformed (the message names file, line and value), or the files are not one
    /// whole run: they mix runs, repeat or miss a chain, or a tidy file comes with others.
    /// </exception>
    public static IReadOnlyDictionary<string, double[][]> Read(IReadOnlyList<string> paths, params string[] parameters)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0) throw new InvalidInputException("no draws file given");
        var chains = new List<List<double[]>>();
        foreach (var file in DrawsFileSet.Check(paths.Select(DrawsFileHeader.Read).ToList()))
        {
            string path = file.Path;
            var rows = ReadFile(path, parameters, out bool tidy);
            if (!tidy && file.WarmupRows > 0) // saved warm-up (save_warmup = 1): not draws of the posterior
            {
                if (rows.Count < file.WarmupRows)
                    throw new InvalidInputException($"{path}: its header says {file.WarmupRows} warm-up rows lead the draws, but it has {rows.Count} rows");
                rows.RemoveRange(0, file.WarmupRows);
            }
            if (!tidy && file.SamplingRows is { } expected && rows.Count != expected) // a set cut at one row passes the equal-lengths check
            {
                throw new InvalidInputException($"{path}: its header says {expected} draws (num_samples / thin), but it has {rows.Count} rows " +
                    "after its warm-up; the file was cut short or edited");
            }
            if (tidy && paths.Count > 1)
                throw new InvalidInputException($"{path}: a tidy draws file holds a whole run, so give it alone ({paths.Count} files were given)");
            if (rows.Count > 0 && rows[0].Group is not null)
                throw new InvalidInputException($"{path}: a grouped run's draws (a group column): each group is its own posterior, so read them per group");
            if (tidy) chains.AddRange(rows.GroupBy(r => r.Chain).OrderBy(g => g.Key).Select(g => g.Select(r => r.Values).ToList()));
            else chains.Add(rows.Select(r => r.Values).ToList());
        }
        return ByParameter(chains, string.Join(", ", paths), parameters);
    }

    /// <summary>draws[chain][draw] of each parameter, the chains checked to be all there and of one length.</summary>
    private static Dictionary<string, double[][]> ByParameter(List<List<double[]>> chains, string source, string[] parameters)
    {
        if (chains.Count == 0 || chains.Any(c => c.Count == 0))
            throw new InvalidInputException($"{source}: no draws");
        if (chains.Select(c => c.Count).Distinct().Count() > 1)
            throw new InvalidInputException($"{source}: the chains have different numbers of draws ({string.Join(", ", chains.Select(c => c.Count))})");
        return parameters.Select((name, k) => (name, draws: chains.Select(c => c.Select(row => row[k]).ToArray()).ToArray()))
            .ToDictionary(x => x.name, x => x.draws);
    }

    /// <summary>
    /// A grouped run's tidy file (<c>group,.chain,.iteration,.draw,…</c>): per group, in the order of the groups' first rows,
    /// draws[chain][draw] of each of <paramref name="parameters"/>.
    /// </summary>
    /// <exception cref="InvalidInputException">The file is missing or malformed, has no group column, or a group's chains differ in length.</exception>
    public static IReadOnlyList<KeyValuePair<string, IReadOnlyDictionary<string, double[][]>>> ReadGrouped(string path, params string[] parameters)
    {
        var rows = ReadFile(path, parameters, out bool tidy);
        if (!tidy || rows.Count == 0 || rows[0].Group is null)
            throw new InvalidInputException($"{path}: not a grouped run's tidy draws file (group,.chain,.iteration,.draw,...)");
        return [.. rows.GroupBy(r => r.Group!, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key,
            (IReadOnlyDictionary<string, double[][]>)ByParameter([.. g.GroupBy(r => r.Chain).OrderBy(c => c.Key).Select(c => c.Select(r => r.Values).ToList())],
                $"{path}, group '{g.Key}'", parameters)))];
    }

    /// <summary>Whether the draws file at <paramref name="path"/> has a column named <paramref name="column"/> (e.g. <c>nu</c>, written when ν was estimated).</summary>
    /// <exception cref="InvalidInputException">The file cannot be read.</exception>
    public static bool HasColumn(string path, string column) => Columns(path).Contains(column);

    /// <summary>The draws file's columns, as its header names them (one read for several questions).</summary>
    /// <exception cref="InvalidInputException">The file cannot be read.</exception>
    public static IReadOnlyList<string> Columns(string path) => WithSep(path, (csv, _) => Header(csv).Names);

    /// <summary>One file's rows: the group (a grouped tidy file's first column) or null, the chain id (tidy) or 0 (CmdStan), and the named columns.</summary>
    private static List<(string? Group, int Chain, double[] Values)> ReadFile(string path, string[] parameters, out bool tidy)
    {
        var (rows, isTidy) = WithSep(path, (csv, lines) => (ReadRows(csv, lines, path, parameters, out bool t), t));
        tidy = isTidy;
        return rows;
    }

    /// <summary>
    /// Opens <paramref name="path"/> as a draws file and reads it with <paramref name="read"/>: Sep (SIMD over the text, cells
    /// as spans; CsvHelper took 1.5-2.7 s for the 64 MB of 1.2 million rows) over the file without its comment and blank lines,
    /// cells unquoted and trimmed; a failed read is one line naming the file.
    /// </summary>
    private static T WithSep<T>(string path, Func<SepReader, CommentSkippingReader, T> read)
    {
        RegularFile(path);
        using var file = ReadableFile.Open(path, "draws file"); // closed here: the readers over it do not close what they wrap
        var lines = new CommentSkippingReader(new LineLengthGuard(file, path, LineLengthGuard.RecordText)); // `plot /dev/zero` read for ever
        try
        {
            // Cells raw (no unescaping or trimming by Sep, whose trim reaches inside quotes): CsvCell takes blanks off
            // outside the quotes and the quotes off, as CsvHelper did (a label ' a,b' keeps its space).
            using var csv = Sep.New(',').Reader(o => o with
            {
                HasHeader = false, // the header is read as a row: its line is named in messages
                DisableColCountCheck = true, // widths are checked here, naming the line
                CultureInfo = CultureInfo.InvariantCulture,
            }).From(lines);
            return read(csv, lines);
        }
        catch (IOException e)
        {
            throw ReadableFile.CannotRead(path, e);
        }
        catch (NotSupportedException e) // Sep's longest row: 16 Mi characters
        {
            throw new InvalidInputException($"{path}: a row longer than 16 Mi characters, which this reader does not read (per-datum columns of some 800 000 data, or a quote out of place running on)", e);
        }
    }

    /// <summary>The first row's cells that is not blank (the header) and its line among the reader's; empty when there is none.</summary>
    private static (string[] Names, int Line) Header(SepReader csv)
    {
        bool first = true;
        while (csv.MoveNext())
        {
            var row = csv.Current;
            // Sep gives its first row's end line as its start (the first row starts on line 1, whatever it spans).
            int line = first ? 1 : row.LineNumberFrom;
            first = false;
            if (IsBlank(row)) continue;
            var header = new string[row.ColCount];
            for (int i = 0; i < header.Length; i++) header[i] = Cell(row, i).ToString();
            return (header, line);
        }
        return ([], 0);
    }

    /// <summary>A blank line (or one of blanks): a row of one empty cell, skipped as CsvHelper skipped it.</summary>
    private static bool IsBlank(SepReader.Row row) => row.ColCount == 1 && Cell(row, 0).IsEmpty;

    /// <summary>Cell <paramref name="index"/> of <paramref name="row"/> as CsvHelper read it (<see cref="CsvCell"/>).</summary>
    private static ReadOnlySpan<char> Cell(SepReader.Row row, int index) => CsvCell.Of(row[index].Span, CsvCell.Blanks);

    /// <summary>
    /// Refuses a draws file whose last line holds more than blanks and has no line end (a comment line aside): cut short while
    /// written or copied, its last number perhaps cut too. For readers that stream the values themselves (export); this
    /// class's own reading checks it as it goes (<see cref="CommentSkippingReader.EndsMidLine"/>), naming the line.
    /// </summary>
    /// <exception cref="InvalidInputException">The file ends inside a row.</exception>
    internal static void RequireWholeLastRow(string path)
    {
        using var file = ReadableFile.OpenStream(path, "draws file");
        long tail = Math.Min(file.Length, 64 * 1024); // a last line longer than this is read from its last 64 KiB only: still not blank
        file.Seek(-tail, SeekOrigin.End);
        var bytes = new byte[tail];
        file.ReadExactly(bytes);
        string end = System.Text.Encoding.UTF8.GetString(bytes);
        int lastBreak = end.LastIndexOfAny(['\n', '\r']);
        string lastLine = end[(lastBreak + 1)..];
        if (lastLine.Trim().Length > 0 && !lastLine.TrimStart().StartsWith('#'))
            throw new InvalidInputException($"{path}: the file ends inside its last row, with no line end after it: cut short while being written or copied? (GreatModel ends every row it writes)");
    }

    /// <summary>Refuses a draws file that is not a regular file: draws files are read twice (their layout, then their values).</summary>
    /// <exception cref="InvalidInputException">The path names something other than a regular file (a missing one is the open's to say).</exception>
    internal static void RegularFile(string path) => ReadableFile.RequireRegular(path, "draws file");

    private static List<(string? Group, int Chain, double[] Values)> ReadRows(SepReader csv, CommentSkippingReader lines, string path, string[] parameters, out bool tidy)
    {
        var (header, keptLine) = Header(csv);
        if (header.Length == 0) throw new InvalidInputException($"{path}: no draws");
        int headerLine = lines.OriginalLine(keptLine);
        int chainColumn = Array.IndexOf(header, ".chain") is >= 0 and var reserved ? reserved : Array.IndexOf(header, "chain"); // "chain": files before posterior's names
        tidy = chainColumn >= 0;
        bool grouped = tidy && header.Length > 0 && header[0] == "group";
        var columns = parameters.Select(p => (Name: p, Index: Array.IndexOf(header, p))).ToArray();
        if (header.Length == 1 && header[0].Contains('\t')) // R's write.table(sep = "\t"): one column to a comma-separated reader
            throw new InvalidInputException($"{path}, line {headerLine}: tab-separated; draws files are read comma-separated (CSV), as fit writes them");
        foreach (var (name, index) in columns)
        {
            if (index < 0)
                throw new InvalidInputException($"{path}, line {headerLine}: no '{name}' column; expected a tidy CSV (.chain,.iteration,.draw,{string.Join(',', parameters)},...) or a CmdStan CSV");
        }
        int iterationColumn = Array.IndexOf(header, ".iteration") is >= 0 and var named ? named : Array.IndexOf(header, "iteration");
        bool[] positive = [.. columns.Select(c => PositiveParameters.Contains(c.Name))];
        var lastIteration = new Dictionary<(string?, int), long>();
        var rows = new List<(string?, int, double[])>();
        int lastLine = headerLine;
        foreach (var row in csv)
        {
            if (IsBlank(row)) continue;
            int line = lastLine = lines.OriginalLine(row.LineNumberFrom);
            if (row.ColCount != header.Length)
            {
                throw new InvalidInputException($"{path}, line {line}: {row.ColCount} cells, the header has {header.Length}"
                    + (row.Span.Contains('"') ? " (a quote out of place: not a draws file as GreatModel writes it)" : ""));
            }
            int chain = 0;
            if (tidy && !int.TryParse(Cell(row, chainColumn), NumberStyles.Integer, CultureInfo.InvariantCulture, out chain))
                throw new InvalidInputException($"{path}, line {line}: chain '{DisplayText.Printable(Cell(row, chainColumn).ToString())}' is not a whole number");
            var values = new double[columns.Length];
            for (int k = 0; k < columns.Length; k++)
            {
                var cell = Cell(row, columns[k].Index);
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[k]) || !double.IsFinite(values[k]))
                    throw new InvalidInputException($"{path}, line {line}: {columns[k].Name} '{DisplayText.Printable(cell.ToString())}' is not a finite number");
                if (positive[k] && !(values[k] > 0))
                    throw new InvalidInputException($"{path}, line {line}: {columns[k].Name} '{DisplayText.Printable(cell.ToString())}' is not > 0 (no draw of it can be; a column swapped or a value edited?)");
            }
            string? group = grouped ? Cell(row, 0).ToString() : null;
            if (tidy && iterationColumn >= 0) CheckIteration(path, line, Cell(row, iterationColumn), group, chain, lastIteration);
            rows.Add((group, chain, values));
        }
        // A last row with no line end: the file was cut short (a run still writing it, a copy stopped part way), and its last
        // number may be cut too (30.57 of 30.57223785377747) while every cell still parses.
        if (lines.EndsMidLine)
            throw new InvalidInputException($"{path}, line {lastLine}: the file ends inside this row, with no line end after it: cut short while being written or copied? (GreatModel ends every row it writes)");
        if (tidy) CheckChainIds(path, rows);
        return rows;
    }

    /// <summary>The parameters whose every draw is positive: a file that says otherwise was edited or misread.</summary>
    private static readonly string[] PositiveParameters = ["sigma2", "alpha2", "tau2", "nu"];

    /// <summary>
    /// A tidy row's iteration must be its chain's next, from 1: rows repeated, dropped, reordered or reversed would otherwise be
    /// plotted and summarised as a chain's history (autocorrelation, R-hat and the trace all read the order).
    /// </summary>
    private static void CheckIteration(string path, int line, ReadOnlySpan<char> cell, string? group, int chain, Dictionary<(string?, int), long> last)
    {
        ref long previous = ref CollectionsMarshal.GetValueRefOrAddDefault(last, (group, chain), out _); // one lookup a row
        long expected = previous + 1;
        if (!long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out long iteration) || iteration != expected)
        {
            throw new InvalidInputException($"{path}, line {line}: iteration '{DisplayText.Printable(cell.ToString())}' of chain {chain}{(group is null ? "" : $" in group '{group}'")} " +
                $"where {expected} was expected (each chain's rows run 1, 2, 3, … in order; rows repeated, dropped or moved?)");
        }
        previous = iteration;
    }

    /// <summary>A tidy file's chain ids (per group) must run without a gap: a renumbered chain would pass for another run's.</summary>
    private static void CheckChainIds(string path, List<(string? Group, int Chain, double[] Values)> rows)
    {
        foreach (var group in rows.GroupBy(r => r.Group))
        {
            var ids = group.Select(r => r.Chain).Distinct().Order().ToArray();
            for (int k = 1; k < ids.Length; k++)
            {
                if (ids[k] != ids[k - 1] + 1)
                {
                    throw new InvalidInputException($"{path}: chains {string.Join(", ", ids)}{(group.Key is null ? "" : $" in group '{group.Key}'")} " +
                        $"leave out chain {ids[k - 1] + 1} (a run numbers its chains without a gap; a chain renumbered or removed?)");
                }
            }
        }
    }
}
