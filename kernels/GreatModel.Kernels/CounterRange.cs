namespace GreatModel.Kernels;

/// <summary>
/// A named, inclusive range of values of Philox counter word 3: the values one random stream may use
/// (see <see cref="CounterSpace"/>). A single value is a range with <see cref="First"/> = <see cref="Last"/>.
/// </summary>
public readonly struct CounterRange
{
    /// <summary>A range of word-3 values.</summary>
    /// <param name="name">The stream's name, for listings and test messages.</param>
    /// <param name="first">The first value. Range: first ≤ last.</param>
    /// <param name="last">The last value (inclusive). Range: last ≥ first.</param>
    /// <param name="reserved">True when no code draws from the range yet: it is kept for a coming stream.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="last"/> is below <paramref name="first"/>.</exception>
    public CounterRange(string name, uint first, uint last, bool reserved = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(last, first);
        Name = name;
        First = first;
        Last = last;
        Reserved = reserved;
    }

    /// <summary>The stream's name.</summary>
    public string Name { get; }

    /// <summary>The first word-3 value of the range.</summary>
    public uint First { get; }

    /// <summary>The last word-3 value of the range (inclusive). Range: Last ≥ First.</summary>
    public uint Last { get; }

    /// <summary>True when the range is kept for a stream that no code draws from yet.</summary>
    public bool Reserved { get; }

    /// <summary>Whether <paramref name="word3"/> lies in the range.</summary>
    /// <param name="word3">A value of counter word 3.</param>
    /// <returns>True when First ≤ word3 ≤ Last.</returns>
    public bool Contains(uint word3) => First <= word3 && word3 <= Last;

    /// <summary>Whether this range and <paramref name="other"/> share a value.</summary>
    /// <param name="other">Another range.</param>
    /// <returns>True when some word-3 value lies in both.</returns>
    public bool Overlaps(CounterRange other) => First <= other.Last && other.First <= Last;

    /// <summary>The name and the bounds in hexadecimal, e.g. "GammaBoost: 0x80000000..0x80000000".</summary>
    /// <returns>A one-line description of the range.</returns>
    public override string ToString() =>
        $"{Name}: 0x{First:X8}..0x{Last:X8}{(Reserved ? " (reserved)" : "")}";
}
