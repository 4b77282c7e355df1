using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using GreatModel.Backends.Simd;
using GreatModel.Kernels;

namespace GreatModel.Backends.FastCpu;

/// <summary>
/// <see cref="FastTile.ScalarSums"/> with its eight lanes in one Vector512 (native with AVX-512, two Vector256
/// halves with AVX2): eight xoshiro256++ main streams side by side, each datum's words drawn and its common case
/// finished for all lanes at once. Draws that need more (a ziggurat wedge or tail; for Marsaglia–Tsang also
/// v ≤ 0 or a rejection) are queued with their words and finished in the scalar code afterwards, lane by lane
/// in data order, as the layout defines: the main loop never leaves the vector registers, and every lane's sums
/// are the scalar ones bit for bit.
/// </summary>
[SkipLocalsInit] // the spill queue's 64 KiB of stack need no zeroing: only entries written in the tile are read
internal static class VectorFastTile
{
    /// <summary>Lanes per vector: the layout's eight lanes.</summary>
    private const int Width = FastTile.Lanes;

    /// <summary>Vector steps (of eight data) whose words are drawn in one batch (<see cref="XoshiroLanes.Fill"/>).</summary>
    private const int BatchSteps = 64;

    /// <summary>Words a step takes at most: a ziggurat word and four uniform words (k = 16), or Marsaglia–Tsang's two.</summary>
    private const int MaxWordsPerStep = 1 + (ChiSquaredShape.LoopFreeMaxDegrees / 4);

    /// <summary>The tile's sums, the same bits as <see cref="FastTile.ScalarSums"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe SweepSums TileSums(double[] data, int tile, int chain, ChainState s, SweepParameters p)
    {
        var streams = XoshiroLanes.Seeded(p.Key0, p.Key1, chain, p.Sweep, tile);
        Span<SweepSums> laneSums = stackalloc SweepSums[Width];
        laneSums.Clear();
        var terms = new FastTile.DatumTerms(s, p);
        Span<LogProduct> spillLogs = stackalloc LogProduct[Width];
        if (terms.LogSum) spillLogs.Fill(LogProduct.Empty); // read only when S3 is summed
        // The spill queue holds one entry per vector of the tile, so the main loop runs through the tile with no call in it
        // (a call would make the JIT keep the loop's vectors in memory) and the queue is drained once. Sized to this tile,
        // not the largest: a whole tile's 70 KiB of stack is touched page by page on entry (the stack probe), which for a
        // group of 100 data cost more than its spills.
        var (start, end) = FastTile.Range(tile, p);
        int vectors = (end - start + Width - 1) / Width;
        var spill = new SpillQueue(stackalloc long[vectors], stackalloc Vector512<ulong>[2 * vectors],
            laneSums, spillLogs, stackalloc LaneStream[Width]);
        // ν estimated draws by Marsaglia–Tsang only (ChiSquaredShape.ForVarying) and needs S3 too.
        var sums = p.Chi2.LoopFreeDegrees > 0
            ? MainSums<LoopFreeStep, WithoutLogSum>(data, tile, p, terms, new LoopFreeStep(p.Chi2), ref streams, ref spill)
            : terms.LogSum
            ? MainSums<MarsagliaTsangStep, WithLogSum>(data, tile, p, terms, new MarsagliaTsangStep(p.Chi2.Gamma), ref streams, ref spill)
            : MainSums<MarsagliaTsangStep, WithoutLogSum>(data, tile, p, terms, new MarsagliaTsangStep(p.Chi2.Gamma), ref streams, ref spill);
        spill.Finish(data, chain, tile, terms, p);
        // The main sums' lanes through one store each (GetElement with a variable lane stored the whole vector per element).
        Span<double> main = stackalloc double[3 * Width];
        sums.S0.CopyTo(main);
        sums.S1.CopyTo(main[Width..]);
        sums.S2.CopyTo(main[(2 * Width)..]);
        // The main products' logarithms in one vector step (the scalar Finish lane-wise, bit for bit), not eight scalar ones.
        Span<double> mainLogs = stackalloc double[Width];
        if (terms.LogSum) sums.Logs.Logs().CopyTo(mainLogs);
        else mainLogs.Clear();
        for (int k = 0; k < Width; k++)
        {
            // Main + spill, as FastTile.ScalarSums adds them; S3 of each from its own product.
            if (terms.LogSum) laneSums[k].S3 = spillLogs[k].Log;
            laneSums[k] = new SweepSums(main[k], main[Width + k], main[(2 * Width) + k], mainLogs[k]) + laneSums[k];
        }
        return FastTile.Combine(laneSums);
    }

