namespace GreatModel.Files.Input;

/// <summary>
/// A text reader that refuses a line longer than its limit, or more text in all than its limit, naming the source and line:
/// a file with no line breaks (<c>/dev/zero</c>, a binary file, one huge cell) or with no end (<c>/dev/urandom</c>) was read
/// into memory without bound, gigabytes before anything was said. Lines end at "\n", "\r\n" or a lone "\r", as CsvHelper
/// reads them.
/// </summary>
/// <param name="inner">The text, read through this guard only.</param>
/// <param name="source">The file's name in messages.</param>
/// <param name="maxLineLength">The longest line accepted, in characters. Range: ≥ 1.</param>
/// <param name="maxTotal">The most characters accepted in all. Range: ≥ 1.</param>
internal sealed class LineLengthGuard(TextReader inner, string source, long maxLineLength = LineLengthGuard.DataLine, long maxTotal = long.MaxValue) : TextReader
{
    /// <summary>The longest line of a data or init file: 2^23 characters (8 Mi: the CSV parser, Sep, holds rows of up to 16 Mi with what it has read ahead), a header of half a million short names.</summary>
    public const long DataLine = 1 << 23;

    /// <summary>
    /// The longest line of a draws file, and the most text of a run's JSON record: 2^30 characters (1 Gi). A draws row holds
    /// every datum's log_lik and y_rep when asked, and a checkpoint every chain's state, so these run far longer than data lines.
    /// </summary>
    public const long RecordText = 1L << 30;

    private long _lineLength, _total;
    private int _line = 1;
    private bool _afterCarriageReturn;

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        int c = inner.Read();
        if (c >= 0) Count((char)c);
        return c;
    }

    public override int Read(char[] buffer, int index, int count)
    {
        int n = inner.Read(buffer, index, count);
        Count(buffer.AsSpan(index, n));
        return n;
    }

    public override int Read(Span<char> buffer)
    {
        int n = inner.Read(buffer);
        Count(buffer[..n]);
        return n;
    }

    /// <summary>A block's characters counted line by line: the stretches between line breaks found by a vectorised search, not one by one.</summary>
    private void Count(ReadOnlySpan<char> text)
    {
        // Most blocks: no '\r' in or just before them (a "\r\n" split between blocks is one break), shorter than a line may be.
        // Then only the line the block continues can pass the limit, and the lines are the '\n's: three vectorised passes.
        if (!_afterCarriageReturn && text.Length <= maxLineLength && _total + text.Length <= maxTotal && !text.Contains('\r'))
        {
            int firstBreak = text.IndexOf('\n');
            if (_lineLength + (firstBreak < 0 ? text.Length : firstBreak) <= maxLineLength)
            {
                _total += text.Length;
                if (firstBreak < 0)
                {
                    _lineLength += text.Length;
                }
                else
                {
                    _line += text.Count('\n');
                    _lineLength = text.Length - text.LastIndexOf('\n') - 1;
                }
                _afterCarriageReturn = false;
                return;
            }
        }
        while (!text.IsEmpty)
        {
            int at = text.IndexOfAny('\n', '\r');
            int stretch = at < 0 ? text.Length : at;
            if (stretch > 0)
            {
                // The stretch's characters are neither '\n' nor '\r': each adds to the line, as Count(char) would add it.
                if (_total + stretch > maxTotal || _lineLength + stretch > maxLineLength)
                {
                    foreach (char c in text[..stretch]) Count(c); // the limit falls inside: one by one, to refuse where it does
                }
                else
                {
                    _total += stretch;
                    _lineLength += stretch;
                    _afterCarriageReturn = false;
                }
            }
            if (at < 0) return;
            Count(text[at]);
            text = text[(at + 1)..];
        }
    }

    private void Count(char c)
    {
        if (++_total > maxTotal)
            throw new InvalidInputException($"{source}: more than {maxTotal:N0} characters; is it the file meant?");
        bool lineFeedAfterReturn = c == '\n' && _afterCarriageReturn; // "\r\n": one line break, counted at the '\r'
        _afterCarriageReturn = c == '\r';
        if (c is '\n' or '\r')
        {
            if (!lineFeedAfterReturn) _line++;
            _lineLength = 0;
        }
        else if (++_lineLength > maxLineLength)
        {
            throw new InvalidInputException($"{source}, line {_line}: longer than {maxLineLength:N0} characters with no line break; " +
                "is it a text file, one row per line?");
        }
    }
}
