using System.Runtime.CompilerServices;
namespace GreatModel.Kernels;

/// <summary>
/// Philox4x32-10 (Salmon, Moraes, Dror &amp; Shaw, SC'11): a counter-based generator. The output is a pure
/// function of (key, counter), so any thread can draw any number without shared state, and a chain's
/// draws never depend on launch geometry or thread count. Plain arithmetic only: runs on every backend.
/// Which counters each stream of a run uses is set by <see cref="CounterSpace"/>.
/// </summary>
/// <remarks>
/// The constants are public so that the vector twin (Backends/Simd/VectorPhilox) reads the very same values;
/// PhiloxTests and VectorKernelTests hold both to Random123's known answers and to each other, bit for bit.
/// </remarks>
public static class Philox4x32
{
    /// <summary>Round multiplier of counter word 0 (Random123's PHILOX_M4x32_0).</summary>
    public const uint M0 = 0xD2511F53;

    /// <summary>Round multiplier of counter word 2 (Random123's PHILOX_M4x32_1).</summary>
    public const uint M1 = 0xCD9E8D57;

    /// <summary>Weyl increment of key word 0 per round (Random123's PHILOX_W32_0, the golden ratio).</summary>
    public const uint W0 = 0x9E3779B9;

    /// <summary>Weyl increment of key word 1 per round (Random123's PHILOX_W32_1, √3 - 1).</summary>
    public const uint W1 = 0xBB67AE85;

    /// <summary>Number of rounds: 10, Random123's default (a safety margin over the 7 that pass BigCrush).</summary>
    public const int Rounds = 10;

    /// <summary>
    /// Random bits in an <see cref="OpenUniform53"/> uniform: 52 (a 53-bit integer would round its top value
    /// up to exactly 1). They are the top 52 of the 64 bits (hi, lo).
    /// </summary>
    public const int OpenUniformBits = 52;

    /// <summary>2^-52: the spacing of the <see cref="OpenUniform53"/> grid.</summary>
    public const double OpenUniform52Scale = 1.0 / 4503599627370496.0;

    /// <summary>2^-32: the spacing of the <see cref="OpenUniform32"/> grid.</summary>
    public const double OpenUniform32Scale = 1.0 / 4294967296.0;

    /// <summary>One Philox4x32-10 block: ten rounds of multiply, swap and xor with the bumped key.</summary>
    /// <param name="counter">The 128-bit counter (see <see cref="CounterSpace"/> for the words' meaning).</param>
    /// <param name="key0">Low word of the key (the run's seed).</param>
    /// <param name="key1">High word of the key.</param>
    /// <returns>Four random 32-bit words, a pure function of counter and key.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // full optimisation at the first call (the rare paths that call it would run tier-0 code for most of a run)
    public static Block128 Generate(Block128 counter, uint key0, uint key1)
    {
        uint c0 = counter.X0, c1 = counter.X1, c2 = counter.X2, c3 = counter.X3;
        for (int round = 0; round < Rounds; round++)
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
    /// A uniform in the open interval (0, 1) on the grid (k + 1/2)·2^-52, k the top 52 bits of the 64-bit
    /// word (hi, lo). (A 53-bit k would round its top value up to exactly 1.)
    /// </summary>
    /// <param name="hi">The high 32 bits: all of them go into k.</param>
    /// <param name="lo">The low 32 bits: the top 20 go into k.</param>
    /// <returns>u in (0, 1): at least 2^-53, at most 1 - 2^-53.</returns>
    public static double OpenUniform53(uint hi, uint lo) =>
        (PortableMath.UnsignedToDouble(((ulong)hi << (OpenUniformBits - 32)) ^ (lo >> (64 - OpenUniformBits))) + 0.5) * OpenUniform52Scale;

    /// <summary>A uniform in the open interval (0, 1) with 32 random bits: (word + 1/2)·2^-32.</summary>
    /// <param name="word">A random 32-bit word.</param>
    /// <returns>u in (0, 1): at least 2^-33, at most 1 - 2^-33.</returns>
    public static double OpenUniform32(uint word) => (PortableMath.UnsignedToDouble(word) + 0.5) * OpenUniform32Scale;
}
