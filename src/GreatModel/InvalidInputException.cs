namespace GreatModel;

/// <summary>
/// Data the user can fix: a data or draws file, a value in it. The message is the whole explanation,
/// naming the file, line and value where there is one; programs print it as one line, never a stack
/// trace. (Options out of range are <see cref="OptionOutOfRangeException"/>.)
/// </summary>
public sealed class InvalidInputException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public InvalidInputException(string message) : base(message) { }

    /// <summary>Creates the exception with its one-line message and the option that would fix it.</summary>
    /// <param name="message">The whole explanation, naming file, line and value.</param>
    /// <param name="remedyOption">The option or argument (as named in C#, e.g. <c>column</c>) whose value would fix the problem.</param>
    public InvalidInputException(string message, string remedyOption) : base(message)
    {
        RemedyOption = remedyOption;
    }

    /// <summary>Creates the exception with its one-line message and the failure behind it.</summary>
    public InvalidInputException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The option or argument whose value would fix the problem (front ends name it their way), or null.</summary>
    public string? RemedyOption { get; }
}
