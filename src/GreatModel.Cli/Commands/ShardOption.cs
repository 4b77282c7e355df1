using System.Globalization;
using System.Text.RegularExpressions;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;

namespace GreatModel.Cli.Commands;

/// <summary>
/// <c>fit --chain-range A:B</c> and <c>--shard I/K</c> (#17): which of the run's <c>--chains</c> this process runs, and the
/// manifest a shard leaves beside its draws for <c>greatmodel merge</c>.
/// </summary>
internal static partial class ShardOption
{
    /// <summary>
    /// The global chains [First, First + Count) this process runs, or null for the whole run. <c>--shard auto</c> reads a
    /// Slurm job array (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT) or a Kubernetes Indexed Job
    /// (JOB_COMPLETION_INDEX, the count given as <c>auto/K</c>).
    /// </summary>
    /// <exception cref="InvalidInputException">A malformed or impossible range, named with its option.</exception>
    public static (int First, int Count)? Parse(string? chainRange, string? shard, int totalChains, Func<string, string?> environment)
    {
        if (chainRange is not null && shard is not null)
            throw new InvalidInputException($"--chain-range {chainRange}: give it or --shard {shard}, not both");
        if (chainRange is not null)
        {
            var m = Range().Match(chainRange);
            if (!m.Success) throw new InvalidInputException($"--chain-range {chainRange}: expected FIRST:END, global chain ids from 0 with END excluded (16:32)");
            long first = Number(m.Groups[1].Value), end = Number(m.Groups[2].Value);
            if (end <= first) throw new InvalidInputException($"--chain-range {chainRange}: END must be above FIRST");
            if (end > totalChains) throw new InvalidInputException($"--chain-range {chainRange}: runs past the run's --chains {totalChains}");
            return ((int)first, (int)(end - first));
        }
        if (shard is null) return null;
        var (index, count) = shard.StartsWith("auto", StringComparison.Ordinal) ? FromEnvironment(shard, environment) : Ordinal(shard);
        if (count > totalChains)
            throw new InvalidInputException($"--shard {shard}: {count} shards of {totalChains} chains would leave some empty; use at most {totalChains}");
        // Equal ranges: shard i (0-based) of K runs chains ⌊i·C/K⌋ .. ⌊(i+1)·C/K⌋ − 1.
        int from = (int)((long)index * totalChains / count), to = (int)((long)(index + 1) * totalChains / count);
        return (from, to - from);
    }

    /// <summary>I/K with I from 1 to K: the I-th of K equal ranges; returned 0-based.</summary>
    private static (int Index, int Count) Ordinal(string shard)
    {
        var m = Fraction().Match(shard);
        if (!m.Success) throw new InvalidInputException($"--shard {shard}: expected I/K (the I-th of K equal ranges, I from 1 to K), auto or auto/K");
        long i = Number(m.Groups[1].Value), k = Number(m.Groups[2].Value);
        if (k < 1) throw new InvalidInputException($"--shard {shard}: K must be at least 1 (the number of shards)");
        if (i < 1 || i > k) throw new InvalidInputException($"--shard {shard}: I must be from 1 to K");
        return ((int)(i - 1), (int)k);
    }

