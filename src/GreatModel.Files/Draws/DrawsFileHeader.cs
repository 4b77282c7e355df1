using System.Globalization;
using System.Text.RegularExpressions;

namespace GreatModel.Files.Draws;

/// <summary>
/// Which run and chain a draws file says it holds, from its leading comment lines: <c># run_id = …</c>,
/// <c># run_chains = …</c> and CmdStan's <c># id = …</c> (all absent in a tidy file or one CmdStan wrote).
/// </summary>
/// <param name="Path">The file, as given.</param>
/// <param name="RunId">The run's id, or null.</param>
/// <param name="RunChains">How many chains (files) the run wrote, or null.</param>
/// <param name="ChainId">Which of them this file is (1-based), or null.</param>
/// <param name="WarmupRows">
/// Draw rows before the sampling's: ⌈num_warmup / thin⌉ when CmdStan's <c>save_warmup</c> is 1 (or true), else 0; every
/// reader leaves them out of the draws (CmdStan's own files, and ours with --save-warmup).
/// </param>
/// <param name="SamplingRows">The sampling's draw rows, ⌈num_samples / thin⌉, when the header gives num_samples; else null.</param>
/// <param name="Group">The group of a grouped run's file (<c># greatmodel: group = …</c>), else null.</param>
internal sealed partial record DrawsFileHeader(string Path, string? RunId, int? RunChains, int? ChainId, int WarmupRows = 0, long? SamplingRows = null,
    string? Group = null)
{
    /// <summary>The header keys greatmodel adds to CmdStan's.</summary>
    public const string RunIdKey = "run_id", RunChainsKey = "run_chains";

    private const string ChainIdKey = "id";

    /// <exception cref="InvalidInputException">The file cannot be read, or a count in its header is not a whole number ≥ 1.</exception>
    public static DrawsFileHeader Read(string path)
    {
        using var file = ReadableFile.Open(path, "draws file");
        using var reader = new LineLengthGuard(file, path, LineLengthGuard.RecordText);
        string? runId = null;
        int? chains = null, id = null;
        bool saveWarmup = false;
        long warmup = 0, thin = 1;
        long? samples = null;
        string? group = null;
        try
        {
            int number = 0;
            for (string? line; (line = reader.ReadLine()) is not null && (line.Length == 0 || line.StartsWith('#'));)
            {
                number++;
                var sampling = SamplingSetting().Match(line);
                if (sampling.Success)
                {
                    string name = sampling.Groups[1].Value, text = sampling.Groups[2].Value;
                    if (name == "save_warmup") saveWarmup = text is "1" or "true";
                    else if (name == "num_warmup") warmup = WholeNumber(path, number, name, text, minimum: 0);
                    else if (name == "num_samples") samples = WholeNumber(path, number, name, text, minimum: 0);
                    else thin = WholeNumber(path, number, name, text, minimum: 1);
                    continue;
                }
                if (GroupLine().Match(line) is { Success: true } grouped) group = grouped.Groups[1].Value;
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
        long warmupRows = saveWarmup ? (warmup + thin - 1) / thin : 0;
        if (warmupRows > int.MaxValue) throw new InvalidInputException($"{path}: num_warmup {warmup} is more rows than a file can hold");
        return new DrawsFileHeader(path, runId, chains, id, (int)warmupRows, samples is { } n ? (n + thin - 1) / thin : null, group);
    }

    private static long WholeNumber(string path, int line, string key, string value, int minimum) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n >= minimum
            ? n
            : throw new InvalidInputException($"{path}, line {line}: {key} '{value}' is not a whole number ≥ {minimum}");

    private static int Count(string path, int line, string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1
            ? n
            : throw new InvalidInputException($"{path}, line {line}: {key} '{value}' is not a whole number ≥ 1");

    /// <summary>A grouped run's line <c># greatmodel: group = LABEL, nu = …, n = …</c> (the label up to the last ", nu = ").</summary>
    [GeneratedRegex(@"^# greatmodel: group = (.*), nu = [^,]*, n = \d+")]
    private static partial Regex GroupLine();

    [GeneratedRegex($@"^# ({RunIdKey}|{RunChainsKey}|{ChainIdKey}) = (\S+)\s*$")]
    private static partial Regex Setting();

    /// <summary>CmdStan's nested sample settings that say how many warm-up rows lead the draws (a value may end in " (Default)").</summary>
    [GeneratedRegex(@"^#\s+(save_warmup|num_warmup|num_samples|thin) = (\S+)(?: \(Default\))?\s*$")]
    private static partial Regex SamplingSetting();
}
