namespace GreatModel.Kernels;

/// <summary>
/// The one owner of the Philox counter space: which values of counter word 3 each random stream of a run
/// uses. Every stream of a run draws <see cref="Philox4x32"/> blocks under the same key (the run's seed), so
/// two streams could only ever repeat a block by sharing a whole counter; giving each stream its own
/// word-3 values here, in one place, rules that out whatever words 0–2 hold.
/// </summary>
/// <remarks>
/// <para>Counter layout, words (0, 1, 2, 3), by kind of stream:</para>
/// <list type="table">
/// <listheader><term>stream</term><description>counter</description></listheader>
/// <item>
/// <term>device per-datum draws (kernels, <c>cpu</c>, <c>ilgpu-*</c>)</term>
/// <description>(datum, sweep, chain, t): block t of the datum's draw (<see cref="DrawSite"/>). Marsaglia–Tsang
/// trial t uses t in [<see cref="DeviceTrialFirst"/>, <see cref="DeviceTrialLast"/>]; the loop-free χ² sum uses
/// blocks DeviceTrialFirst, +1, +2 (at most three, <see cref="DeviceRandom.LoopFreeChiSquared(ChiSquaredShape, DrawSite)"/>); the shape &lt; 1
/// boost uniform uses <see cref="GammaBoostBlock"/>.</description>
/// </item>
/// <item>
/// <term>host draws of α², μ, τ² (every backend but the reference)</term>
/// <description>(<see cref="HostConditionalsDatum"/> + draw, sweep, chain, t): word 0 past every datum index names the draw
/// (0 χ²_n, 1 μ's normal, 2 τ²'s gamma), words 1–3 as for a device draw. Word 0 of a device draw is a datum index,
/// below 2^31 (data are .NET arrays), so the two never share a counter although both use word 3's trial range.</description>
/// </item>
/// <item>
/// <term>posterior-predictive replications</term>
/// <description>a host stream per chain (block index low word, block index high word, chain,
/// <see cref="PosteriorPredictiveFirst"/>); the rest of the range, up to <see cref="PosteriorPredictiveLast"/>, reserved.</description>
/// </item>
/// <item>
/// <term><c>cpu-fast</c> lane seeds</term>
/// <description>(tile, sweep, chain, <see cref="LaneSeedFirst"/> + 2·index + half): the two blocks (half 0, 1)
/// that seed xoshiro stream index of a tile, index in [0, <see cref="LaneSeedStreams"/>) (eight main lanes,
/// then eight spill lanes).</description>
/// </item>
/// <item>
/// <term>host streams (<c>RandomStream</c>)</term>
/// <description>(block index low word, block index high word, chain, stream): one value of word 3 per
/// stream — <see cref="HostScalarsStream"/>, <see cref="ReferenceStream"/>, <see cref="SimulationStream"/>;
/// reserved: [<see cref="NuDrawsFirst"/>, <see cref="NuDrawsLast"/>] for ν draws and
/// [<see cref="InitialValuesFirst"/>, <see cref="InitialValuesLast"/>] for per-chain dispersed initial
/// values.</description>
/// </item>
/// </list>
/// <para>
/// Groups (grouped runs) do not enter the counter at all: each group's streams use its own Philox key, a hash of the seed and
/// the group's label (<c>PlannedGroup.KeyOf</c>), with the counter words as here (word 2 the chain within the group). Distinct
/// keys are independent streams, so no range here changed when groups came, and a group's draws do not depend on the others.
/// </para>
/// <para>
/// Values in no range are free: 0x80000001–0x8FFFFFFF, 0xA0000020–0xBFFFFFFF, 0xC0000003–0xC00000FF and
/// 0xC0000300–0xFFFFFFFF. <see cref="All"/> lists the ranges; a test proves them pairwise disjoint.
/// </para>
/// </remarks>
public static class CounterSpace
{
    /// <summary>Word 3 of a device draw's first Marsaglia–Tsang trial (trial t uses DeviceTrialFirst + t).</summary>
    public const uint DeviceTrialFirst = 0x0000_0000u;

    /// <summary>The last word 3 a device trial may use: 2^31 - 1 trials (a draw needs about 1.05 on average).</summary>
    public const uint DeviceTrialLast = 0x7FFF_FFFFu;

    /// <summary>Word 3 of a device draw's shape &lt; 1 boost uniform, Gamma(a) = Gamma(a + 1)·U^(1/a).</summary>
    public const uint GammaBoostBlock = 0x8000_0000u;

