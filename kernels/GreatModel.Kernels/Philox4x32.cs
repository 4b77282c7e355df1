namespace GreatModel.Kernels;

/// <summary>
/// Philox4x32-10 (Salmon, Moraes, Dror &amp; Shaw, SC'11): a counter-based generator. The output is a pure
/// function of (key, counter), so any thread can draw any number without shared state, and a chain's
/// draws never depend on launch geometry or thread count. Plain arithmetic only: runs on every backend.
/// </summary>
public static class Philox4x32
{
    private const uint M0 = 0xD2511F53, M1 = 0xCD9E8D57;
    private const uint W0 = 0x9E3779B9, W1 = 0xBB67AE85;

    public static Block128 Generate(Block128 counter, uint key0, uint key1)
    {
        uint c0 = counter.X0, c1 = counter.X1, c2 = counter.X2, c3 = counter.X3;
        for (int round = 0; round < 10; round++)
        {
            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint n0 = (uint)(p1 >> 32) ^ c1 ^ key0;
            uint n2 = (uint)(p0 >> 32) ^ c3 ^ key1;
            c0 = n0;
            c1 = (uint)p1;
            c2 = n2;
            c3 = (uint)p0;
            key0 += W0;
            key1 += W1;
        }
        return new Block128(c0, c1, c2, c3);
    }

    /// <summary>
    /// A uniform in the open interval (0, 1) on the grid (k + 1/2)·2^-52, k a 52-bit integer from two words.
    /// (A 53-bit k would round its top value up to exactly 1.)
    /// </summary>
    public static double OpenUniform53(uint hi, uint lo) =>
        ((((ulong)hi << 20) ^ (lo >> 12)) + 0.5) * (1.0 / 4503599627370496.0);

    /// <summary>A uniform in the open interval (0, 1) with 32 random bits.</summary>
    public static double OpenUniform32(uint word) => (word + 0.5) * (1.0 / 4294967296.0);
}