    private static (int Index, int Count) FromEnvironment(string shard, Func<string, string?> environment)
    {
        var m = Auto().Match(shard);
        if (!m.Success) throw new InvalidInputException($"--shard {shard}: expected auto or auto/K");
        long? given = m.Groups[1].Success ? Number(m.Groups[1].Value) : null;
        if (environment("SLURM_ARRAY_TASK_ID") is { } task)
        {
            long id = EnvironmentNumber("SLURM_ARRAY_TASK_ID", task), min = environment("SLURM_ARRAY_TASK_MIN") is { } low ? EnvironmentNumber("SLURM_ARRAY_TASK_MIN", low) : 0;
            long count = environment("SLURM_ARRAY_TASK_COUNT") is { } c ? EnvironmentNumber("SLURM_ARRAY_TASK_COUNT", c)
                : given ?? throw new InvalidInputException($"--shard {shard}: SLURM_ARRAY_TASK_COUNT is not set; give the count as --shard auto/K");
            // A part of an array (a re-run of failed tasks) carries its own count and minimum: taken as the whole, it would
            // silently run other chains than the shard's. Refused wherever it can be told apart from a whole array.
            if (environment("SLURM_ARRAY_TASK_STEP") is { } step && step != "1")
                throw new InvalidInputException($"--shard {shard}: a stepped Slurm array (SLURM_ARRAY_TASK_STEP = {step}) does not number shards 0 to K-1; give --shard I/K");
            if (environment("SLURM_ARRAY_TASK_MAX") is { } high && EnvironmentNumber("SLURM_ARRAY_TASK_MAX", high) - min + 1 != count)
                throw new InvalidInputException($"--shard {shard}: a Slurm array that is not one contiguous range (ids {min} to {high}, {count} tasks) does not number shards 0 to K-1; give --shard I/K");
            if (given is { } k && count != k)
                throw new InvalidInputException($"--shard {shard}: SLURM_ARRAY_TASK_COUNT is {count}, not {k}: a part of the array (a re-run?); give this task's shard as --shard I/{k}");
            if (given is null && min > 1)
                throw new InvalidInputException($"--shard {shard}: SLURM_ARRAY_TASK_MIN is {min}: a part of an array (a re-run?) would run as the whole; give --shard auto/K with the whole array's count, or --shard I/K");
            return Checked(shard, id - min, count, "SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN");
        }
        if (environment("JOB_COMPLETION_INDEX") is { } index)
        {
            long count = given ?? throw new InvalidInputException($"--shard {shard}: a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) needs the count: --shard auto/K");
            return Checked(shard, EnvironmentNumber("JOB_COMPLETION_INDEX", index), count, "JOB_COMPLETION_INDEX");
        }
        throw new InvalidInputException($"--shard {shard}: neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; give --shard I/K");
    }

    private static (int Index, int Count) Checked(string shard, long index, long count, string source)
    {
        if (count < 1 || index < 0 || index >= count)
            throw new InvalidInputException($"--shard {shard}: {source} = {index} is not a shard of {count} (0 to {count - 1})");
        return ((int)index, (int)count);
    }

    private static long Number(string digits) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n <= int.MaxValue ? n : int.MaxValue + 1L;

    private static long EnvironmentNumber(string name, string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n <= int.MaxValue
            ? n
            : throw new InvalidInputException($"--shard auto: {name} = '{value}' is not a whole number");

    /// <summary>Writes the manifest of a shard's draws file <paramref name="drawsPath"/> beside it: the run's record and what the file holds.</summary>
    /// <param name="groupCounts">A grouped run's observations per group, in order; null for an ungrouped run.</param>
    public static void WriteManifest(string drawsPath, RunRecord run, int drawsPerChain, IReadOnlyList<int>? groupCounts) =>
        new ShardManifest
        {
            Run = run,
            DrawsFile = Path.GetFileName(drawsPath),
            Columns = File.ReadLines(drawsPath).First(),
            DrawsPerChain = drawsPerChain,
            GroupCounts = groupCounts,
            DrawsSha256 = ShardManifest.FileSha256(drawsPath), // one more read of the file: merge checks the rows against it
        }.Write(ShardManifest.PathFor(drawsPath));

    /// <summary>" (chains F-L of T, a shard)" for a shard's report line; empty for a whole run.</summary>
    public static string RangeNote(SamplerOptions options) => options.TotalChains is { } total
        ? string.Create(CultureInfo.InvariantCulture, $" (global chains {options.FirstChain}-{options.FirstChain + options.Chains - 1} of {total}: a shard)")
        : "";

    [GeneratedRegex(@"^([0-9]+):([0-9]+)$")]
    private static partial Regex Range();

    [GeneratedRegex(@"^([0-9]+)/([0-9]+)$")]
    private static partial Regex Fraction();

    [GeneratedRegex(@"^auto(?:/([0-9]+))?$")]
    private static partial Regex Auto();
}
