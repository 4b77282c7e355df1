namespace GreatModel.Kernels;

/// <summary>Four 32-bit words: a Philox counter or output block.</summary>
public struct Block128
{
    /// <summary>Word 0 (of a counter: see <see cref="CounterSpace"/> for the words' meaning).</summary>
    public uint X0;

    /// <summary>Word 1.</summary>
    public uint X1;

    /// <summary>Word 2.</summary>
    public uint X2;

    /// <summary>Word 3 (of a counter: the stream's word, <see cref="CounterSpace"/>).</summary>
    public uint X3;

    /// <summary>The block (x0, x1, x2, x3).</summary>
    /// <param name="x0">Word 0.</param>
    /// <param name="x1">Word 1.</param>
    /// <param name="x2">Word 2.</param>
    /// <param name="x3">Word 3.</param>
    public Block128(uint x0, uint x1, uint x2, uint x3)
    {
        X0 = x0;
        X1 = x1;
        X2 = x2;
        X3 = x3;
    }

    /// <summary>
    /// The block's words moved down one place, (X1, X2, X3, 0): a loop that takes a block's words in order reads X0 and shifts,
    /// in straight-line code. Selecting the word by a run-time index compiled to a jump table on a GPU, divergent across a warp.
    /// </summary>
    /// <returns>(X1, X2, X3, 0).</returns>
    public readonly Block128 Shifted() => new(X1, X2, X3, 0);
}
