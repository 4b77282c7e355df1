using System.Globalization;
using System.Text.Json.Nodes;
using GreatModel.Model;
using nietras.SeparatedValues;

namespace GreatModel.Files.Export;

/// <summary>
/// A tidy draws file as ArviZ's InferenceData in a Zarr v2 store (ArviZ 1.x reads no CSV: it opens Zarr or netCDF through
/// xarray): group <c>posterior</c> with mu, sigma2 (and nu) over (chain, draw) — (group, chain, draw) for a grouped run, its
/// labels the <c>group</c> coordinate — <c>log_likelihood</c> and <c>posterior_predictive</c> with <c>y</c> over (chain,
/// draw, y_dim_0) from the file's <c>log_lik[i]</c> and <c>y_rep[i]</c> columns, <c>sample_stats</c> with <c>lp</c> (the log
/// posterior density up to a constant, over the parameters' dimensions) when the file has an <c>lp__</c> column (<c>fit
/// --format zarr</c> streams one; a Gibbs sampler has no step size, divergences, tree depth or energy, so lp is all ArviZ's
/// sample_stats can hold of it), and <c>observed_data</c> with <c>y</c> when the data are given. Chains and draws are numbered from 0, as ArviZ does. Read twice, streamed: the counts first,
/// then the values, chunk by chunk of draws (about 16 MiB each), so no more than a chunk is held.
/// </summary>
public static class InferenceDataExport
{
    /// <summary>Doubles per chunk: 16 MiB.</summary>
    private const long ChunkValues = 1 << 21;

