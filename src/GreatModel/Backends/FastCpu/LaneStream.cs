using System.Runtime.CompilerServices;
using GreatModel.Kernels;

namespace GreatModel.Backends.FastCpu;

/// <summary>
/// One xoshiro256++ stream (Blackman &amp; Vigna, 2019), with up to two words put in front of it: a draw that
/// its first two words (from a lane's main stream) do not finish goes on in a spill stream, which must hand
/// out those words first.
/// </summary>
internal struct LaneStream
{
    /// <summary>The xoshiro256++ state words.</summary>
    public ulong S0, S1, S2, S3;

    /// <summary>Words queued by <see cref="PushFront(ulong, ulong)"/>, handed out before the state's own.</summary>
    private ulong _pending0, _pending1;

    /// <summary>How many queued words are left (0 to 2).</summary>
    private int _pendingCount;

    /// <summary>A stream in state (s0, s1, s2, s3); the all-zero state becomes (1, 0, 0, 0).</summary>
    public LaneStream(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        S0 = s0;
        S1 = s1;
        S2 = s2;
        S3 = s3;
        if ((s0 | s1 | s2 | s3) == 0) S0 = 1; // the one state xoshiro cannot leave (probability 2^-256)
    }

    /// <summary>
    /// The state of stream <paramref name="index"/> (0 ≤ index &lt; <see cref="CounterSpace.LaneSeedStreams"/>)
    /// of one (chain, sweep, tile): 256 bits from two Philox blocks of the run's key. Counter word 3 is
    /// <see cref="SeedWord"/> + 2·index + half, inside <see cref="CounterSpace.LaneSeeds"/>, a range no other
    /// stream uses, so seeds never repeat another draw of the run.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // full optimisation at the first call (the rare paths that call it would run tier-0 code for most of a run)
    public static LaneStream Seeded(uint key0, uint key1, int chain, uint sweep, int tile, int index)
    {
        uint word3 = SeedWord + (2u * (uint)index);
        var a = Philox4x32.Generate(new Block128((uint)tile, sweep, (uint)chain, word3), key0, key1);
        var b = Philox4x32.Generate(new Block128((uint)tile, sweep, (uint)chain, word3 + 1), key0, key1);
        return new LaneStream(Join(a.X0, a.X1), Join(a.X2, a.X3), Join(b.X0, b.X1), Join(b.X2, b.X3));
    }

    /// <summary>Counter word 3 of stream 0's first seed block: <see cref="CounterSpace.LaneSeedFirst"/>.</summary>
    public const uint SeedWord = CounterSpace.LaneSeedFirst;

    /// <summary>The 64-bit word (hi, lo).</summary>
    private static ulong Join(uint hi, uint lo) => ((ulong)hi << 32) | lo;

    /// <summary>Queues one word already drawn elsewhere (it comes out first).</summary>
    public void PushFront(ulong word)
    {
        _pending1 = word;
        _pendingCount = 1;
    }

    /// <summary>Queues two words already drawn elsewhere (they come out first, in order).</summary>
    public void PushFront(ulong first, ulong second)
    {
        _pending0 = first;
        _pending1 = second;
        _pendingCount = 2;
    }

    /// <summary>xoshiro256++'s output rotation (23).</summary>
    public const int ResultRotation = 23;

    /// <summary>xoshiro256++'s state shift (17).</summary>
    public const int StateShift = 17;

    /// <summary>xoshiro256++'s state rotation (45).</summary>
    public const int StateRotation = 45;

    /// <summary>The next word: a queued one (<see cref="PushFront(ulong, ulong)"/>) first, else one xoshiro256++ step. Vector twin: <see cref="XoshiroLanes.Next()"/>.</summary>
    public ulong Next()
    {
        if (_pendingCount > 0)
        {
            ulong word = _pendingCount == 2 ? _pending0 : _pending1;
            _pendingCount--;
            return word;
        }
        ulong result = ulong.RotateLeft(S0 + S3, ResultRotation) + S0;
        ulong t = S1 << StateShift;
        S2 ^= S0;
        S3 ^= S1;
        S1 ^= S2;
        S0 ^= S3;
        S2 ^= t;
        S3 = ulong.RotateLeft(S3, StateRotation);
        return result;
    }

    /// <summary>A uniform in the open interval (0, 1): (k + 1/2)·2^-52 for the word's top 52 bits.</summary>
    public double NextOpenUniform() => OpenUniform(Next());

    /// <summary>Philox's 53-bit-pair uniform of the word's two halves, which takes exactly its top 52 bits.</summary>
    public static double OpenUniform(ulong word) => Philox4x32.OpenUniform53((uint)(word >> 32), (uint)word);
}
