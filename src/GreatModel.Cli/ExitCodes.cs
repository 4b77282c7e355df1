namespace GreatModel.Cli;

internal static class ExitCodes
{
    public const int BadInput = 2;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT, the shell convention); completed draws were kept.</summary>
    public const int Interrupted = 130;

    /// <summary>One line on stderr, no stack trace.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"greatmodel: error: {message}");
        return BadInput;
    }
}
