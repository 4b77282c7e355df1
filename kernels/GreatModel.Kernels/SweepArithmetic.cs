namespace GreatModel.Kernels;

/// <summary>The per-datum work of MODEL.md steps 1–2, shared by every kernel and the native CPU path.</summary>
public static class SweepArithmetic
{
    /// <summary>
    /// Step 1 for datum i: U = (ν τ² + (x-μ)²/α²) / χ²_{ν+1}; returns its terms of S0, S1, S2.
    /// U itself is never stored.
    /// </summary>
    /// <remarks>
    /// The one scalar statement of the kernels' form 1/U = χ² / (ν τ² + (x-μ)²/α²) (cpu-fast keeps its own,
    /// rounded differently: FastTile.DatumTerms). CUDA's device path (<see cref="SweepParameters.DeviceMath"/>) takes cpu-fast's
    /// form, χ²·α² / (ν τ² α² + (x-μ)²), with <see cref="DeviceDoubleMath.Reciprocal"/> for its one division (so its range is
    /// cpu-fast's too). Vector twin: Backends/Simd/VectorSweep.Terms. The formula is
    /// written out here rather than in a helper: this deep in the inlined tile loop the JIT's inlining budget
    /// is spent, and a helper was left as a call (tiles 11% slower, measured).
    /// </remarks>
    /// <param name="x">The datum x_i. Range: finite.</param>
    /// <param name="datum">Its index i (counter word 0 of its draw). Range: 0 ≤ i &lt; n.</param>
    /// <param name="chain">The chain's global index (counter word 2). Range: ≥ 0.</param>
    /// <param name="s">The chain's current state.</param>
    /// <param name="p">The sweep's parameters.</param>
    /// <returns>(1/U, x/U, (x-μ)²/U).</returns>
    public static SweepSums DatumTerms(double x, int datum, int chain, ChainState s, SweepParameters p) =>
        DatumTerms(x, datum, chain, s, p, firstTrial: CounterSpace.DeviceTrialFirst);

    /// <summary>As above, with the gamma draw's trials before <paramref name="firstTrial"/> known to reject.</summary>
    /// <param name="x">The datum x_i. Range: finite.</param>
    /// <param name="datum">Its index i. Range: 0 ≤ i &lt; n.</param>
    /// <param name="chain">The chain's global index. Range: ≥ 0.</param>
    /// <param name="s">The chain's current state.</param>
    /// <param name="p">The sweep's parameters.</param>
    /// <param name="firstTrial">The gamma draw's first trial to run (<see cref="DeviceRandom.Gamma(GammaShape, DrawSite, uint)"/>); the loop-free sum never rejects and ignores it.</param>
    /// <returns>(1/U, x/U, (x-μ)²/U); the lane sums log(1/U) into S3 when ν is estimated (<see cref="LaneSums{TData}"/>).</returns>
    public static SweepSums DatumTerms(double x, int datum, int chain, ChainState s, SweepParameters p, uint firstTrial)
    {
        var site = new DrawSite(p.Key0, p.Key1, (uint)datum, p.Sweep, (uint)chain);
        double chi2 = DeviceRandom.ChiSquared(p.Chi2, site, p.SingleVariates, firstTrial, p.DeviceMath);
        double dev = x - s.Mu;
        double dev2 = dev * dev;
        // CUDA's path (DeviceMath): one reciprocal, χ²·α²/(ν τ² α² + (x−μ)²), in place of two IEEE divisions (DeviceDoubleMath).
        double inverseU = p.DeviceMath != 0
            ? chi2 * s.Alpha2 * DeviceDoubleMath.Reciprocal((p.Nu * s.Tau2 * s.Alpha2) + dev2)
            : chi2 / (p.Nu * s.Tau2 + dev2 / s.Alpha2);
        return new SweepSums(inverseU, x * inverseU, dev2 * inverseU);
    }

    /// <summary>
    /// A datum's factors in the ν likelihood pass (<see cref="SweepParameters.NuLikelihoodPass"/>): 1 + (x−μ)²/(ν·σ²) at the
    /// chain's (μ, ν, σ²), σ² = α²·τ², and at its proposal (μ′, ν′, σ′²); the lane sums their logarithms
    /// (<see cref="LogProduct"/>), the data's part of the t log likelihood ratio. No draws; multiplications by the reciprocals
    /// of <see cref="LikelihoodScales"/>, not divisions per datum. Vector twin: Backends/Simd/VectorLikelihood (the same
    /// operations lane-wise).
    /// </summary>
    /// <param name="x">The datum. Range: finite.</param>
    /// <param name="scales">The chain's <see cref="LikelihoodScales"/>.</param>
    /// <returns>(1 + (x−μ)²/(ν·σ²), 1 + (x−μ′)²/(ν′·σ′²)). Range: ≥ 1.</returns>
    public static (double AtNu, double AtProposal) LikelihoodFactors(double x, (double Mu, double InverseNuSigma2, double ProposedMu, double InverseProposal) scales)
    {
        double dev = x - scales.Mu, proposedDev = x - scales.ProposedMu;
        return (1.0 + (dev * dev * scales.InverseNuSigma2), 1.0 + (proposedDev * proposedDev * scales.InverseProposal));
    }

