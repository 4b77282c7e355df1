using System.Globalization;

namespace GreatModel.Files.Runs;

/// <summary>
/// Merges the tidy draws files of a run's shards into the file one process would have written for all chains, byte for
/// byte on the same backend: each shard's rows are the whole run's rows of its chains (<see cref="SamplerOptions.FirstChain"/>),
/// so merging is ordering them — per draw, per group, shard by shard in chain order — with no number read or rewritten.
/// Streams: memory holds one line per shard. Refuses, naming the difference, shards that do not tile the run's chains
/// exactly once or that differ in version, seed, backend, settings, data or draws per chain.
/// </summary>
public static class ShardMerge
{
    /// <summary>
    /// Checks the shards of <paramref name="manifests"/> (paths of their manifests) and writes the merged tidy file at
    /// <paramref name="outPath"/> and its manifest (chains 0 .. total − 1) beside it, both whole or not at all.
    /// </summary>
    /// <returns>The merged run's manifest.</returns>
    /// <exception cref="InvalidInputException">A manifest or draws file is missing or malformed, or the shards are not one run's.</exception>
    public static ShardManifest Merge(IReadOnlyList<string> manifests, string outPath)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        if (manifests.Count == 0) throw new InvalidInputException("no shards given");
        // Compared by where they lead (FilePaths.Resolve: links and '..' as the system takes them), not by their text.
        var shards = manifests.Select(path => (Path: FilePaths.Resolve(path), Manifest: ShardManifest.Read(path)))
            .OrderBy(s => s.Manifest.Run.FirstChain).ToList();
        CheckComplete(shards);
        CheckSameRun(shards);
        CheckTiling(shards);
        var first = shards[0].Manifest;
        var files = shards.Select(s => Path.Combine(Path.GetDirectoryName(s.Path)!, s.Manifest.DrawsFile)).ToList();
        for (int k = 0; k < files.Count; k++)
        {
            // The rows as their shard wrote them: an edited value would otherwise merge unseen.
            if (shards[k].Manifest.DrawsSha256 is { Length: > 0 } expected && ShardManifest.FileSha256(files[k]) != expected)
                throw new InvalidInputException($"{files[k]}: its bytes are not those its shard wrote (SHA-256 differs from {shards[k].Path}'s); the file was changed since");
        }
        string fullOut = FilePaths.FullPath(outPath);
        if (files.FirstOrDefault(f => FilePaths.Same(f, outPath)) is { } shardFile)
            throw new InvalidInputException($"{outPath}: is the shard draws file {shardFile}; merge into another file");
        if (shards.FirstOrDefault(s => FilePaths.Same(s.Path, ShardManifest.PathFor(outPath))).Path is { } shardManifest)
            throw new InvalidInputException($"{outPath}: its manifest would replace the shard manifest {shardManifest}; merge into another folder");
        AtomicFile.Write(outPath, w => WriteMerged(w, shards.Select(s => s.Manifest).ToList(), files));
        var merged = first with { DrawsFile = Path.GetFileName(fullOut), Run = first.Run with { FirstChain = 0, Chains = first.Run.TotalChains } };
        merged.Write(ShardManifest.PathFor(outPath));
        return merged;
    }

    /// <summary>A shard given twice, or one stopped before its samples (its run is one run's, but not yet whole), named as such.</summary>
    private static void CheckComplete(List<(string Path, ShardManifest Manifest)> shards)
    {
        if (shards.GroupBy(s => s.Path, FilePaths.Comparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidInputException($"{twice.Key}: given {twice.Count()} times; give each shard once");
        foreach (var (path, m) in shards)
        {
            if (m.Run.Settings.TryGetValue("samples", out string? samples) && int.TryParse(samples, System.Globalization.CultureInfo.InvariantCulture, out int asked) && m.DrawsPerChain < asked)
                throw new InvalidInputException($"{path}: its shard stopped after {m.DrawsPerChain} of {asked} draws per chain; complete it first (resume it from its checkpoint, when it was checkpointed)");
        }
    }

    /// <summary>
    /// Every shard's record agrees with the first's in every entry but its chain range and the data's source (the hash
    /// decides), and so do the draws per chain and the columns: the first difference is named.
    /// </summary>
    private static void CheckSameRun(List<(string Path, ShardManifest Manifest)> shards)
    {
        var (path0, m0) = shards[0];
        foreach (var (path, m) in shards.Skip(1))
        {
            if (m0.Run.FirstDifference(m.Run, "first_chain", "chains", "data_source") is var (key, a, b))
                throw new InvalidInputException($"{path}: {RunRecord.Describe(key, b)}, but {path0} has {a}; these shards are not one run's");
            if (m0.DrawsPerChain != m.DrawsPerChain)
                throw new InvalidInputException($"{path}: draws per chain {m.DrawsPerChain}, but {path0} has {m0.DrawsPerChain}; these shards are not one run's");
            if (m0.Columns != m.Columns)
                throw new InvalidInputException($"{path}: columns {m.Columns}, but {path0} has {m0.Columns}; these shards are not one run's");
        }
    }

    private static void CheckTiling(List<(string Path, ShardManifest Manifest)> shards)
    {
        int next = 0, total = shards[0].Manifest.Run.TotalChains;
        string? previous = null;
        foreach (var (path, manifest) in shards)
        {
            var m = manifest.Run;
            if (m.FirstChain < next)
                throw new InvalidInputException($"{path}: chains {m.FirstChain}:{m.FirstChain + m.Chains} overlap {previous}'s (up to {next}); give each chain's shard once");
            if (m.FirstChain > next)
                throw new InvalidInputException($"chains {next}:{m.FirstChain} of the run's {total} are in no shard given; give every shard of the run");
            next = m.FirstChain + m.Chains;
            previous = path;
        }
        if (next != total)
            throw new InvalidInputException($"chains {next}:{total} of the run's {total} are in no shard given; give every shard of the run");
    }

    /// <summary>The header, then per draw and per group each shard's rows of it in chain order; every row's .chain and .iteration checked.</summary>
    private static void WriteMerged(TextWriter w, List<ShardManifest> shards, List<string> files)
    {
        var readers = files.Select(f => ReadableFile.Open(f, "shard draws file")).ToList();
        var lines = new int[readers.Count];
        try
        {
            string? header = null;
            for (int k = 0; k < readers.Count; k++)
            {
                string? h = Next(readers, lines, files, k);
                if (header is not null && h != header)
                    throw new InvalidInputException($"{files[k]}, line 1: its columns differ from {files[0]}'s");
                header = h;
            }
            var columns = header!.Split(',');
            int chainColumn = Array.IndexOf(columns, ".chain"), iterationColumn = Array.IndexOf(columns, ".iteration");
            if (chainColumn < 0 || iterationColumn < 0)
                throw new InvalidInputException($"{files[0]}, line 1: not a tidy draws file (no .chain and .iteration columns)");
            w.WriteLine(header);
            var first = shards[0];
            for (int draw = 1; draw <= first.DrawsPerChain; draw++)
            {
                for (int group = 0; group < first.Run.Groups; group++)
                {
                    for (int k = 0; k < readers.Count; k++)
                    {
                        for (int c = 0; c < shards[k].Run.Chains; c++)
                        {
                            string row = Next(readers, lines, files, k) ?? throw new InvalidInputException(
                                $"{files[k]}: ends at line {lines[k]}, before draw {draw} of every chain; the shard is incomplete");
                            CheckRow(row, columns.Length, chainColumn, iterationColumn, shards[k].Run.FirstChain + c + 1, draw, files[k], lines[k]);
                            w.WriteLine(row);
                        }
                    }
                }
            }
            for (int k = 0; k < readers.Count; k++)
            {
                if (Next(readers, lines, files, k) is not null)
                    throw new InvalidInputException($"{files[k]}, line {lines[k]}: rows past the {first.DrawsPerChain} draws per chain its manifest states");
            }
        }
        finally
        {
            foreach (var r in readers) r.Dispose();
        }
    }

    private static string? Next(List<StreamReader> readers, int[] lines, List<string> files, int k)
    {
        try
        {
            string? line = readers[k].ReadLine();
            if (line is not null) lines[k]++;
            return line;
        }
        catch (IOException e)
        {
            throw ReadableFile.CannotRead(files[k], e);
        }
    }

    private static void CheckRow(string row, int columns, int chainColumn, int iterationColumn, int chain, int draw, string file, int line)
    {
        // Read from the row's end: only a leading group label (CSV-quoted) can hold a comma, never a number.
        var cells = row.Split(',');
        string Cell(int column) => cells.Length - (columns - column) is var at && at >= 0 ? cells[at] : "";
        if (Cell(chainColumn) != chain.ToString(CultureInfo.InvariantCulture) || Cell(iterationColumn) != draw.ToString(CultureInfo.InvariantCulture))
            throw new InvalidInputException($"{file}, line {line}: chain {Cell(chainColumn)}, draw {Cell(iterationColumn)} where chain {chain}, draw {draw} was expected; the shard was altered");
    }
}
