using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace GreatModel.Data;

/// <summary>
/// Reads draws back into draws[chain][draw] per parameter, from either layout `fit` writes: a tidy CSV
/// (a <c>chain</c> column; chains in id order) or CmdStan CSVs (one chain per file, files in the order
/// given; '#' comment lines skipped). Every problem names the file, line and value.
/// </summary>
public static class DrawsFileReader
{
    /// <summary>draws[chain][draw] of each of <paramref name="parameters"/> from <paramref name="paths"/> (one tidy file, or CmdStan files one chain each).</summary>
    /// <exception cref="InvalidInputException">A file is missing or malformed; the message names file, line and value.</exception>
    public static IReadOnlyDictionary<string, double[][]> Read(IReadOnlyList<string> paths, params string[] parameters)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0) throw new InvalidInputException("no draws file given");
        var chains = new List<List<double[]>>();
        foreach (string path in paths)
        {
            var rows = ReadFile(path, parameters, out bool tidy);
            if (tidy) chains.AddRange(rows.GroupBy(r => r.Chain).OrderBy(g => g.Key).Select(g => g.Select(r => r.Values).ToList()));
            else chains.Add(rows.Select(r => r.Values).ToList());
        }
        if (chains.Count == 0 || chains.Any(c => c.Count == 0))
            throw new InvalidInputException($"{string.Join(", ", paths)}: no draws");
        if (chains.Select(c => c.Count).Distinct().Count() > 1)
            throw new InvalidInputException($"{string.Join(", ", paths)}: the chains have different numbers of draws ({string.Join(", ", chains.Select(c => c.Count))})");
        return parameters.Select((name, k) => (name, draws: chains.Select(c => c.Select(row => row[k]).ToArray()).ToArray()))
            .ToDictionary(x => x.name, x => x.draws);
    }

    /// <summary>One file's rows: the chain id (tidy) or 0 (CmdStan), and the named columns.</summary>
    private static List<(int Chain, double[] Values)> ReadFile(string path, string[] parameters, out bool tidy)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: no such file");
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            AllowComments = true,
            Comment = '#',
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.Trim,
        };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, config);
        if (!csv.Read()) throw new InvalidInputException($"{path}: no draws");
        csv.ReadHeader();
        string[] header = csv.HeaderRecord ?? [];
        int headerLine = csv.Parser.RawRow;
        int chainColumn = Array.IndexOf(header, "chain");
        tidy = chainColumn >= 0;
        var columns = parameters.Select(p => (Name: p, Index: Array.IndexOf(header, p))).ToArray();
        foreach (var (name, index) in columns)
        {
            if (index < 0)
                throw new InvalidInputException($"{path}, line {headerLine}: no '{name}' column; expected a tidy CSV (chain,draw,{string.Join(',', parameters)},...) or a CmdStan CSV");
        }
        var rows = new List<(int, double[])>();
        while (csv.Read())
        {
            int line = csv.Parser.RawRow;
            if (csv.Parser.Count != header.Length)
                throw new InvalidInputException($"{path}, line {line}: {csv.Parser.Count} cells, the header has {header.Length}");
            int chain = 0;
            if (tidy && !int.TryParse(csv.GetField(chainColumn), NumberStyles.Integer, CultureInfo.InvariantCulture, out chain))
                throw new InvalidInputException($"{path}, line {line}: chain '{csv.GetField(chainColumn)}' is not a whole number");
            var values = new double[columns.Length];
            for (int k = 0; k < columns.Length; k++)
            {
                string cell = csv.GetField(columns[k].Index) ?? "";
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[k]) || !double.IsFinite(values[k]))
                    throw new InvalidInputException($"{path}, line {line}: {columns[k].Name} '{cell}' is not a finite number");
            }
            rows.Add((chain, values));
        }
        return rows;
    }
}