    /// <summary>The sum vectors of the main loop: lane k holds lane k's main sum (and its S3 product, used when ν is estimated).</summary>
    private readonly record struct VectorSums(Vector512<double> S0, Vector512<double> S1, Vector512<double> S2, VectorLogProduct Logs);

    /// <summary>
    /// Whether the main loop sums S3 = Σ log(1/U): a type parameter, so the fixed-ν loop is compiled without the
    /// logarithm or its accumulator (a loop-invariant bool would leave both in the loop's registers).
    /// </summary>
    private interface ILogSum
    {
        /// <summary>True: sum S3.</summary>
        static abstract bool On { get; }
    }

    /// <summary>S3 summed (ν estimated).</summary>
    private readonly struct WithLogSum : ILogSum
    {
        public static bool On => true;
    }

    /// <summary>S3 left zero (ν fixed).</summary>
    private readonly struct WithoutLogSum : ILogSum
    {
        public static bool On => false;
    }

    /// <summary>
    /// How one vector step draws its eight χ² values from its words: the loop-free sum or Marsaglia–Tsang's first
    /// trial. A struct type parameter, so the JIT compiles <see cref="MainSums{TStep, TLogSum}"/> once per kind with the step
    /// inlined: one loop to read, no call or interface dispatch in it.
    /// </summary>
    private unsafe interface IChiSquaredStep
    {
        /// <summary>Words each step takes from the lanes' main streams.</summary>
        int WordsPerStep { get; }

        /// <summary>
        /// The step's χ² values and which lanes they finish, from its <see cref="WordsPerStep"/> words starting at
        /// <paramref name="words"/> (a reference into the batch, not a span: the slice's bounds checks cost the loop
        /// 5–8%, measured); lanes in range that are not finished are queued in <paramref name="spill"/> with what the
        /// scalar code needs to go on.
        /// </summary>
        (Vector512<double> Chi2, Vector512<double> Accepted) Draw(ref readonly Vector512<ulong> words, Vector512<double> inRange,
            int first, double* edges, ref SpillQueue spill);
    }

    /// <summary>The loop-free χ² (<see cref="FastTile.LoopFreeChiSquared"/>) lane-wise; a lane whose normal leaves the inner rectangle is queued with its ziggurat word and its -2·log(u₁⋯u_m).</summary>
    private readonly unsafe struct LoopFreeStep(ChiSquaredShape k) : IChiSquaredStep
    {
        private readonly int _uniforms = k.UniformCount;
        private readonly bool _hasNormal = k.HasNormal;

        public int WordsPerStep => (_hasNormal ? 1 : 0) + ((_uniforms + 1) / 2);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (Vector512<double> Chi2, Vector512<double> Accepted) Draw(ref readonly Vector512<ulong> words, Vector512<double> inRange,
            int first, double* edges, ref SpillQueue spill)
        {
            int w = _hasNormal ? 1 : 0;
            var product = Vector512<double>.One;
            for (int u = 0; u < _uniforms; u += 2)
            {
                var word = Unsafe.Add(ref Unsafe.AsRef(in words), w++);
                product *= VectorPhilox.OpenUniform32(word >>> 32);
                if (u + 1 < _uniforms) product *= VectorPhilox.OpenUniform32(word & Vector512.Create(0xFFFF_FFFFUL));
            }
            var chi2 = Vector512.Create(-2.0) * VectorMath.Log(product);
            if (!_hasNormal) return (chi2, inRange);
            var (normal, inner) = InnerRectangle(words, edges);
            spill.Add(first, (int)(~inner & inRange).ExtractMostSignificantBits(), words, chi2.AsUInt64());
            return (chi2 + (normal * normal), inner & inRange);
        }
    }

