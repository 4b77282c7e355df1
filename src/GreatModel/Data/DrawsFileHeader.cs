using System.Globalization;
using System.Text.RegularExpressions;

namespace GreatModel.Data;

/// <summary>
/// Which run and chain a draws file says it holds, from its leading comment lines: <c># run_id = …</c>,
/// <c># run_chains = …</c> and CmdStan's <c># id = …</c> (all absent in a tidy file or one CmdStan wrote).
/// </summary>
/// <param name="Path">The file, as given.</param>
/// <param name="RunId">The run's id, or null.</param>
/// <param name="RunChains">How many chains (files) the run wrote, or null.</param>
/// <param name="ChainId">Which of them this file is (1-based), or null.</param>
internal sealed partial record DrawsFileHeader(string Path, string? RunId, int? RunChains, int? ChainId)
{
    /// <summary>The header keys greatmodel adds to CmdStan's.</summary>
    public const string RunIdKey = "run_id", RunChainsKey = "run_chains";

    private const string ChainIdKey = "id";

    /// <exception cref="InvalidInputException">The file cannot be read, or a count in its header is not a whole number ≥ 1.</exception>
    public static DrawsFileHeader Read(string path)
    {
        using var reader = ReadableFile.Open(path, "draws file");
        string? runId = null;
        int? chains = null, id = null;
        try
        {
            int number = 0;
            for (string? line; (line = reader.ReadLine()) is not null && (line.Length == 0 || line.StartsWith('#'));)
            {
                number++;
                var setting = Setting().Match(line);
                if (!setting.Success) continue;
                string key = setting.Groups[1].Value, value = setting.Groups[2].Value;
                if (key == RunIdKey) runId = value;
                else if (key == RunChainsKey) chains = Count(path, number, key, value);
                else id = Count(path, number, key, value);
            }
        }
        catch (IOException e)
        {
            throw ReadableFile.CannotRead(path, e);
        }
        return new DrawsFileHeader(path, runId, chains, id);
    }

    private static int Count(string path, int line, string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1
            ? n
            : throw new InvalidInputException($"{path}, line {line}: {key} '{value}' is not a whole number ≥ 1");

    [GeneratedRegex($@"^# ({RunIdKey}|{RunChainsKey}|{ChainIdKey}) = (\S+)\s*$")]
    private static partial Regex Setting();
}
