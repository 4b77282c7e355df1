using System.Globalization;
using GreatModel.Sampling;

namespace GreatModel.Files.Draws;

/// <summary>
/// What draws files cost, known before a run: their size on disk, the memory a sink holds per chain
/// while writing, the open files the CmdStan layout needs, and the memory of reading the draws back
/// (<see cref="DrawsFileSink.ReadBack"/>). Estimates, on the high side.
/// </summary>
public static class DrawsFileCosts
{
    /// <summary>Characters of one number in round-trip form, on the high side of the usual 17–19 (-2.6395634562669366).</summary>
    private const int NumberChars = 20;

    /// <summary>
    /// The CmdStan layout's open body file per chain: a <see cref="StreamWriter"/> and its file stream,
    /// with their buffers, and the paths; measured, rounded up (a test holds it above the real size).
    /// </summary>
    private const long OpenChainFileBytes = 12 << 10;

    /// <summary>Files a process keeps open besides the draws (standard streams, the runtime's own).</summary>
    private const int OtherOpenFiles = 64;

    /// <summary>
    /// Host bytes per draw read back, per parameter and fixed: the reader's row (an array and a list slot,
    /// lists at up to twice their length while growing), the per-chain grouping and the final per-parameter arrays.
    /// </summary>
    private const long ReadBackBytesPerDraw = 128, ReadBackBytesPerValue = 16;

    /// <summary>The size of the draws files of <paramref name="chains"/> chains × <paramref name="draws"/> draws in <paramref name="format"/>.</summary>
    /// <param name="format">The layout.</param>
    /// <param name="chains">Chains. Range: ≥ 0.</param>
    /// <param name="draws">Draws per chain. Range: ≥ 0.</param>
    /// <param name="pointwiseColumns">Per-datum columns each row carries too (<see cref="PointwiseColumns"/>). Range: ≥ 0.</param>
    public static long EstimatedBytes(DrawsFormat format, int chains, int draws, int pointwiseColumns = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chains);
        ArgumentOutOfRangeException.ThrowIfNegative(draws);
        ArgumentOutOfRangeException.ThrowIfNegative(pointwiseColumns);
        long values = 3 + pointwiseColumns; // mu, sigma2, nu (when estimated), then log_lik / y_rep
        long row = (values * (NumberChars + 1)) + 1; // each number and its comma or line break
        if (format == DrawsFormat.Tidy) // .chain, .iteration, .draw and their commas
            return 64 + ((long)chains * draws * (row + Digits(chains) + Digits(draws) + Digits((long)chains * draws) + 3));
        const int header = 1536; // CmdStan's comment header and timing footer
        return (long)chains * (header + ((long)draws * (row + "0,0,".Length)));
    }

    /// <summary>Host bytes a sink of <paramref name="format"/> holds per chain while the run writes it.</summary>
    public static long HostBytesPerChain(DrawsFormat format) => format == DrawsFormat.CmdStan ? OpenChainFileBytes : 0;

    /// <summary>Host bytes to read back <paramref name="parameters"/> of <paramref name="chains"/> × <paramref name="draws"/> draws at once.</summary>
    public static long ReadBackBytes(int chains, int draws, int parameters) =>
        (long)chains * draws * (ReadBackBytesPerDraw + (ReadBackBytesPerValue * parameters));

    /// <summary>
    /// Throws <see cref="OptionOutOfRangeException"/> on <paramref name="chains"/> when the CmdStan layout's
    /// one open file per chain would pass this process's limit on open files (where the system says it).
    /// </summary>
    /// <param name="chains">Chains per group. Range: ≥ 1.</param>
    /// <param name="groups">Groups, each with its own files. Range: ≥ 1.</param>
    public static void CheckOpenFiles(int chains, int groups = 1)
    {
        long files = (long)chains * groups;
        if (OpenFileLimit() is not { } limit || files + OtherOpenFiles <= limit) return;
        // The value is the user's --chains; the count of files says where the rest comes from (a grouped run's chains × groups).
        string perGroup = groups == 1 ? "" : $" × {groups} groups = {files} files";
        throw new OptionOutOfRangeException(nameof(chains), chains, string.Create(CultureInfo.InvariantCulture,
            $"the CmdStan layout keeps one file per chain{(groups == 1 ? "" : " and group")} open while sampling ({chains} chains{perGroup}), and this process may open {limit} files (ulimit -n); " +
            $"at most ~{ResourceEstimate.Approximately(Math.Max(0, limit - OtherOpenFiles))} {(groups == 1 ? "chains fit" : "files fit")}, or write the tidy layout (one file)"));
    }

    /// <summary>The soft limit on open files from /proc/self/limits (Linux), or null where there is none to read.</summary>
    internal static long? OpenFileLimit()
    {
        const string limits = "/proc/self/limits";
        if (!File.Exists(limits)) return null;
        foreach (string line in File.ReadLines(limits))
        {
            if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
            string[] words = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return words.Length > 0 && long.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out long soft) ? soft : null;
        }
        return null;
    }

    private static int Digits(long value) => value.ToString(CultureInfo.InvariantCulture).Length;
}
