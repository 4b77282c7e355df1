namespace GreatModel;

/// <summary>
/// Input the user can fix (a data file, an option value). The message is the whole explanation,
/// naming the file, line and value where there is one; programs print it as one line, never a stack trace.
/// </summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException(string message) : base(message) { }

    public InvalidInputException(string message, Exception inner) : base(message, inner) { }
}