    /// <summary>
    /// Counter word 0 of the host draws of α², μ and τ² (<c>HostConditionals</c>): draw k uses HostConditionalsDatum + k,
    /// k &lt; <see cref="HostConditionalsDraws"/>, with the sweep, the chain and the trial in words 1–3 as a device draw has
    /// them. Above every datum index (below 2^31), so never a device draw's counter.
    /// </summary>
    public const uint HostConditionalsDatum = 0xFFFF_FF00u;

    /// <summary>Word-0 values reserved from <see cref="HostConditionalsDatum"/> on (three are used).</summary>
    public const uint HostConditionalsDraws = 0x100u;

    /// <summary>Word 3 of the posterior-predictive replications y_rep: one host stream per chain (words 0–1 the block, word 2 the chain); the rest of the range reserved.</summary>
    public const uint PosteriorPredictiveFirst = 0x9000_0000u;

    /// <summary>Last word 3 of the posterior-predictive range.</summary>
    public const uint PosteriorPredictiveLast = 0x9FFF_FFFFu;

    /// <summary>Word 3 of the first <c>cpu-fast</c> seed block: stream index, half h uses LaneSeedFirst + 2·index + h.</summary>
    public const uint LaneSeedFirst = 0xA000_0000u;

    /// <summary>Number of <c>cpu-fast</c> xoshiro streams per (chain, sweep, tile): eight main lanes, eight spill lanes.</summary>
    public const int LaneSeedStreams = 16;

    /// <summary>Word 3 of the last <c>cpu-fast</c> seed block: stream index LaneSeedStreams - 1, half 1.</summary>
    public const uint LaneSeedLast = LaneSeedFirst + (2u * LaneSeedStreams) - 1u;

    /// <summary>Word 3 of each chain's sequential host stream of the fast backends: ν's moves and draws (α², μ, τ² are counter-addressed: <see cref="HostConditionalsDatum"/>).</summary>
    public const uint HostScalarsStream = 0xC000_0000u;

    /// <summary>Word 3 of every draw of the reference sampler.</summary>
    public const uint ReferenceStream = 0xC000_0001u;

    /// <summary>Word 3 of simulated data sets.</summary>
    public const uint SimulationStream = 0xC000_0002u;

    /// <summary>First word 3 reserved for host streams of ν draws.</summary>
    public const uint NuDrawsFirst = 0xC000_0100u;

    /// <summary>Last word 3 reserved for host streams of ν draws.</summary>
    public const uint NuDrawsLast = 0xC000_01FFu;

    /// <summary>First word 3 reserved for host streams of per-chain dispersed initial values.</summary>
    public const uint InitialValuesFirst = 0xC000_0200u;

    /// <summary>Last word 3 reserved for host streams of per-chain dispersed initial values.</summary>
    public const uint InitialValuesLast = 0xC000_02FFu;

    /// <summary>Device per-datum Marsaglia–Tsang trials.</summary>
    public static CounterRange DeviceTrials => new(nameof(DeviceTrials), DeviceTrialFirst, DeviceTrialLast);

    /// <summary>The device draws' shape &lt; 1 boost uniform.</summary>
    public static CounterRange GammaBoost => new(nameof(GammaBoost), GammaBoostBlock, GammaBoostBlock);

    /// <summary>Posterior-predictive replications (the first word; the rest reserved).</summary>
    public static CounterRange PosteriorPredictive =>
        new(nameof(PosteriorPredictive), PosteriorPredictiveFirst, PosteriorPredictiveLast);

    /// <summary>The <c>cpu-fast</c> lane-stream seeds.</summary>
    public static CounterRange LaneSeeds => new(nameof(LaneSeeds), LaneSeedFirst, LaneSeedLast);

    /// <summary>Each chain's sequential host stream of the fast backends (ν's moves and draws).</summary>
    public static CounterRange HostScalars => new(nameof(HostScalars), HostScalarsStream, HostScalarsStream);

    /// <summary>The reference sampler's draws.</summary>
    public static CounterRange Reference => new(nameof(Reference), ReferenceStream, ReferenceStream);

    /// <summary>Simulated data sets.</summary>
    public static CounterRange Simulation => new(nameof(Simulation), SimulationStream, SimulationStream);

    /// <summary>ν draws (reserved).</summary>
    public static CounterRange NuDraws => new(nameof(NuDraws), NuDrawsFirst, NuDrawsLast, reserved: true);

    /// <summary>Per-chain dispersed initial values (the first word; the rest reserved).</summary>
    public static CounterRange InitialValues => new(nameof(InitialValues), InitialValuesFirst, InitialValuesLast);

    /// <summary>Every range, in increasing order of word 3.</summary>
    public static IReadOnlyList<CounterRange> All { get; } =
    [
        DeviceTrials, GammaBoost, PosteriorPredictive, LaneSeeds, HostScalars, Reference, Simulation, NuDraws,
        InitialValues,
    ];
}
