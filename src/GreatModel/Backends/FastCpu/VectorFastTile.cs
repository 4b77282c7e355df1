using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using GreatModel.Backends.Simd;
using GreatModel.Kernels;

namespace GreatModel.Backends.FastCpu;

/// <summary>
/// <see cref="FastTile.ScalarSums"/> with its four lanes in one Vector256: four xoshiro256++ main streams side
/// by side, each datum's two words drawn and its first trial run for all lanes at once. Draws that need more
/// (a ziggurat wedge or tail, v ≤ 0, a rejection: about 1 in 40) are queued with their two words and finished
/// in the scalar code afterwards, lane by lane in data order, as the layout defines: the main loop never
/// leaves the vector registers, and every lane's sums are the scalar ones bit for bit.
/// </summary>
internal static class VectorFastTile
{
    /// <summary>Lanes per vector: the layout's four lanes.</summary>
    private const int Width = FastTile.Lanes;

    /// <summary>Vectors per chunk of the main loop: the spill queue holds at most one entry per vector.</summary>
    private const int QueueLength = 256;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe SweepSums TileSums(double[] data, int tile, int chain, ChainState s, SweepParameters p)
    {
        var (start, end) = FastTile.Range(tile, p);
        var streams = XoshiroLanes.Seeded(p.Key0, p.Key1, chain, p.Sweep, tile);
        var spill = new SpillQueue(stackalloc int[QueueLength], stackalloc Vector256<ulong>[2 * QueueLength],
            stackalloc SweepSums[Width], stackalloc LaneStream[Width]);
        var (sum0, sum1, sum2) = (Vector256<double>.Zero, Vector256<double>.Zero, Vector256<double>.Zero);
        var all = Vector256<double>.AllBitsSet;
        var layerMask = Vector256.Create(ZigguratNormal.LayerMask);
        var terms = new FastTile.DatumTerms(s, p);
        var (mu, alpha2, offset) = (Vector256.Create(terms.Mu), Vector256.Create(terms.Alpha2), Vector256.Create(terms.Offset));
        fixed (double* edges = ZigguratNormal.X)
        {
            // Chunks of QueueLength vectors: the inner loop makes no call (a call would push the loop's
            // vectors out of registers); the queue cannot overflow within a chunk and is drained after it.
            for (int chunk = start; chunk < end; chunk += Width * QueueLength)
            {
                int chunkEnd = Math.Min(end, chunk + (Width * QueueLength));
                for (int first = chunk; first < chunkEnd; first += Width)
                {
                    int valid = Math.Min(Width, end - first);
                    var inRange = valid == Width ? all : VectorSweep.FirstLanes(valid);
                    var zigguratWord = streams.Next();
                    var uniformWord = streams.Next();

                    // Ziggurat fast path: x = u·X[layer], inside the layer's inner rectangle when |x| < X[layer + 1]
                    // (scalar twins: ZigguratNormal.InnerRectangle and SignedUniform).
                    var layer = (zigguratWord & layerMask).AsInt64();
                    var u = (Vector256.Create(2.0) * ((zigguratWord >>> (64 - PortableMath.MantissaBits))
                        | Vector256.Create((ulong)PortableMath.OneExponentBits)).AsDouble()) - Vector256.Create(3.0);
                    var normal = u * Gather(edges, layer);
                    var inner = Vector256.LessThan(Vector256.Abs(normal), Gather(edges + 1, layer));

                    var (accepted, chi2) = VectorSweep.GammaTrial(normal, VectorPhilox.OpenUniform52(uniformWord >>> (64 - Philox4x32.OpenUniformBits)), inner & inRange, p.Chi2.Gamma);
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
                    spill.Add(first, (int)(~accepted & inRange).ExtractMostSignificantBits(), zigguratWord, uniformWord);
                }
                spill.Finish(data, chain, tile, terms, p);
            }
        }
        return FastTile.Combine(Lane(sum0, sum1, sum2, 0) + spill.Sums[0], Lane(sum0, sum1, sum2, 1) + spill.Sums[1],
            Lane(sum0, sum1, sum2, 2) + spill.Sums[2], Lane(sum0, sum1, sum2, 3) + spill.Sums[3]);
    }

    /// <summary>Lane k of the three sum vectors.</summary>
    private static SweepSums Lane(Vector256<double> s0, Vector256<double> s1, Vector256<double> s2, int k) =>
        new(s0.GetElement(k), s1.GetElement(k), s2.GetElement(k));

    /// <summary>table[index] per lane (one AVX2 gather where there is one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<double> Gather(double* table, Vector256<long> index) => Avx2.IsSupported
        ? Avx2.GatherVector256(table, index, 8)
        : Vector256.Create(table[index.GetElement(0)], table[index.GetElement(1)], table[index.GetElement(2)], table[index.GetElement(3)]);

    /// <summary>
    /// The draws the first trial did not finish, in data order: each lane's spill stream (seeded on first use)
    /// and spill sum. Kept out of the main loop so that loop stays in registers.
    /// </summary>
    private ref struct SpillQueue(Span<int> entries, Span<Vector256<ulong>> words, Span<SweepSums> sums, Span<LaneStream> streams)
    {
        public readonly Span<SweepSums> Sums = sums;
        private readonly Span<int> _entries = entries; // first datum << 4 | lane mask
        private readonly Span<Vector256<ulong>> _words = words;
        private readonly Span<LaneStream> _streams = streams;
        private int _count, _seeded;

        /// <summary>Queues the lanes in <paramref name="lanes"/> (a bit mask; none: nothing is kept), without a branch.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int first, int lanes, Vector256<ulong> zigguratWords, Vector256<ulong> uniformWords)
        {
            _entries[_count] = (first << 4) | lanes;
            _words[2 * _count] = zigguratWords;
            _words[(2 * _count) + 1] = uniformWords;
            _count += lanes == 0 ? 0 : 1;
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public void Finish(double[] data, int chain, int tile, FastTile.DatumTerms terms, SweepParameters p)
        {
            for (int e = 0; e < _count; e++)
            {
                int first = _entries[e] >> 4, lanes = _entries[e] & 0xF;
                for (int k = 0; k < Width; k++)
                {
                    if ((lanes & (1 << k)) == 0) continue;
                    if ((_seeded & (1 << k)) == 0)
                    {
                        _streams[k] = FastTile.SpillStream(p, chain, tile, k);
                        _seeded |= 1 << k;
                    }
                    ref var stream = ref _streams[k];
                    stream.PushFront(_words[2 * e].GetElement(k), _words[(2 * e) + 1].GetElement(k));
                    Sums[k] += terms.Of(data[first + k], 2.0 * FastGamma.Next(p.Chi2.Gamma, ref stream));
                }
            }
            _count = 0;
        }
    }
}
