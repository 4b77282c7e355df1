using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using GreatModel.Kernels;

namespace GreatModel.Backends.Simd;

/// <summary>
/// <see cref="SweepArithmetic.TileSums{TData}"/> with eight adjacent lanes of the tile layout in one
/// Vector512: each vector lane sums its own items in item order and the 256 lane sums go through the
/// same <see cref="LaneTree"/>, so the result is the scalar one bit for bit. Only the gamma trial that
/// nearly always succeeds (trial 0) is vectorised; a lane that rejects goes on from trial 1 in the scalar code.
/// </summary>
/// <remarks>
/// Why in stages (the Philox blocks of a batch of slots, then their normals, then the rest): one datum's
/// update is a long chain of dependent multiplies, divides and a square root, so done one at a time the
/// core waits on latencies. Each stage is a short loop of independent iterations the CPU overlaps.
/// </remarks>
[SkipLocalsInit] // stack scratch is written before it is read (the sums of the lane groups with data are cleared)
internal static class VectorSweep
{
    /// <summary>Tile lanes per vector: eight adjacent lanes of the layout, one per Vector512 element.</summary>
    private const int Width = 8;

    /// <summary>Items per lane (item rows of a tile).</summary>
    private const int Items = SweepLayout.ItemsPerLane;

    /// <summary>
    /// Whether the hardware runs the vector paths (this one and <see cref="FastCpu.VectorFastTile"/>): 256-bit SIMD
    /// (Vector512 code runs as two Vector256 halves where AVX-512 is missing, measured as fast per lane as Vector256 code).
    /// </summary>
    public static bool HardwareSupports => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// Whether the vector paths run a chain's parameters: <see cref="HardwareSupports"/>, and the loop-free χ² (in double or
    /// single precision) or Marsaglia–Tsang without the shape &lt; 1 boost (ν &lt; 1); the boost runs the scalar code.
    /// </summary>
    public static bool Supports(SweepParameters p) =>
        HardwareSupports && (p.Chi2.LoopFreeDegrees > 0 || (p.SingleVariates == 0 && p.Chi2.Gamma.BoostExponent == 0.0));

    /// <remarks>Fully optimised from the first call: tier-0 code would run the vector math as calls.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SweepSums TileSums(double[] data, int tile, int chain, ChainState s, SweepParameters p)
    {
        // Vector slots (eight adjacent lanes × one item row) are taken lane group by lane group, item rows
        // in order, and worked through in batches; each lane group's sums therefore add its items in item
        // order, as the scalar lane loop does, however few items a lane has (n = 500: one or two).
        // Only the lane groups with data are cleared and read (SkipLocalsInit: a small group's tile would spend more
        // zeroing 10 KiB of stack than summing its data).
        int groupsWithData = LaneGroupsWithData(tile, p.DataLength);
        Span<Vector512<double>> groupSums = stackalloc Vector512<double>[SumsPerGroup * Groups];
        groupSums[..(SumsPerGroup * groupsWithData)].Clear();
        Span<VectorLogProduct> groupLogs = stackalloc VectorLogProduct[Groups]; // S3 when ν is estimated
        groupLogs[..groupsWithData].Fill(VectorLogProduct.Empty);
        Span<Vector512<ulong>> roundKeys = stackalloc Vector512<ulong>[VectorPhilox.RoundKeyCount];
        VectorPhilox.RoundKeys(p.Key0, p.Key1, roundKeys);
        var batch = new Batch(stackalloc int[BatchSize], stackalloc int[BatchSize],
            stackalloc Vector512<double>[BatchSize], stackalloc Vector512<double>[BatchSize], stackalloc Vector512<double>[BatchSize]);
        int tileStart = tile * SweepLayout.TileSize, count = 0;
        for (int group = 0; group < groupsWithData; group++)
        {
            for (int j = 0; j < Items; j++)
            {
                int first = tileStart + group * Width + j * SweepLayout.LaneCount;
                if (first >= p.DataLength) break;
                batch.First[count] = first;
                batch.Group[count] = group;
                if (++count == BatchSize)
                {
                    Flush(batch, count, groupSums, groupLogs, roundKeys, data, chain, s, p);
                    count = 0;
                }
            }
        }
        Flush(batch, count, groupSums, groupLogs, roundKeys, data, chain, s, p);

        var tree = new LaneTree();
        bool logSum = p.EstimatesNu != 0;
        for (int group = 0; group < groupsWithData; group++)
        {
            int at = SumsPerGroup * group;
            var s3 = logSum ? groupLogs[group].Logs() : Vector512<double>.Zero;
            tree.AddBlockOfEight(group, new SweepSums(PairwiseSum(groupSums[at]), PairwiseSum(groupSums[at + 1]),
                PairwiseSum(groupSums[at + 2]), PairwiseSum(s3)));
        }
        return tree.TotalWithEmptyLanesFrom(groupsWithData * Width);
    }