    /// <summary>Writes the store at <paramref name="store"/> (a new folder) from the tidy file <paramref name="draws"/>.</summary>
    /// <param name="draws">A tidy draws file (grouped or not).</param>
    /// <param name="store">The store's folder; it must not exist (the caller commits it).</param>
    /// <param name="observed">The data, for <c>observed_data</c> (an ungrouped run's); null: no such group.</param>
    /// <param name="record">The run's record, written into the attributes; null when not known.</param>
    /// <param name="source">What the attributes name as the source (fit: its data); null: the draws file's name.</param>
    /// <exception cref="InvalidInputException">The file is not a tidy draws file, or its rows are not a whole run's.</exception>
    public static void Write(string draws, string store, ObservedData? observed, RunRecord? record, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(draws);
        DrawsFileReader.RegularFile(draws);
        ReadableFile.OpenStream(draws, "draws file").Dispose(); // a missing file, a folder, no permission: said as plot and summary say them
        DrawsFileReader.RequireWholeLastRow(draws); // its own passes below stream the rows and would take a cut last row
        try
        {
            var layout = Scan(draws);
            if (observed is not null && layout.Pointwise > 0 && observed.Count != layout.Pointwise)
                throw new InvalidInputException($"{observed.Source}: {observed.Count} observations, but {draws} has {layout.Pointwise} per-datum columns; give the data the run was fitted to");
            var zarr = new ZarrStore(store);
            var attributes = new JsonObject
            {
                ["created_at"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
                ["inference_library"] = "greatmodel",
                ["inference_library_version"] = RunRecord.LibraryVersion,
                ["source"] = source ?? Path.GetFileName(draws),
            };
            if (record is not null) attributes["run"] = record.ToJson();
            zarr.Group("", attributes.DeepClone().AsObject());
            int g = layout.Groups.Count, c = layout.Chains, d = layout.Draws, n = layout.Pointwise;
            bool grouped = layout.GroupColumn >= 0;
            long perDraw = (long)Math.Max(1, g) * c * Math.Max(1, n);
            long block = Math.Clamp(ChunkValues / perDraw, 1, d);

            void Coordinates(string group, bool pointwise)
            {
                zarr.Group(group, attributes.DeepClone().AsObject());
                if (grouped) zarr.Texts($"{group}/group", "group", layout.Groups);
                zarr.Integers($"{group}/chain", "chain", [.. Enumerable.Range(0, c).Select(i => (long)i)]);
                zarr.Integers($"{group}/draw", "draw", [.. Enumerable.Range(0, d).Select(i => (long)i)]);
                if (pointwise) zarr.Integers($"{group}/y_dim_0", "y_dim_0", [.. Enumerable.Range(0, n).Select(i => (long)i)]);
            }
            Coordinates("posterior", pointwise: false);
            string[] parameterDims = grouped ? ["group", "chain", "draw"] : ["chain", "draw"];
            long[] parameterShape = grouped ? [g, c, d] : [c, d];
            var parameters = layout.Parameters.Select(p => (Column: p.Column, Array: zarr.Doubles($"posterior/{p.Name}", parameterShape, parameterDims.Length - 1, block, parameterDims))).ToList();
            if (layout.LogDensityColumn >= 0)
            {
                Coordinates("sample_stats", pointwise: false);
                parameters.Add((layout.LogDensityColumn, zarr.Doubles("sample_stats/lp", parameterShape, parameterDims.Length - 1, block, parameterDims)));
            }
            var pointwise = new List<(int First, ZarrDoubles Array)>();
            foreach (var (group, first) in new[] { ("log_likelihood", layout.LogLikFirst), ("posterior_predictive", layout.ReplicationFirst) })
            {
                if (first < 0) continue;
                Coordinates(group, pointwise: true);
                pointwise.Add((first, zarr.Doubles($"{group}/y", [c, d, n], 1, block, ["chain", "draw", "y_dim_0"])));
            }
            if (observed is not null)
            {
                zarr.Group("observed_data", attributes.DeepClone().AsObject());
                zarr.Integers("observed_data/y_dim_0", "y_dim_0", [.. Enumerable.Range(0, observed.Count).Select(i => (long)i)]);
                var y = zarr.Doubles("observed_data/y", [observed.Count], 0, observed.Count, ["y_dim_0"]);
                observed.Span.CopyTo(y.Chunk);
                y.Flush(0);
            }
            Fill(draws, layout, block, parameters, pointwise);
            zarr.Consolidate();
        }
        catch (Exception e) when (e is NotSupportedException or FormatException or OverflowException or KeyNotFoundException or IndexOutOfRangeException or InvalidDataException)
        {
            // A row too long, a cell that does not parse, a group or column the header did not have: not a file GreatModel wrote.
            throw new InvalidInputException($"{draws}: not a tidy draws file as GreatModel writes it ({DisplayText.Printable(e.Message)})", e);
        }
    }

    private static void Fill(string draws, Layout layout, long block, List<(int Column, ZarrDoubles Array)> parameters, List<(int First, ZarrDoubles Array)> pointwise)
    {
        int c = layout.Chains, n = layout.Pointwise;
        var groupIndex = layout.Groups.Select((label, k) => (label, k)).ToDictionary(x => x.label, x => x.k, StringComparer.Ordinal);
        long currentBlock = 0;
        using var reader = Sep.Reader(o => o with { HasHeader = true, Unescape = true, CultureInfo = CultureInfo.InvariantCulture }).FromFile(draws);
        foreach (var row in reader)
        {
            int chain = row[layout.ChainColumn].Parse<int>() - 1, draw = row[layout.DrawColumn].Parse<int>() - 1;
            int group = layout.GroupColumn < 0 ? 0 : groupIndex[row[layout.GroupColumn].ToString()];
            long k = draw / block;
            // Rows come draw by draw (every chain's, every group's): a chunk is complete once a later draw's row arrives.
            // A file in another order (sorted by chain, edited) would overwrite chunks already written: refused.
            if (k < currentBlock)
                throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture, $"{draws}: chain {chain + 1}'s draw {draw + 1} comes after later draws; the rows are not in the order fit writes them (draw by draw)"));
            if (k != currentBlock)
            {
                foreach (var (_, array) in parameters) array.Flush(currentBlock);
                foreach (var (_, array) in pointwise) array.Flush(currentBlock);
                currentBlock = k;
            }
            long within = draw - (k * block);
            long at = (((long)group * c) + chain) * block + within;
            foreach (var (column, array) in parameters) array.Chunk[at] = Value(row, column, draws, layout, positive: column != layout.Parameters[0].Column && column != layout.LogDensityColumn);
            foreach (var (first, array) in pointwise)
            {
                long start = ((chain * block) + within) * n;
                for (int j = 0; j < n; j++) array.Chunk[start + j] = Value(row, first + j, draws, layout, positive: false);
            }
        }
        foreach (var (_, array) in parameters) array.Flush(currentBlock);
        foreach (var (_, array) in pointwise) array.Flush(currentBlock);
    }

    /// <summary>
    /// A cell's value, held to what fit writes (as summary and plot hold it): a finite number, and for sigma2 and nu above 0;
    /// else one line naming the file, line and column. log_lik and y_rep may be any finite number.
    /// </summary>
    private static double Value(SepReader.Row row, int column, string draws, Layout layout, bool positive)
    {
        var cell = row[column].Span;
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || (positive && value <= 0))
        {
            string name = column == layout.LogDensityColumn ? "lp__" : layout.Parameters.FirstOrDefault(p => p.Column == column).Name ?? $"column {column + 1}";
            throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                $"{draws}: line {row.LineNumberFrom}: {name} '{DisplayText.Printable(cell.ToString())}' is not {(positive ? "a finite number > 0" : "a finite number")} (a file fit wrote holds only those; edited?)"));
        }
        return value;
    }

    /// <summary>What the first pass finds: the columns, the groups in order, and the chains and draws the rows hold.</summary>
    private sealed record Layout(int GroupColumn, int ChainColumn, int DrawColumn, IReadOnlyList<(string Name, int Column)> Parameters,
        int LogLikFirst, int ReplicationFirst, int Pointwise, IReadOnlyList<string> Groups, int Chains, int Draws, int LogDensityColumn);

    private static Layout Scan(string draws)
    {
        using var reader = Sep.Reader(o => o with { HasHeader = true, Unescape = true, CultureInfo = CultureInfo.InvariantCulture }).FromFile(draws);
        var header = reader.Header.ColNames.ToList();
        int Column(string name) => header.IndexOf(name);
        int chainColumn = Column(".chain"), drawColumn = Column(".iteration"); // .draw numbers draws across chains, as posterior does
        if (chainColumn < 0 || drawColumn < 0 || Column("mu") < 0)
            throw new InvalidInputException($"{draws}: not a tidy draws file (no .chain, .iteration and mu columns); InferenceData is made from the tidy layout");
        var parameters = new[] { "mu", "sigma2", "nu" }.Where(p => Column(p) >= 0).Select(p => (p, Column(p))).ToList();
        int logLik = Column("log_lik[1]"), replication = Column("y_rep[1]");
        int pointwise = header.Count(h => h.StartsWith("log_lik[", StringComparison.Ordinal));
        if (pointwise == 0) pointwise = header.Count(h => h.StartsWith("y_rep[", StringComparison.Ordinal));
        int groupColumn = Column("group");
        var groups = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int chainCount = 0, drawCount = 0;
        long rows = 0;
        foreach (var row in reader)
        {
            rows++;
            chainCount = Math.Max(chainCount, row[chainColumn].Parse<int>());
            drawCount = Math.Max(drawCount, row[drawColumn].Parse<int>());
            if (groupColumn >= 0 && seen.Add(row[groupColumn].ToString())) groups.Add(row[groupColumn].ToString());
        }
        if (groupColumn < 0) groups.Add("");
        if (rows == 0 || rows != (long)groups.Count * chainCount * drawCount)
            throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                $"{draws}: {rows} rows where {groups.Count} group(s) × {chainCount} chains × {drawCount} draws would be {(long)groups.Count * chainCount * drawCount}; not a whole run's draws"));
        return new Layout(groupColumn, chainColumn, drawColumn, parameters, logLik, replication, logLik >= 0 || replication >= 0 ? pointwise : 0,
            groupColumn < 0 ? [] : groups, chainCount, drawCount, Column("lp__"));
    }
}
