using System.Globalization;
using System.Text.Json;

namespace GreatModel.Files.Input;

/// <summary>
/// Reads the user's starting values (<c>fit --init FILE</c>, <see cref="SamplerOptions.Inits"/>) in the data's units, as
/// JSON or CSV:
/// <list type="bullet">
/// <item><description>JSON, as CmdStan's init files: <c>{"mu": 1.5, "sigma2": 4}</c> for every chain, or an array of such
/// objects, one per chain; <c>"nu"</c> too when ν is estimated.</description></item>
/// <item><description>CSV: a header naming <c>mu,sigma2</c> (and <c>nu</c>; a <c>chain</c> or <c>.chain</c> column, if
/// present, must number the rows 1, 2, …), then one row for every chain or one per chain.</description></item>
/// </list>
/// Unknown keys or columns are refused rather than ignored (a misspelt "sigma" would otherwise start from the default);
/// every problem names the file, line and value. The values' ranges are checked against the run by
/// <see cref="SamplerOptions.Validate"/>.
/// </summary>
public static class InitFileReader
{
    private static readonly string[] Keys = ["mu", "sigma2", "nu"];

    /// <summary>The chains' starting values in <paramref name="path"/>: one entry (every chain) or one per chain.</summary>
    /// <exception cref="InvalidInputException">The file is missing, unreadable or malformed (the message names file, line and value).</exception>
    public static IReadOnlyList<ChainInit> Read(string path)
    {
        string text;
        using (var reader = ReadableFile.Open(path, "init file"))
        {
            try
            {
                text = new LineLengthGuard(reader, path, maxTotal: LineLengthGuard.DataLine).ReadToEnd(); // an init file is small: not /dev/urandom for ever
            }
            catch (IOException e)
            {
                throw ReadableFile.CannotRead(path, e);
            }
        }
        string start = text.TrimStart();
        // JSON by its first character, or by its name (a .json file holding `null` or `4` was read as a CSV header).
        bool json = start.StartsWith('{') || start.StartsWith('[') || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        var inits = json ? FromJson(path, text) : FromCsv(path, text);
        return inits.Count > 0 ? inits : throw new InvalidInputException($"{path}: no starting values (expected mu and sigma2, as JSON or CSV)");
    }

    private static List<ChainInit> FromJson(string path, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object) return [FromObject(path, root, null)];
            if (root.ValueKind != JsonValueKind.Array)
                throw new InvalidInputException($"{path}: expected an object {{\"mu\": …, \"sigma2\": …}} or an array of them, one per chain");
            return [.. root.EnumerateArray().Select((chain, k) => chain.ValueKind == JsonValueKind.Object
                ? FromObject(path, chain, k + 1)
                : throw new InvalidInputException($"{path}: entry {k + 1} of the array is not an object {{\"mu\": …, \"sigma2\": …}}"))];
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{path}, line {(e.LineNumber ?? 0) + 1}: not valid JSON ({e.Message.Split(". ")[0].TrimEnd('.')})");
        }
    }

    private static ChainInit FromObject(string path, JsonElement chain, int? index)
    {
        string where = index is null ? path : $"{path}, chain {index}";
        double? mu = null, sigma2 = null, nu = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in chain.EnumerateObject())
        {
            if (Array.IndexOf(Keys, property.Name) < 0)
                throw new InvalidInputException($"{where}: unknown key '{DisplayText.Printable(property.Name)}' (expected mu, sigma2 and, with nu estimated, nu)");
            if (!seen.Add(property.Name)) // JSON readers differ on which one wins: refused rather than guessed
                throw new InvalidInputException($"{where}: {property.Name} given more than once");
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out double value))
                throw new InvalidInputException($"{where}: {property.Name} {property.Value.GetRawText()} is not a number");
            if (property.Name == "mu") mu = value;
            else if (property.Name == "sigma2") sigma2 = value;
            else nu = value;
        }
        return new ChainInit(mu ?? throw Missing(where, "mu"), sigma2 ?? throw Missing(where, "sigma2"), nu);
    }

    private static InvalidInputException Missing(string where, string key) => new($"{where}: no {key} (each chain's start needs mu and sigma2)");

    private static List<ChainInit> FromCsv(string path, string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        int headerLine = Array.FindIndex(lines, l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));
        if (headerLine < 0) return [];
        char delimiter = lines[headerLine].Contains('\t') ? '\t' : ',';
        var header = lines[headerLine].Split(delimiter).Select(h => h.Trim().Trim('"')).ToArray();
        int chainColumn = Array.FindIndex(header, h => h is "chain" or ".chain");
        foreach (string column in header)
        {
            if (Array.IndexOf(Keys, column) < 0 && column is not ("chain" or ".chain"))
                throw new InvalidInputException($"{path}, line {headerLine + 1}: unknown column '{DisplayText.Printable(column)}' (expected mu, sigma2, optionally nu and chain)");
        }
        int Column(string name) => Array.IndexOf(header, name);
        foreach (string needed in new[] { "mu", "sigma2" })
        {
            if (Column(needed) < 0)
                throw new InvalidInputException($"{path}, line {headerLine + 1}: no '{needed}' column (expected a header naming mu and sigma2)");
        }
        var inits = new List<ChainInit>();
        for (int i = headerLine + 1; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var cells = line.Split(delimiter).Select(c => c.Trim()).ToArray();
            if (cells.Length != header.Length)
                throw new InvalidInputException($"{path}, line {i + 1}: {cells.Length} cells, the header has {header.Length}");
            double Cell(string name)
            {
                string cell = cells[Column(name)];
                return double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                    ? v
                    : throw new InvalidInputException($"{path}, line {i + 1}: {name} '{DisplayText.Printable(cell)}' is not a number");
            }
            if (chainColumn >= 0 && cells[chainColumn] != (inits.Count + 1).ToString(CultureInfo.InvariantCulture))
                throw new InvalidInputException($"{path}, line {i + 1}: chain '{DisplayText.Printable(cells[chainColumn])}' where chain {inits.Count + 1} was expected (rows number the chains in order)");
            inits.Add(new ChainInit(Cell("mu"), Cell("sigma2"), Column("nu") >= 0 ? Cell("nu") : null));
        }
        return inits;
    }
}