    /// <summary>
    /// The lane tree's first three levels over one vector: ((v0 + v1) + (v2 + v3)) + ((v4 + v5) + (v6 + v7)), the same
    /// additions as <see cref="LaneTree.Add"/> makes (a + b = b + a exactly, so the swapped pairs give the same bits),
    /// in registers: within each 256-bit half by two shuffles, then the halves.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double PairwiseSum(Vector512<double> v)
    {
        var lower = PairwiseSumOfFour(v.GetLower());
        var upper = PairwiseSumOfFour(v.GetUpper());
        return lower.ToScalar() + upper.ToScalar();
    }

    /// <summary>(v0 + v1) + (v2 + v3) in element 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> PairwiseSumOfFour(Vector256<double> v)
    {
        var pairs = v + Vector256.Shuffle(v, Vector256.Create(1L, 0, 3, 2));
        return pairs + Vector256.Shuffle(pairs, Vector256.Create(2L, 3, 0, 1));
    }

    /// <summary>
    /// Lane groups of the tile that hold data (the first ⌈(n − tile start) / 8⌉, at most 32): a group of fewer than
    /// 256 data leaves the rest empty, and their zero sums go into the lane tree without being added one by one
    /// (<see cref="LaneTree.TotalWithEmptyLanesFrom"/>; for groups of 100 that tree was half of the tile's time).
    /// </summary>
    /// <param name="tile">The tile. Range: 0 ≤ tile &lt; <see cref="SweepParameters.TileCount"/>.</param>
    /// <param name="dataLength">The data's length n. Range: &gt; tile · <see cref="SweepLayout.TileSize"/>.</param>
    public static int LaneGroupsWithData(int tile, int dataLength) =>
        Math.Min(Groups, (dataLength - (tile * SweepLayout.TileSize) + Width - 1) / Width);

    /// <summary>Sum vectors per lane group: S0, S1, S2 (S3 is a <see cref="VectorLogProduct"/> per group).</summary>
    private const int SumsPerGroup = 3;

    /// <summary>Lane groups per tile: 32 vectors of eight lanes.</summary>
    private const int Groups = SweepLayout.LaneCount / Width;

    /// <summary>Vector slots worked through per stage (sized for the stack and the out-of-order window).</summary>
    private const int BatchSize = 16;

