namespace GreatModel.Data;

/// <summary>
/// A text reader that refuses a line longer than <see cref="MaxLineLength"/> characters, naming the source and line: a file
/// with no line breaks (<c>/dev/zero</c>, a binary file, one huge cell) was read into memory without bound, gigabytes
/// before anything was said. Data and init files have short lines; draws files (a row per draw, log_lik columns of every
/// datum) are not read through it.
/// </summary>
internal sealed class LineLengthGuard(TextReader inner, string source) : TextReader
{
    /// <summary>The longest line accepted: 2^26 characters (64 Mi), a wide file's header of a million columns and more.</summary>
    public const int MaxLineLength = 1 << 26;

    private long _lineLength;
    private int _line = 1;

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        int c = inner.Read();
        if (c >= 0) Count(c);
        return c;
    }

    public override int Read(char[] buffer, int index, int count)
    {
        int n = inner.Read(buffer, index, count);
        for (int i = index; i < index + n; i++) Count(buffer[i]);
        return n;
    }

    public override int Read(Span<char> buffer)
    {
        int n = inner.Read(buffer);
        foreach (char c in buffer[..n]) Count(c);
        return n;
    }

    private void Count(int c)
    {
        if (c == '\n')
        {
            _line++;
            _lineLength = 0;
        }
        else if (++_lineLength > MaxLineLength)
        {
            throw new InvalidInputException($"{source}, line {_line}: longer than {MaxLineLength:N0} characters with no line break; " +
                "is it a text file of values, one row per line?");
        }
    }
}