    /// <summary>What the ν likelihood pass needs of a chain, once per chain: μ, 1/(ν·σ²) (σ² = α²·τ²), μ′ and 1/(ν′·σ′²).</summary>
    /// <param name="s">The chain's state, a proposal pending (<see cref="ChainState.ProposedNu"/>, <see cref="ChainState.ProposedSigma2"/> &gt; 0).</param>
    /// <returns>(μ, 1/(ν·σ²), μ′, 1/(ν′·σ′²)).</returns>
    public static (double Mu, double InverseNuSigma2, double ProposedMu, double InverseProposal) LikelihoodScales(ChainState s) =>
        (s.Mu, 1.0 / (s.Nu * (s.Alpha2 * s.Tau2)), s.ProposedMu, 1.0 / (s.ProposedNu * s.ProposedSigma2));

    /// <summary>One lane's sums over its items of one tile, in item order (<see cref="SweepLayout"/>).</summary>
    /// <typeparam name="TData">Where the data lives: <see cref="ViewSource"/> or <see cref="ArraySource"/>.</typeparam>
    /// <param name="data">The data.</param>
    /// <param name="tile">The tile. Range: 0 ≤ tile &lt; <see cref="SweepParameters.TileCount"/>.</param>
    /// <param name="lane">The lane. Range: 0 ≤ lane &lt; <see cref="SweepLayout.LaneCount"/>.</param>
    /// <param name="chain">The chain's global index. Range: ≥ 0.</param>
    /// <param name="s">The chain's current state.</param>
    /// <param name="p">The sweep's parameters.</param>
    /// <returns>The sum of the lane's datum terms (zero when the lane has no data).</returns>
    public static SweepSums LaneSums<TData>(TData data, int tile, int lane, int chain, ChainState s, SweepParameters p)
        where TData : struct, IDataSource
    {
        var sums = default(SweepSums);
        var logs0 = LogProduct.Empty; // S3 (latent pass, ν estimated) or Σ log(1 + t/ν) (likelihood pass)
        var logs1 = LogProduct.Empty; // Σ log(1 + t/ν') (likelihood pass)
        var scales = p.Pass == SweepParameters.LatentPass ? default : LikelihoodScales(s); // the latent pass needs none
        int first = tile * SweepLayout.TileSize + lane;
        for (int j = 0; j < SweepLayout.ItemsPerLane; j++)
        {
            int i = first + j * SweepLayout.LaneCount;
            if (i >= p.DataLength) break;
            if (p.Pass == SweepParameters.LatentPass)
            {
                var terms = DatumTerms(data[i], i, chain, s, p);
                sums += terms;
                if (p.EstimatesNu != 0) logs0.Add(terms.S0);
            }
            else
            {
                var (atNu, atProposal) = LikelihoodFactors(data[i], scales);
                logs0.Add(atNu);
                logs1.Add(atProposal);
            }
        }
        if (p.Pass != SweepParameters.LatentPass) return new SweepSums(logs0.Log, logs1.Log, 0.0, 0.0);
        if (p.EstimatesNu != 0) sums.S3 = logs0.Log;
        return sums;
    }

    /// <summary>A whole tile by one thread: lanes in order through <see cref="LaneTree"/>.</summary>
    /// <typeparam name="TData">Where the data lives: <see cref="ViewSource"/> or <see cref="ArraySource"/>.</typeparam>
    /// <param name="data">The data.</param>
    /// <param name="tile">The tile. Range: 0 ≤ tile &lt; <see cref="SweepParameters.TileCount"/>.</param>
    /// <param name="chain">The chain's global index. Range: ≥ 0.</param>
    /// <param name="s">The chain's current state.</param>
    /// <param name="p">The sweep's parameters.</param>
    /// <returns>The tile's sums, added in the fixed layout order.</returns>
    public static SweepSums TileSums<TData>(TData data, int tile, int chain, ChainState s, SweepParameters p)
        where TData : struct, IDataSource
    {
        var tree = new LaneTree();
        // Lanes past the data are empty (a tile of a group of fewer than 256): the tree adds their zeros at once.
        int lanes = Math.Min(SweepLayout.LaneCount, p.DataLength - (tile * SweepLayout.TileSize));
        for (int lane = 0; lane < lanes; lane++)
            tree.Add(lane, LaneSums(data, tile, lane, chain, s, p));
        return tree.TotalWithEmptyLanesFrom(lanes);
    }
}
