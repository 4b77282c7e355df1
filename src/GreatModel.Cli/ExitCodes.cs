namespace GreatModel.Cli;

internal static class ExitCodes
{
    /// <summary>Bad input: an option, a data file, an output path (nothing was sampled or written).</summary>
    public const int BadInput = 2;

    /// <summary>The sampler's state stopped being a valid draw mid-run; the run's outputs were not written.</summary>
    public const int NumericalFailure = 3;

    /// <summary>
    /// A file could not be written (or read) once the run was under way: a full disk, a file too large for
    /// its file system, a folder made read-only or removed, lost permission, a closed output pipe. The file
    /// named was not replaced (an earlier one there is unchanged) and no temporary file is left.
    /// </summary>
    public const int IoFailure = 4;

    /// <summary>Stopped by SIGHUP (128 + 1: the terminal closed); completed draws were kept.</summary>
    public const int HangUp = 129;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT, the shell convention); completed draws were kept.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (128 + 15: <c>kill</c>, a scheduler's time limit); completed draws were kept.</summary>
    public const int Terminated = 143;

    /// <summary>
    /// One line on stderr, no stack trace. Control characters (other than tab) are shown as \uXXXX, whatever built the
    /// message: a value typed or read from a file never moves the cursor, colours the terminal or clears it.
    /// </summary>
    public static int Fail(string message, int code = BadInput)
    {
        string visible = message.Any(IsHidden) ? string.Concat(message.Select(c => IsHidden(c) ? $"\\u{(int)c:X4}" : c.ToString())) : message;
        Console.Error.WriteLine($"greatmodel: error: {visible}");
        return code;
    }

    private static bool IsHidden(char c) => char.IsControl(c) && c != '\t';
}
