namespace GreatModel.Kernels;

/// <summary>Everything a sweep launch needs besides the data and the chain states.</summary>
public struct SweepParameters
{
    /// <summary>Degrees of freedom ν of the t model when fixed (when estimated, each chain's own: <see cref="ForChain"/>). Range: ν &gt; 0.</summary>
    public double Nu;

    /// <summary>
    /// 1: ν is estimated, so each chain's ν and χ² shape come from its <see cref="ChainState"/> and the sums
    /// include S3 = Σ log(1/U); 0: ν is fixed at <see cref="Nu"/> and S3 stays 0.
    /// </summary>
    public int EstimatesNu;

    /// <summary>The latent pass: MODEL.md steps 1–2 (every sweep). Value of <see cref="Pass"/>.</summary>
    public const int LatentPass = 0;

    /// <summary>
    /// The ν likelihood pass of the marginal move (ν estimated): no draws; per datum log(1 + (x−μ)²/(ν·σ²)) at the
    /// chain's ν into S0 and at its <see cref="ChainState.ProposedNu"/> into S1 (S2 = S3 = 0). Value of <see cref="Pass"/>.
    /// </summary>
    public const int NuLikelihoodPass = 1;

    /// <summary>Which pass a launch makes: <see cref="LatentPass"/> or <see cref="NuLikelihoodPass"/>.</summary>
    public int Pass;

    /// <summary>How the latent χ²_{ν+1} draws are made (the loop-free sum or Marsaglia–Tsang).</summary>
    public ChiSquaredShape Chi2;

    /// <summary>1: the χ² variates in single precision (<see cref="SingleRandom.LoopFreeChiSquared(ChiSquaredShape, DrawSite, int)"/>; needs the loop-free sum); 0: double.</summary>
    public int SingleVariates;

    /// <summary>
    /// 1: CUDA's device path. Single-precision variates take their logarithms and cosines from the GPU's hardware
    /// approximations (<see cref="SingleRandom.DeviceLog"/>, <see cref="SingleRandom.DeviceCosTwoPi"/>: lg2.approx.f32 and
    /// cos.approx.f32, absolute errors about 2⁻²² and 2⁻²¹); double-precision loop-free variates take <see cref="DeviceDoubleMath"/>'s
    /// log and cos² (within 2 ulp, no IEEE division); and 1/U is one refined hardware reciprocal instead of two IEEE divisions.
    /// 0: the portable functions every backend shares. In a sweep kernel its instance sets it (<see cref="IMathPath"/>), and the
    /// engine takes the device instance on CUDA only, so that ilgpu-cpu keeps cpu's bits (tests force it on the CPU accelerator,
    /// where the hardware approximations are .NET's functions or emulated).
    /// </summary>
    public int DeviceMath;

    /// <summary>Low word of the Philox key: the run's seed's low 32 bits.</summary>
    public uint Key0;

    /// <summary>High word of the Philox key: the run's seed's high 32 bits.</summary>
    public uint Key1;

    /// <summary>The sweep's index (counter word 1 of its draws), burn-in included. Range: 0 ≤ sweep &lt; 2^32.</summary>
    public uint Sweep;

    /// <summary>Index of the launch's first chain in the run (launches may cover a slice of the chains): state k of the launch is chain FirstChain + k. Range: ≥ 0.</summary>
    public int FirstChain;

    /// <summary>The number of data n. Range: n ≥ 1.</summary>
    public int DataLength;

    /// <summary>The number of tiles, <see cref="SweepLayout.TileCount"/>(<see cref="DataLength"/>).</summary>
    public int TileCount;

    /// <summary>These parameters over chain <paramref name="segment"/>'s data, with its group's key.</summary>
    /// <param name="segment">The chain's segment.</param>
    /// <returns>This, with <see cref="Key0"/>, <see cref="Key1"/>, <see cref="DataLength"/> and <see cref="TileCount"/> the segment's.</returns>
    public readonly SweepParameters ForSegment(ChainSegment segment)
    {
        var p = this;
        p.Key0 = segment.Key0;
        p.Key1 = segment.Key1;
        p.DataLength = segment.DataLength;
        p.TileCount = segment.TileCount;
        return p;
    }

    /// <summary>The parameters chain <paramref name="s"/> sweeps with: its own ν and χ² shape when ν is estimated, else these.</summary>
    /// <param name="s">The chain's state.</param>
    /// <returns>This, with <see cref="Nu"/> and <see cref="Chi2"/> the chain's when <see cref="EstimatesNu"/> is 1.</returns>
    public readonly SweepParameters ForChain(ChainState s)
    {
        var p = this;
        if (EstimatesNu != 0)
        {
            p.Nu = s.Nu;
            p.Chi2 = s.Chi2;
            // Estimated ν always draws by Marsaglia–Tsang (ChiSquaredShape.ForVarying): the loop-free paths sum no S3. Forced
            // here, so a state made with an integer ν's loop-free shape can never silently drop S3 (Gamma is always set).
            p.Chi2.LoopFreeDegrees = 0;
        }
        return p;
    }
}
