using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using GreatModel.Backends.Simd;
using GreatModel.Kernels;
using MathNet.Numerics.Random;

namespace GreatModel.Random;

/// <summary>
/// A MathNet.Numerics random source over Philox4x32-10 keyed by the run's seed, for one chain and one
/// stream: chains get independent streams from one seed with no seed-collision risk.
/// </summary>
internal sealed class PhiloxRandomSource : RandomSource
{
    /// <summary>
    /// Blocks generated per refill: sixteen, two Vector512 of eight where the CPU has SIMD, made side by side
    /// (<see cref="VectorPhilox.GeneratePair"/> costs what one set of eight does). Changes no value: blocks are
    /// counter-addressed.
    /// </summary>
    private const int BlocksPerRefill = 16;

    /// <summary>Blocks in one Vector512.</summary>
    private const int BlocksPerVector = 8;

    private readonly uint _key0, _key1, _chain, _stream;
    private readonly double[] _buffer = new double[2 * BlocksPerRefill];
    private ulong _blockIndex;
    private int _next = 2 * BlocksPerRefill;

    /// <summary>The stream <paramref name="stream"/> of chain <paramref name="chain"/> under key <paramref name="seed"/>, from block 0.</summary>
    /// <param name="seed">The run's seed: the Philox key.</param>
    /// <param name="chain">The chain (counter word 2). Range: ≥ 0.</param>
    /// <param name="stream">The stream (counter word 3, <see cref="CounterSpace"/>).</param>
    public PhiloxRandomSource(ulong seed, int chain, RandomStream stream) : this(seed, chain, stream, firstBlock: 0)
    {
    }

    /// <summary>Starts at block <paramref name="firstBlock"/> (tests use it to cross the 2^32 counter word).</summary>
    internal PhiloxRandomSource(ulong seed, int chain, RandomStream stream, ulong firstBlock) : base(threadSafe: false)
    {
        _blockIndex = firstBlock;
        ArgumentOutOfRangeException.ThrowIfNegative(chain);
        _key0 = (uint)seed;
        _key1 = (uint)(seed >> 32);
        _chain = (uint)chain;
        _stream = (uint)stream;
    }

    /// <summary>
    /// Uniforms drawn so far: with the seed, chain and stream the whole of the source's state, so a run's checkpoint saves
    /// it and <see cref="Seek"/> takes a fresh source back to it. Range: ≥ 0.
    /// </summary>
    public long Position => (long)(_blockIndex * 2) - (_buffer.Length - _next);

    /// <summary>
    /// Moves to <paramref name="position"/> uniforms from the stream's start (blocks are counter-addressed, so nothing in
    /// between is generated): the next uniform is the one a source that had drawn <paramref name="position"/> would give.
    /// </summary>
    /// <param name="position">Uniforms already drawn. Range: ≥ 0.</param>
    public void Seek(long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        _blockIndex = (ulong)(position / _buffer.Length) * BlocksPerRefill;
        _next = _buffer.Length;
        int within = (int)(position % _buffer.Length);
        if (within == 0) return;
        Refill();
        _next = within;
    }

    /// <summary>
    /// A uniform in (0, 1) with 53 random bits; block b (counter b, chain, stream) yields two, from words
    /// (0, 1) then (2, 3). Blocks are made sixteen at a time, which changes no value and no order.
    /// </summary>
    protected override double DoSample() => NextDouble();

    /// <summary>
    /// <see cref="DoSample"/>'s uniform, read here directly: MathNet's samplers call NextDouble, which System.Random
    /// would pass through two more virtual calls (its compatibility shim, then RandomSource.Sample) to reach it.
    /// </summary>
    public override double NextDouble()
    {
        if (_next == _buffer.Length) Refill();
        return _buffer[_next++];
    }

    /// <summary>The counters of blocks first .. first+7: (index low, index high, chain, stream).</summary>
    private PhiloxLanes Counters(ulong first)
    {
        var counters = Vector512.Create(first) + Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
        return new PhiloxLanes
        {
            X0 = counters & Vector512.Create(0xFFFF_FFFFUL),
            X1 = counters >>> 32,
            X2 = Vector512.Create((ulong)_chain),
            X3 = Vector512.Create((ulong)_stream),
        };
    }

    /// <summary>Buffers the two uniforms of each of eight blocks, in block order: (low 0, high 0, low 1, high 1, ...).</summary>
    private void Store(in PhiloxLanes blocks, int firstBlock)
    {
        var low = VectorPhilox.OpenUniform53(blocks.X0, blocks.X1);
        var high = VectorPhilox.OpenUniform53(blocks.X2, blocks.X3);
        // Interleaved by two shuffles (lane i of the first: low[i/2] for even i, high[i/2] for odd i).
        var first = Vector512.Shuffle(low, Vector512.Create(0L, 0, 1, 1, 2, 2, 3, 3));
        var firstHigh = Vector512.Shuffle(high, Vector512.Create(0L, 0, 1, 1, 2, 2, 3, 3));
        var second = Vector512.Shuffle(low, Vector512.Create(4L, 4, 5, 5, 6, 6, 7, 7));
        var secondHigh = Vector512.Shuffle(high, Vector512.Create(4L, 4, 5, 5, 6, 6, 7, 7));
        var odd = Vector512.Create(0L, -1, 0, -1, 0, -1, 0, -1).AsDouble();
        Vector512.ConditionalSelect(odd, firstHigh, first).CopyTo(_buffer, 2 * firstBlock);
        Vector512.ConditionalSelect(odd, secondHigh, second).CopyTo(_buffer, (2 * firstBlock) + Vector512<double>.Count);
    }

    /// <summary>
    /// The next <see cref="BlocksPerRefill"/> blocks' uniforms: vectorised where the CPU has SIMD (Vector512, in two halves where it has only AVX2), else by
    /// the scalar twin (<see cref="Philox4x32.Generate"/>, <see cref="Philox4x32.OpenUniform53"/>), the same values.
    /// </summary>
    private void Refill()
    {
        ulong first = _blockIndex;
        _blockIndex += BlocksPerRefill;
        _next = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var a = Counters(first);
            var b = Counters(first + BlocksPerVector);
            VectorPhilox.GeneratePair(ref a, ref b, new ScheduledRoundKeys(_key0, _key1));
            Store(a, 0);
            Store(b, BlocksPerVector);
            return;
        }
        for (int k = 0; k < BlocksPerRefill; k++)
        {
            ulong index = first + (ulong)k;
            var b = Philox4x32.Generate(new Block128((uint)index, (uint)(index >> 32), _chain, _stream), _key0, _key1);
            _buffer[2 * k] = Philox4x32.OpenUniform53(b.X0, b.X1);
            _buffer[(2 * k) + 1] = Philox4x32.OpenUniform53(b.X2, b.X3);
        }
    }
}