    /// <summary>
    /// Scratch for one batch of vector slots: where each starts and its lane group, and its uniforms: the normal's
    /// radius and angle, and the acceptance uniform (Marsaglia–Tsang) or the running product of uniforms (loop-free).
    /// </summary>
    private readonly ref struct Batch(Span<int> first, Span<int> group, Span<Vector512<double>> radius,
        Span<Vector512<double>> angle, Span<Vector512<double>> acceptance)
    {
        public readonly Span<int> First = first, Group = group;
        public readonly Span<Vector512<double>> Radius = radius, Angle = angle, Acceptance = acceptance;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Flush(Batch b, int count, Span<Vector512<double>> groupSums, Span<VectorLogProduct> groupLogs,
        ReadOnlySpan<Vector512<ulong>> roundKeys, double[] data, int chain, ChainState s, SweepParameters p)
    {
        if (p.Chi2.LoopFreeDegrees > 0 && p.SingleVariates != 0)
            FlushLoopFreeSingle(b, count, groupSums, roundKeys, data, chain, s, p);
        else if (p.Chi2.LoopFreeDegrees > 0)
            FlushLoopFree(b, count, groupSums, roundKeys, data, chain, s, p); // ν fixed: no S3
        else
            FlushMarsagliaTsang(b, count, groupSums, groupLogs, roundKeys, data, chain, s, p);
    }

    /// <summary>
    /// A batch by <see cref="DeviceRandom.LoopFreeChiSquared(ChiSquaredShape, DrawSite)"/> lane-wise: the (slot, block) pairs in order,
    /// two at a time through Philox; each block's words go to the normal's r and θ or the running product
    /// as the scalar code reads them; then the logs; then the terms. No lane ever redraws.
    /// </summary>
    /// <remarks>
    /// Each stage is its own method: where AVX-512 is missing, every Vector512 operation is a small method
    /// the JIT must inline, and one method holding all stages ran out of the JIT's inlining budget and left
    /// them as calls (five times slower, measured with DOTNET_EnableAVX512=0).
    /// </remarks>
    private static void FlushLoopFree(Batch b, int count, Span<Vector512<double>> groupSums, ReadOnlySpan<Vector512<ulong>> roundKeys,
        double[] data, int chain, ChainState s, SweepParameters p)
    {
        LoopFreeUniforms(b, count, roundKeys, chain, p);
        LogsInPlace(b.Acceptance, count); // log(product)
        if (p.Chi2.HasNormal)
        {
            LogsInPlace(b.Radius, count); // log(r)
            CosinesInPlace(b.Angle, count); // cos(2πθ)
        }
        LoopFreeTerms(b, count, groupSums, data, s, p);
    }

    /// <summary>Stage 1 of <see cref="FlushLoopFree"/>: the Philox blocks, into r, θ and the product of uniforms.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void LoopFreeUniforms(Batch b, int count, ReadOnlySpan<Vector512<ulong>> roundKeys, int chain, SweepParameters p)
    {
        for (int i = 0; i < count; i++)
            b.Acceptance[i] = Vector512<double>.One; // the product's start, as the scalar code's
        LoopFreeBlocks(new DoubleWords(b), count, b.First, roundKeys, chain, p);
    }

    /// <summary>
    /// Where a loop-free draw's words go, block by block in the scalar order (<see cref="TakeBlock{TWords}"/>): a struct type
    /// parameter, so each consumer is compiled into the block loop with no call in it.
    /// </summary>
    private interface ILoopFreeWords
    {
        /// <summary>Slot <paramref name="i"/>'s normal from block 0's words (odd k): r from word 0 (and 1), θ from word 2.</summary>
        void Normal(int i, in PhiloxLanes words);

        /// <summary>Slot <paramref name="i"/>'s uniform number <paramref name="uniform"/> (from 0) from its 32-bit word.</summary>
        void Uniform(int i, int uniform, Vector512<ulong> word);
    }

    /// <summary>
    /// The Philox blocks of a batch's loop-free draws, two (slot, block) jobs at a time, each handed to <paramref name="words"/> in
    /// slot order and, within a slot, block order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoopFreeBlocks<TWords>(TWords words, int count, ReadOnlySpan<int> firsts, ReadOnlySpan<Vector512<ulong>> roundKeys, int chain, SweepParameters p)
        where TWords : struct, ILoopFreeWords, allows ref struct
    {
        var k = p.Chi2;
        int firstUniformWord = k.HasNormal ? 3 : 0;
        int blocks = Math.Max(1, (firstUniformWord + k.UniformCount + 3) / 4);
        var counter = new PhiloxLanes
        {
            X1 = Vector512.Create((ulong)p.Sweep),
            X2 = Vector512.Create((ulong)(uint)chain),
        };
        for (int job = 0; job < count * blocks; job += 2)
        {
            // Two (slot, block) jobs at a time; an odd last job computes a spare pair that is not used.
            int next = Math.Min(job + 1, (count * blocks) - 1);
            var first = counter;
            var second = counter;
            first.X0 = DatumCounters(firsts[job / blocks]);
            first.X3 = Vector512.Create((ulong)(CounterSpace.DeviceTrialFirst + (uint)(job % blocks)));
            second.X0 = DatumCounters(firsts[next / blocks]);
            second.X3 = Vector512.Create((ulong)(CounterSpace.DeviceTrialFirst + (uint)(next % blocks)));
            VectorPhilox.GeneratePair(ref first, ref second, roundKeys);
            TakeBlock(words, first, job / blocks, job % blocks, firstUniformWord, k.UniformCount);
            if (next != job) TakeBlock(words, second, next / blocks, next % blocks, firstUniformWord, k.UniformCount);
        }
    }

    /// <summary>values[i] = log(values[i]) for the first <paramref name="count"/> vectors.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void LogsInPlace(Span<Vector512<double>> values, int count)
    {
        for (int i = 0; i < count; i++) values[i] = VectorMath.Log(values[i]);
    }

    /// <summary>values[i] = cos(2π·values[i]) for the first <paramref name="count"/> vectors.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void CosinesInPlace(Span<Vector512<double>> values, int count)
    {
        for (int i = 0; i < count; i++) values[i] = VectorMath.CosTwoPi(values[i]);
    }

    /// <summary>
    /// Last stage of <see cref="FlushLoopFree"/>: χ² = -2·(log(product) + log(r)·cos·cos) in the scalar code's order,
    /// then each slot's terms into its lane group's sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void LoopFreeTerms(Batch b, int count, Span<Vector512<double>> groupSums, double[] data, ChainState s, SweepParameters p)
    {
        bool hasNormal = p.Chi2.HasNormal;
        for (int i = 0; i < count; i++)
        {
            var normalTerm = hasNormal ? b.Radius[i] * b.Angle[i] * b.Angle[i] : Vector512<double>.Zero;
            b.Acceptance[i] = Vector512.Create(-2.0) * (b.Acceptance[i] + normalTerm); // χ², in place of log(product)
        }
        AddTerms(b, count, groupSums, data, s, p);
    }

    /// <summary>Each slot's terms from its χ² (in <see cref="Batch.Acceptance"/>) into its lane group's sums: the scalar code's 1/U and products.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTerms(Batch b, int count, Span<Vector512<double>> groupSums, double[] data, ChainState s, SweepParameters p)
    {
        var (mu, alpha2, offset) = (Vector512.Create(s.Mu), Vector512.Create(s.Alpha2), Vector512.Create(p.Nu * s.Tau2));
        for (int i = 0; i < count; i++)
        {
            int first = b.First[i], sums = SumsPerGroup * b.Group[i], valid = Math.Min(Width, p.DataLength - first);
            var x = Load(data, first, valid);
            var inRange = FirstLanes(valid);
            var dev = x - mu;
            var dev2 = dev * dev;
            var inverseU = (b.Acceptance[i] / (offset + dev2 / alpha2)) & inRange;
            groupSums[sums] += inverseU;
            groupSums[sums + 1] += x * inverseU;
            groupSums[sums + 2] += dev2 * inverseU;
        }
    }

    /// <summary>Block <paramref name="block"/> of slot <paramref name="i"/>'s draw: its words to r, θ and the uniforms, in the scalar order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TakeBlock<TWords>(TWords consumer, in PhiloxLanes words, int i, int block, int firstUniformWord, int uniformCount)
        where TWords : struct, ILoopFreeWords, allows ref struct
    {
        if (block == 0 && firstUniformWord == 3) consumer.Normal(i, words);
        // Global word positions 4·block .. 4·block + 3; uniform j sits at firstUniformWord + j.
        for (int w = 0; w < 4; w++)
        {
            int uniform = (4 * block) + w - firstUniformWord;
            if (uniform < 0 || uniform >= uniformCount) continue;
            // The switch written here, not PhiloxLanes.Word: a call on the block made the JIT keep both blocks of the
            // pair in memory (cpu at 64 × 10⁴: 250 → 133 M datum-updates/s, measured).
            var word = w switch { 0 => words.X0, 1 => words.X1, 2 => words.X2, _ => words.X3 };
            consumer.Uniform(i, uniform, word);
        }
    }

    /// <summary>The double draw's words: r (52 bits) and θ into the batch's radius and angle, each uniform into the running product.</summary>
    private readonly ref struct DoubleWords(Batch b) : ILoopFreeWords
    {
        private readonly Batch _b = b;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Normal(int i, in PhiloxLanes words)
        {
            _b.Radius[i] = VectorPhilox.OpenUniform53(words.X0, words.X1);
            _b.Angle[i] = VectorPhilox.OpenUniform32(words.X2);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Uniform(int i, int uniform, Vector512<ulong> word) => _b.Acceptance[i] *= VectorPhilox.OpenUniform32(word);
    }

    /// <summary>
    /// The single draw's words (<see cref="SingleRandom.LoopFreeChiSquared(ChiSquaredShape, DrawSite, int)"/>): r (23 bits, word 0) and θ as floats, uniform j
    /// into float product j / 4 of its slot (the scalar code takes the log of each four as it goes).
    /// </summary>
    private readonly ref struct SingleWords(Span<Vector256<float>> radius, Span<Vector256<float>> angle, Span<Vector256<float>> products) : ILoopFreeWords
    {
        private readonly Span<Vector256<float>> _radius = radius, _angle = angle, _products = products;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Normal(int i, in PhiloxLanes words)
        {
            _radius[i] = VectorSingleMath.OpenUniform(VectorSingleMath.Words(words.X0));
            _angle[i] = VectorSingleMath.OpenUniform(VectorSingleMath.Words(words.X2));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Uniform(int i, int uniform, Vector512<ulong> word) =>
            _products[(i * SingleProducts) + (uniform / 4)] *= VectorSingleMath.OpenUniform(VectorSingleMath.Words(word));
    }

    /// <summary>Float products per single draw at most: one per four of its ≤ 8 uniforms, and the last (of none when 4 divides them).</summary>
    private const int SingleProducts = (ChiSquaredShape.LoopFreeMaxDegrees / 2 / 4) + 1;

    /// <summary>
    /// A batch by <see cref="SingleRandom.LoopFreeChiSquared(ChiSquaredShape, DrawSite, int)"/> lane-wise (<c>--precision single</c>): the float uniforms and
    /// products from the same Philox blocks, their float logs and cos, χ² in float widened to double, then the same terms as
    /// <see cref="FlushLoopFree"/>. Not inlined: its scratch is on the stack of this call.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void FlushLoopFreeSingle(Batch b, int count, Span<Vector512<double>> groupSums, ReadOnlySpan<Vector512<ulong>> roundKeys,
        double[] data, int chain, ChainState s, SweepParameters p)
    {
        var k = p.Chi2;
        int products = (k.UniformCount / 4) + 1;
        Span<Vector256<float>> radius = stackalloc Vector256<float>[BatchSize], angle = stackalloc Vector256<float>[BatchSize];
        Span<Vector256<float>> product = stackalloc Vector256<float>[BatchSize * SingleProducts];
        product[..(count * SingleProducts)].Fill(Vector256<float>.One);
        LoopFreeBlocks(new SingleWords(radius, angle, product), count, b.First, roundKeys, chain, p);
        for (int i = 0; i < count; i++)
        {
            // -2·((((0 + log p₀) + log p₁) + log p_last) + log(r)·cos·cos), as the scalar code adds them.
            var logs = Vector256<float>.Zero;
            for (int j = 0; j < products; j++) logs += VectorSingleMath.Log(product[(i * SingleProducts) + j]);
            var normalTerm = Vector256<float>.Zero;
            if (k.HasNormal)
            {
                var cos = VectorSingleMath.CosTwoPi(angle[i]);
                normalTerm = VectorSingleMath.Log(radius[i]) * cos * cos;
            }
            b.Acceptance[i] = VectorSingleMath.Widen(Vector256.Create(-2.0f) * (logs + normalTerm));
        }
        AddTerms(b, count, groupSums, data, s, p);
    }

    /// <summary>A batch by Marsaglia–Tsang's trial 0 lane-wise, with the rare redraws in the scalar code.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void FlushMarsagliaTsang(Batch b, int count, Span<Vector512<double>> groupSums, Span<VectorLogProduct> groupLogs,
        ReadOnlySpan<Vector512<ulong>> roundKeys, double[] data, int chain, ChainState s, SweepParameters p)
    {
        // Stage 1: trial-0 Philox blocks → the normal's radius and angle uniforms and the acceptance uniform.
        var counter = new PhiloxLanes
        {
            X1 = Vector512.Create((ulong)p.Sweep),
            X2 = Vector512.Create((ulong)(uint)chain),
            X3 = Vector512.Create((ulong)CounterSpace.DeviceTrialFirst),
        };
        for (int i = 0; i < count; i += 2)
        {
            // Two slots at a time (an odd last slot computes a spare block that is not used).
            var first = counter;
            var second = counter;
            first.X0 = DatumCounters(b.First[i]);
            second.X0 = DatumCounters(i + 1 < count ? b.First[i + 1] : b.First[i]);
            VectorPhilox.GeneratePair(ref first, ref second, roundKeys);
            Uniforms(first, i, b);
            if (i + 1 < count) Uniforms(second, i + 1, b);
        }

        // Stage 2: Box–Muller normals (in place of the radius uniforms).
        for (int i = 0; i < count; i++)
            b.Radius[i] = Normal(b.Radius[i], b.Angle[i]);

        // Stage 3: accept or redraw; add to the slot's lane group; with ν estimated, 1/U into the group's S3 product
        // in the same item order as SweepArithmetic.LaneSums (lanes past the data take no part).
        bool logSum = p.EstimatesNu != 0;
        for (int i = 0; i < count; i++)
        {
            int first = b.First[i], group = b.Group[i], sums = SumsPerGroup * group, valid = Math.Min(Width, p.DataLength - first);
            var (t0, t1, t2) = Terms(data, first, valid, b.Radius[i], b.Acceptance[i], chain, s, p);
            groupSums[sums] += t0;
            groupSums[sums + 1] += t1;
            groupSums[sums + 2] += t2;
            if (logSum) groupLogs[group].Add(t0, FirstLanes(valid));
        }
    }

    /// <summary>Counter word 0 of data first .. first+7: the datum indices, as <see cref="DrawSite.Block"/> lays them out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> DatumCounters(int first) =>
        Vector512.Create((ulong)first) + Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);

