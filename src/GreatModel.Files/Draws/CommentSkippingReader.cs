namespace GreatModel.Files.Draws;

/// <summary>
/// A draws file's text without its comment lines ('#' first: CmdStan's header and footer), for a CSV parser that has no
/// comments of its own (Sep), streamed block by block; <see cref="OriginalLine"/> gives a line's number in the file for
/// messages. A '#' that begins a line inside a quoted cell (a group label with a line break) is the cell's, not a comment.
/// Blank lines are passed on (the reader skips empty rows).
/// </summary>
internal sealed class CommentSkippingReader(TextReader inner) : TextReader
{
    /// <summary>From each kept line on where comment lines were taken out before it: (its number among the kept lines, lines taken out before it).</summary>
    private readonly List<(int Kept, int Skipped)> _gaps = [];
    private readonly char[] _block = new char[1 << 16];
    private int _start, _end, _keptLines = 1, _skipped;
    private bool _atLineStart = true, _inComment, _inQuotes, _previousWasCarriageReturn, _dataLineOpen;

    /// <summary>
    /// Whether the text read so far ends inside a line that holds more than blanks, with no line end after it (comment lines
    /// aside): read to its end, a file cut short while being written or copied. Every row GreatModel writes ends with one.
    /// </summary>
    public bool EndsMidLine => _dataLineOpen;

    /// <summary>The file's line number of the <paramref name="keptLine"/>-th line of the text this reader gave (from 1).</summary>
    public int OriginalLine(int keptLine)
    {
        // The last gap at or before the line, by binary search (a file may have a comment between every two rows).
        int lo = 0, hi = _gaps.Count - 1, skipped = 0;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_gaps[mid].Kept <= keptLine)
            {
                skipped = _gaps[mid].Skipped;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return keptLine + skipped;
    }

    public override int Read(Span<char> buffer)
    {
        int written = 0;
        while (written < buffer.Length)
        {
            if (_start == _end)
            {
                (_start, _end) = (0, inner.Read(_block, 0, _block.Length));
                if (_end == 0) break;
            }
            char c = _block[_start++];
            bool lineEnd = c == '\n' ? !_previousWasCarriageReturn : c == '\r'; // "\r\n" ends one line
            _previousWasCarriageReturn = c == '\r';
            if (_atLineStart && !_inQuotes && c == '#') _inComment = true;
            if (_inComment)
            {
                if (lineEnd) _skipped++;
                if (c == '\n' || (lineEnd && c == '\r'))
                {
                    // A comment ends at its line end ("\r\n": at the '\n' that follows, taken out with it).
                    if (c == '\r' && PeekIsNewline()) continue;
                    _inComment = false;
                    _atLineStart = true;
                    if (_gaps.Count == 0 || _gaps[^1].Skipped != _skipped)
                    {
                        if (_gaps.Count > 0 && _gaps[^1].Kept == _keptLines) _gaps[^1] = (_keptLines, _skipped);
                        else _gaps.Add((_keptLines, _skipped));
                    }
                }
                continue;
            }
            buffer[written++] = c;
            if (c is '\n' or '\r') _dataLineOpen = false;
            else if (!char.IsWhiteSpace(c)) _dataLineOpen = true;
            if (c == '"') _inQuotes = !_inQuotes;
            if (lineEnd) _keptLines++;
            _atLineStart = lineEnd || (c == '\n' && _atLineStart);
        }
        return written;
    }

    /// <summary>Whether the next character is '\n' (reading the next block when this one is spent).</summary>
    private bool PeekIsNewline()
    {
        if (_start == _end) (_start, _end) = (0, inner.Read(_block, 0, _block.Length));
        return _start < _end && _block[_start] == '\n';
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override int Peek() => -1; // no lookahead is kept for callers

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
