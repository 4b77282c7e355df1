namespace GreatModel.Files.Draws;

/// <summary>
/// Checks that files given as one run's CmdStan draws are exactly that: all from one run (one run id),
/// each chain once, and every chain of the run there. A run that was killed while renaming its files
/// into place, or a later run with fewer chains, leaves files of two runs side by side: they are refused,
/// never mixed. Files with no run id (written by CmdStan itself) are taken as given.
/// </summary>
internal static class DrawsFileSet
{
    /// <summary>The files in chain order (as given when they carry no run id).</summary>
    /// <exception cref="InvalidInputException">The files mix runs, repeat a chain, or miss one; the message names the files.</exception>
    public static IReadOnlyList<DrawsFileHeader> Check(IReadOnlyList<DrawsFileHeader> files)
    {
        var runs = files.GroupBy(f => f.RunId).ToList();
        var groups = files.Select(f => f.Group).Distinct().ToList();
        if (runs.Count > 1 && groups.Count > 1 && groups.All(g => g is not null)) // one grouped run's files: each group has its run id
        {
            throw new InvalidInputException($"draws files of {groups.Count} groups ({string.Join(", ", groups.Take(5).Select(g => $"'{DisplayText.Printable(g)}'"))}" +
                $"{(groups.Count > 5 ? ", …" : "")}): each group is its own posterior; give one group's files");
        }
        if (runs.Count > 1)
        {
            throw new InvalidInputException("draws files from different runs: " +
                string.Join("; ", runs.Select(r => $"{(r.Key is null ? "no run id" : $"run {r.Key}")}: {Names(r)}")) + "; give the files of one run" +
                (runs.All(r => r.Key is not null) ? " (a run with fewer chains leaves an earlier run's higher-numbered files in place)" : ""));
        }
        string? run = runs[0].Key;
        if (run is null) return files;
        foreach (var f in files)
        {
            if (f.RunChains is not { } k || f.ChainId is not { } id || id > k)
                throw new InvalidInputException($"{f.Path}: run {run} but no valid {DrawsFileHeader.RunChainsKey} and id in its header; the file was altered");
        }
        if (files.Select(f => f.RunChains).Distinct().Count() > 1)
            throw new InvalidInputException($"{Names(files)}: run {run}, but the files disagree on its number of chains; they were altered");
        if (files.GroupBy(f => f.ChainId).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidInputException($"{Names(twice)}: each is chain {twice.Key} of run {run}; give each chain's file once");
        int chains = files[0].RunChains!.Value;
        var missing = Enumerable.Range(1, chains).Except(files.Select(f => f.ChainId!.Value)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidInputException($"{Names(files)}: an incomplete set: run {run} has {chains} chains, " +
                $"and chain{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} {(missing.Count > 1 ? "are" : "is")} missing; give every file of the run");
        }
        return files.OrderBy(f => f.ChainId).ToList();
    }

    private static string Names(IEnumerable<DrawsFileHeader> files) => string.Join(", ", files.Select(f => f.Path));
}