    /// <summary>Marsaglia–Tsang's first trial lane-wise (<see cref="FastGamma.TryFirstTrial"/>); other lanes are queued with their two words.</summary>
    private readonly unsafe struct MarsagliaTsangStep(GammaShape gamma) : IChiSquaredStep
    {
        private readonly GammaShape _gamma = gamma;

        public int WordsPerStep => 2;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (Vector512<double> Chi2, Vector512<double> Accepted) Draw(ref readonly Vector512<ulong> words, Vector512<double> inRange,
            int first, double* edges, ref SpillQueue spill)
        {
            var uniformWord = Unsafe.Add(ref Unsafe.AsRef(in words), 1);
            var (normal, inner) = InnerRectangle(words, edges);
            var (accepted, chi2) = VectorSweep.GammaTrial(normal, VectorPhilox.OpenUniform52(uniformWord >>> (64 - Philox4x32.OpenUniformBits)), inner & inRange, _gamma);
            spill.Add(first, (int)(~accepted & inRange).ExtractMostSignificantBits(), words, uniformWord);
            return (chi2, accepted);
        }
    }

    /// <summary>The tile's main loop: each step's χ² by <typeparamref name="TStep"/>, then its terms into the lane sums (S3 when <typeparamref name="TLogSum"/> says).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe VectorSums MainSums<TStep, TLogSum>(double[] data, int tile, SweepParameters p, FastTile.DatumTerms terms, TStep step,
        ref XoshiroLanes streams, ref SpillQueue spill)
        where TStep : struct, IChiSquaredStep
        where TLogSum : struct, ILogSum
    {
        var (start, end) = FastTile.Range(tile, p);
        var (sum0, sum1, sum2) = (Vector512<double>.Zero, Vector512<double>.Zero, Vector512<double>.Zero);
        var logs = VectorLogProduct.Empty;
        var all = Vector512<double>.AllBitsSet;
        var (mu, alpha2, offset) = (Vector512.Create(terms.Mu), Vector512.Create(terms.Alpha2), Vector512.Create(terms.Offset));
        int wordsPerStep = step.WordsPerStep;
        Span<Vector512<ulong>> words = stackalloc Vector512<ulong>[BatchSteps * MaxWordsPerStep];
        ref var firstWord = ref MemoryMarshal.GetReference(words);
        fixed (double* edges = ZigguratNormal.X)
        {
            for (int batch = start; batch < end; batch += Width * BatchSteps)
            {
                int batchEnd = Math.Min(end, batch + (Width * BatchSteps));
                streams.Fill(words[..(wordsPerStep * ((batchEnd - batch + Width - 1) / Width))]);
                int w = 0;
                for (int first = batch; first < batchEnd; first += Width, w += wordsPerStep)
                {
                    int valid = Math.Min(Width, end - first);
                    var inRange = valid == Width ? all : VectorSweep.FirstLanes(valid);
                    var (chi2, accepted) = step.Draw(in Unsafe.Add(ref firstWord, w), inRange, first, edges, ref spill);
                    // FastTile.DatumTerms.Of (the scalar twin), lane-wise; lanes not accepted add zeros. Kept written
                    // out in this order: a shared tuple helper that interleaved the same operations differently ran
                    // this loop a third slower (measured).
                    var x = VectorSweep.Load(data, first, valid);
                    var dev = x - mu;
                    var dev2 = dev * dev;
                    var inverseU = (chi2 * alpha2 / (offset + dev2)) & accepted;
                    sum0 += inverseU;
                    sum1 += x * inverseU;
                    sum2 += dev2 * inverseU;
                    if (TLogSum.On) logs.Add(inverseU, accepted);
                }
            }
        }
        return new VectorSums(sum0, sum1, sum2, logs);
    }

    /// <summary>
    /// The ziggurat's fast path lane-wise: x = u·X[layer], inside the layer's inner rectangle when |x| &lt; X[layer + 1]
    /// (scalar twins: <see cref="ZigguratNormal.InnerRectangle"/> and <see cref="ZigguratNormal.SignedUniform"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe (Vector512<double> Normal, Vector512<double> Inner) InnerRectangle(Vector512<ulong> word, double* edges)
    {
        var layer = (word & Vector512.Create(ZigguratNormal.LayerMask)).AsInt64();
        var u = (Vector512.Create(2.0) * ((word >>> (64 - PortableMath.MantissaBits))
            | Vector512.Create((ulong)PortableMath.OneExponentBits)).AsDouble()) - Vector512.Create(3.0);
        var normal = u * Gather(edges, layer);
        return (normal, Vector512.LessThan(Vector512.Abs(normal), Gather(edges + 1, layer)));
    }

    /// <summary>table[index] per lane: two AVX2 gathers (.NET has no AVX-512 gather), or eight loads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<double> Gather(double* table, Vector512<long> index)
    {
        if (Avx2.IsSupported)
        {
            // ToVector512Unsafe + WithUpper, not Vector512.Create(lower, upper): the JIT built the latter in a stack
            // slot, inserting both halves into the previous step's value, a dependency through memory from each step
            // to the next.
            return Avx2.GatherVector256(table, index.GetLower(), 8).ToVector512Unsafe()
                .WithUpper(Avx2.GatherVector256(table, index.GetUpper(), 8));
        }
        Span<double> lanes = stackalloc double[Width];
        for (int k = 0; k < Width; k++) lanes[k] = table[index.GetElement(k)];
        return Vector512.Create(lanes);
    }

    /// <summary>
    /// The draws the main loop did not finish, in data order: each lane's spill stream (seeded on first use)
    /// and spill sum. Kept out of the main loop so that loop stays in registers.
    /// </summary>
    private ref struct SpillQueue(Span<long> entries, Span<Vector512<ulong>> words, Span<SweepSums> sums, Span<LogProduct> logs, Span<LaneStream> streams)
    {
        /// <summary>Each lane's spill sum.</summary>
        public readonly Span<SweepSums> Sums = sums;

        /// <summary>Each lane's spill S3 product (ν estimated).</summary>
        public readonly Span<LogProduct> Logs = logs;
        private readonly Span<long> _entries = entries; // first datum << 8 | lane mask (a long: n reaches 2^31, 2^31 << 8 does not fit an int)
        private readonly Span<Vector512<ulong>> _words = words; // two per entry
        private readonly Span<LaneStream> _streams = streams;
        private int _count, _seeded;

        /// <summary>Queues the lanes in <paramref name="lanes"/> (a bit mask; none: nothing is kept).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int first, int lanes, Vector512<ulong> word0, Vector512<ulong> word1)
        {
            // A branch, not branch-free stores: most vectors have no lane to queue (loop-free, ν = 6: 11 in 12), and
            // the stores and bounds checks cost every vector more than the rare misprediction (measured, tile of
            // 500 data: 1.97 → 1.91 µs).
            if (lanes == 0) return;
            _entries[_count] = ((long)first << Width) | (long)lanes;
            _words[2 * _count] = word0;
            _words[(2 * _count) + 1] = word1;
            _count++;
        }

        /// <summary>
        /// Finishes the queued draws. Loop-free: word 0 is the ziggurat word the spill stream hands out again,
        /// word 1 the bits of -2·log(u₁⋯u_m). Marsaglia–Tsang: the two words of the first trial.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public void Finish(double[] data, int chain, int tile, FastTile.DatumTerms terms, SweepParameters p)
        {
            for (int e = 0; e < _count; e++)
            {
                int first = (int)(_entries[e] >> Width), lanes = (int)(_entries[e] & ((1 << Width) - 1));
                for (int k = 0; k < Width; k++)
                {
                    if ((lanes & (1 << k)) == 0) continue;
                    if ((_seeded & (1 << k)) == 0)
                    {
                        _streams[k] = FastTile.SpillStream(p, chain, tile, k);
                        _seeded |= 1 << k;
                    }
                    ref var stream = ref _streams[k];
                    ulong word0 = _words[2 * e].GetElement(k), word1 = _words[(2 * e) + 1].GetElement(k);
                    double chi2;
                    if (p.Chi2.LoopFreeDegrees > 0)
                    {
                        stream.PushFront(word0);
                        double z = ZigguratNormal.Next(ref stream);
                        chi2 = BitConverter.UInt64BitsToDouble(word1) + (z * z);
                    }
                    else
                    {
                        stream.PushFront(word0, word1);
                        chi2 = 2.0 * FastGamma.Next(p.Chi2.Gamma, ref stream);
                    }
                    var t = terms.Of(data[first + k], chi2);
                    Sums[k] += t;
                    if (terms.LogSum) Logs[k].Add(t.S0);
                }
            }
            _count = 0;
        }
    }
}