    /// <summary>
    /// Slot i's uniforms from its trial-0 blocks, word by word as <see cref="DeviceRandom.Gamma(GammaShape, DrawSite)"/>
    /// reads a block: radius from words 0–1, angle from word 2, acceptance from word 3.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Uniforms(in PhiloxLanes block, int i, Batch b)
    {
        b.Radius[i] = VectorPhilox.OpenUniform53(block.X0, block.X1);
        b.Angle[i] = VectorPhilox.OpenUniform32(block.X2);
        b.Acceptance[i] = VectorPhilox.OpenUniform32(block.X3);
    }

    /// <summary><see cref="DeviceRandom.StandardNormal"/>, lane-wise, from the uniforms of a block's words 0–1 and 2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Normal(Vector512<double> radiusUniform, Vector512<double> angleUniform) =>
        Vector512.Sqrt(Vector512.Create(-2.0) * VectorMath.Log(radiusUniform)) * VectorMath.CosTwoPi(angleUniform);

    /// <summary>
    /// <see cref="SweepArithmetic.DatumTerms(double, int, int, ChainState, SweepParameters)"/> for data first .. first+valid-1 given trial 0's normal and
    /// acceptance uniform; lanes past the data give zeros, which is what the scalar lane sum adds for them.
    /// Scalar twin: <see cref="SweepArithmetic.DatumTerms(double, int, int, ChainState, SweepParameters, uint)"/>'s
    /// 1/U and terms, lane-wise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<double>, Vector512<double>, Vector512<double>) Terms(double[] data, int first, int valid,
        Vector512<double> normal, Vector512<double> u, int chain, ChainState s, SweepParameters p)
    {
        var x = Load(data, first, valid);
        var inRange = FirstLanes(valid);

        var (accepted, chi2) = GammaTrial(normal, u, inRange, p.Chi2.Gamma);
        var dev = x - Vector512.Create(s.Mu);
        var dev2 = dev * dev;
        var inverseU = chi2 / (Vector512.Create(p.Nu * s.Tau2) + dev2 / Vector512.Create(s.Alpha2));
        var t0 = inverseU & inRange;
        var t1 = (x * inverseU) & inRange;
        var t2 = (dev2 * inverseU) & inRange;

        // The rare lanes whose trial 0 rejected: the scalar code goes on from trial 1.
        var redraw = ~accepted & inRange;
        if (redraw != Vector512<double>.Zero)
        {
            for (int k = 0; k < Width; k++)
            {
                if (redraw.AsUInt64().GetElement(k) == 0) continue;
                var terms = SweepArithmetic.DatumTerms(data[first + k], first + k, chain, s, p, firstTrial: CounterSpace.DeviceTrialFirst + 1);
                t0 = t0.WithElement(k, terms.S0);
                t1 = t1.WithElement(k, terms.S1);
                t2 = t2.WithElement(k, terms.S2);
            }
        }
        return (t0, t1, t2);
    }

    /// <summary>
    /// One Marsaglia–Tsang trial lane-wise, as <see cref="DeviceRandom.Gamma(GammaShape, DrawSite)"/> computes it:
    /// χ² = 2·d·v³, and which of the <paramref name="live"/> lanes accept (the log test runs only when one needs it).
    /// Scalar twin of the test: <see cref="GammaShape.Accepts"/> (same operations, same constants).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<double> Accepted, Vector512<double> Chi2) GammaTrial(Vector512<double> normal, Vector512<double> u,
        Vector512<double> live, GammaShape g)
    {
        var (accepted, gamma) = GammaTrial(normal, u, live, Vector512.Create(g.D), Vector512.Create(g.C));
        return (accepted, Vector512.Create(2.0) * gamma);
    }

    /// <summary>
    /// One Marsaglia–Tsang trial with a shape of its own in each lane (<paramref name="d"/>, <paramref name="c"/>: each lane's
    /// <see cref="GammaShape.D"/> and <see cref="GammaShape.C"/>, no boost): the Gamma(shape, 1) candidate d·v, and which of the
    /// <paramref name="live"/> lanes accept it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<double> Accepted, Vector512<double> Gamma) GammaTrial(Vector512<double> normal, Vector512<double> u,
        Vector512<double> live, Vector512<double> d, Vector512<double> c)
    {
        var v = Vector512.Create(1.0) + c * normal;
        var candidate = Vector512.GreaterThan(v, Vector512<double>.Zero) & live;
        v = v * v * v;
        var x2 = normal * normal;
        var accepted = candidate & Vector512.LessThan(u, Vector512.Create(1.0) - Vector512.Create(GammaShape.SqueezeCoefficient) * x2 * x2);
        if ((~accepted & candidate) != Vector512<double>.Zero)
        {
            var logTest = Vector512.LessThan(VectorMath.Log(u),
                Vector512.Create(0.5) * x2 + d * (Vector512.Create(1.0) - v + VectorMath.Log(v)));
            accepted |= candidate & logTest;
        }
        return (accepted, d * v);
    }

    /// <summary>Data first .. first+valid-1 (valid ≤ 8), zeros past them.</summary>
    /// <remarks>
    /// No call, not even for the partial vector at the data's end: a call anywhere in a hot loop makes the JIT keep
    /// every vector live across it in memory (all vector registers are caller-saved), for the whole loop.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(double[] data, int first, int valid) => valid == Width
        ? Vector512.Create(data.AsSpan(first, Width))
        : Vector512.Create(At(data, first, valid, 0), At(data, first, valid, 1), At(data, first, valid, 2), At(data, first, valid, 3),
            At(data, first, valid, 4), At(data, first, valid, 5), At(data, first, valid, 6), At(data, first, valid, 7));

    /// <summary>data[first + k] for k &lt; valid, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double At(double[] data, int first, int valid, int k) => k < valid ? data[first + k] : 0.0;

    /// <summary>All-ones in the first <paramref name="valid"/> lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> FirstLanes(int valid) =>
        Vector512.LessThan(Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7), Vector512.Create((long)valid)).AsDouble();
}
