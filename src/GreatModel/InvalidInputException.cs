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

    /// <summary>Creates the exception with its one-line message and the failure behind it.</summary>
    public InvalidInputException(string message, Exception inner) : base(message, inner) { }
}
