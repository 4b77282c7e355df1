namespace GreatModel.Cli;

internal static class ExitCodes
{
    public const int BadInput = 2;

    /// <summary>One line on stderr, no stack trace.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"greatmodel: error: {message}");
        return BadInput;
    }
}
