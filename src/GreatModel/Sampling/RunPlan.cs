using System.Globalization;
using GreatModel.Backends;
using GreatModel.Kernels;
using GreatModel.Model;
using GreatModel.Random;

namespace GreatModel.Sampling;

/// <summary>
/// Everything a run needs, validated and derived once (<see cref="Create(ObservedData, SamplerOptions, RunHooks)"/>): the data (one group, or many: each
/// <see cref="PlannedGroup"/> standardized and keyed on its own), ν and the constants that follow from it, the seed, the
/// chains' segments and tile items, threads and the resolved backend. A grouped run's chains are (group, chain) pairs,
/// group-major: slot s is chain s mod <see cref="Chains"/> of group s / <see cref="Chains"/>. Engines, host draws, sinks
/// and outputs read it; nothing downstream re-derives or re-validates. Immutable.
/// </summary>
internal sealed class RunPlan
{
    private readonly SweepParameters _sweepTemplate;
    // Per-slot tables, made when an engine first reads them: after the resource check, so a run too big for the machine is
    // refused before they are allocated.
    private readonly Lazy<(ChainSegment[] Segments, TileItem[] Items, int[] FirstItem)> _tables;
    private readonly Lazy<RunRecord> _record;

    private RunPlan(IReadOnlyList<PlannedGroup> groups, string dataSource, bool grouped, SamplerOptions options, RunHooks hooks, BackendDescriptor backend)
    {
        Groups = groups;
        DataSource = dataSource;
        IsGrouped = grouped;
        Options = options;
        Seed = options.Seed!.Value;
        foreach (var group in groups)
        {
            // With ν estimated the check must hold over its whole range: its two conditions are monotone in ν in opposite
            // directions, so at both ends.
            foreach (double nu in options.EstimateNu ? [options.NuMin, options.NuMax] : (double[])[options.Nu])
                group.Standardization.CheckFarObservations(group.Data, nu, options.EstimateNu);
        }
        NuUpdate = options.EstimateNu ? new NuUpdate(options.NuPrior, options.NuMin, options.NuMax) : null;
        // The prior's mean, clamped into the range: closed form, so no prior however extreme can stall the start.
        double startNu = options.EstimateNu ? options.StartingNu : options.Nu;
        var startShape = options.EstimateNu ? ChiSquaredShape.ForVarying(startNu) : ChiSquaredShape.For(options.Nu + 1);
        Backend = backend;
        Threads = hooks.CpuThreads ?? Environment.ProcessorCount;
        OverlapHostDraws = hooks.OverlapHostDraws;
        Hooks = hooks;
        InitialStates = [.. groups.Select(g => new ChainState(
            options.InitialMu is { } mu ? StandardMu(g, nameof(SamplerOptions.InitialMu), mu) : 0.0, // the median: a mean would follow a far outlier
            StandardStart(g, nameof(SamplerOptions.InitialAlpha2), options.InitialAlpha2),
            options.InitialTau2 ?? 1.0, // τ² carries no units: ToDraw maps α² = scale²·α'² and keeps τ²
            startNu,
            startShape))];
        // The user's starts checked here, before a run begins (the chains are made from them later, by the backend); against
        // the one group's scale, as a grouped run takes no starts (refused in Create).
        for (int k = 0; k < (options.Inits?.Count ?? 0); k++) StandardInit(groups[0], options.Inits!, k);
        Slots = groups.Count * Chains;
        ItemCount = groups.Sum(g => (long)g.TileCount) * Chains;
        _tables = new(BuildTables);
        _record = new(() => RunRecord.Of([.. Groups.Select(g => (g.Label, g.Data))], IsGrouped, DataSource, Options, Backend.Id));
        N = groups.Sum(g => g.N);
        _sweepTemplate = new SweepParameters
        {
            Nu = startNu, // ν estimated: each chain's own is read from its state (SweepParameters.ForChain)
            Chi2 = startShape,
            EstimatesNu = options.EstimateNu ? 1 : 0,
            SingleVariates = options.Precision == Precision.Single ? 1 : 0,
            Key0 = (uint)Seed, // each chain's own group key replaces it (SweepParameters.ForSegment)
            Key1 = (uint)(Seed >> 32),
            Sweep = 0,
            FirstChain = 0,
            DataLength = groups[0].N,
            TileCount = groups[0].TileCount,
        };
    }

    private (ChainSegment[], TileItem[], int[]) BuildTables()
    {
        var segments = new ChainSegment[Slots];
        var firstItem = new int[Slots + 1];
        var items = new TileItem[ItemCount];
        int item = 0;
        for (int slot = 0; slot < Slots; slot++)
        {
            var group = GroupOf(slot);
            segments[slot] = group.SegmentOf(ChainOf(slot));
            firstItem[slot] = item;
            for (int tile = 0; tile < group.TileCount; tile++) items[item++] = new TileItem { Slot = slot, Tile = tile };
        }
        firstItem[Slots] = item;
        return (segments, items, firstItem);
    }

    /// <summary>
    /// A start of α² (or σ²) in standard units, α²/scale² (1 when not given); refused outside [1e-150, 1e150] of the data's scale
    /// squared, where a sweep's squares leave the double range (σ² = 1e-320 became ∞ in the first sweep).
    /// </summary>
    private static double StandardStart(PlannedGroup group, string option, double? value, string what = "")
    {
        if (value is not { } given) return 1.0;
        double standard = group.Standardization.ToStandardSquared(given);
        if (!(standard >= 1 / Standardization.MaxStandardValue) || !(standard <= Standardization.MaxStandardValue))
        {
            throw new OptionOutOfRangeException(option, given, string.Create(CultureInfo.InvariantCulture,
                $"{what}is out of range next to the data's scale squared ({group.Standardization.Scale}²): it must lie within 1e±150 times it{InGroup(group)}"));
        }
        return standard;
    }

    /// <summary>A start of μ in standard units, (μ − centre)/scale; refused beyond 1e150 scales from the data's median, where the data are held.</summary>
    private static double StandardMu(PlannedGroup group, string option, double mu, string what = "")
    {
        double standard = group.Standardization.ToStandard(mu);
        if (!(Math.Abs(standard) <= Standardization.MaxStandardValue))
        {
            throw new OptionOutOfRangeException(option, mu, string.Create(CultureInfo.InvariantCulture,
                $"{what}lies over 1e150 times the data's scale ({group.Standardization.Scale}) from its median ({group.Standardization.Centre}){InGroup(group)}"));
        }
        return standard;
    }

    /// <summary>Entry <paramref name="index"/> of the user's starts in standard units (μ', σ'² as α'² with τ² = 1), each refused out of range.</summary>
    private static (double Mu, double Sigma2) StandardInit(PlannedGroup group, IReadOnlyList<ChainInit> inits, int index)
    {
        var init = inits[index];
        string chain = inits.Count == 1 ? "" : $"chain {index + 1}'s ";
        return (StandardMu(group, nameof(SamplerOptions.Inits), init.Mu, $"{chain}mu {init.Mu.ToString(CultureInfo.InvariantCulture)} "),
            StandardStart(group, nameof(SamplerOptions.Inits), init.Sigma2, $"{chain}sigma2 {init.Sigma2.ToString(CultureInfo.InvariantCulture)} "));
    }

    private static string InGroup(PlannedGroup group) => group.Label is null ? "" : $" in group '{group.Label}'";

    /// <summary>Validates <paramref name="options"/> and the hooks, fills in the seed and resolves the backend.</summary>
    public static RunPlan Create(ObservedData data, SamplerOptions options, RunHooks hooks)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Create([(null, data)], data.Source, grouped: false, options, hooks);
    }

    /// <summary>A grouped run: each group validated on its own (its messages name it), then as <see cref="Create(ObservedData, SamplerOptions, RunHooks)"/>.</summary>
    public static RunPlan Create(GroupedData data, SamplerOptions options, RunHooks hooks)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Create([.. data.Labels.Zip(data.Groups, (label, group) => ((string?)label, group))], data.Source, grouped: true, options, hooks);
    }

    private static RunPlan Create(IReadOnlyList<(string? Label, ObservedData Data)> groups, string source, bool grouped, SamplerOptions options, RunHooks hooks)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hooks);
        options.Validate();
        foreach (var (_, data) in groups)
        {
            if (options.EstimateNu) Properness.Check(data, options.NuMin, nameof(SamplerOptions.NuMin)); // proper at every ν allowed
            else Properness.Check(data, options.Nu, nameof(SamplerOptions.Nu));
        }
        if (!(hooks.CheckpointEvery > TimeSpan.Zero))
            throw new OptionOutOfRangeException(nameof(RunHooks.CheckpointEvery), hooks.CheckpointEvery, "must be more than 0");
        if (hooks.MaxSweepsPerBlock is < 1)
            throw new OptionOutOfRangeException(nameof(RunHooks.MaxSweepsPerBlock), hooks.MaxSweepsPerBlock, "must be at least 1");
        if (hooks.Devices is { } devices)
        {
            if (devices.Count == 0 || devices.Any(d => d < 0) || devices.Distinct().Count() != devices.Count)
                throw new OptionOutOfRangeException(nameof(RunHooks.Devices), string.Join(',', devices), "must be distinct device ids, 0 or more");
            if (devices.Count > options.Chains)
                throw new OptionOutOfRangeException(nameof(RunHooks.Devices), string.Join(',', devices), $"names {devices.Count} devices for {options.Chains} chains; each device needs a chain of its own");
        }
        if (options.TargetEss is { } target && (hooks.ResumeFrom is not null || hooks.Checkpoint is not null))
            throw new OptionOutOfRangeException(nameof(SamplerOptions.TargetEss), target, "cannot be checkpointed or resumed: its stopping rule reads every draw since the start of sampling");
        if (options.TargetEss is { } kept && !hooks.KeepDrawsInMemory)
            throw new OptionOutOfRangeException(nameof(SamplerOptions.TargetEss), kept, "needs the draws kept in memory (RunHooks.KeepDrawsInMemory) to check them");
        if (hooks.CpuThreads is < 1) throw new OptionOutOfRangeException(nameof(RunHooks.CpuThreads), hooks.CpuThreads, "must be at least 1");
        if (grouped && options.Inits is not null)
            throw new OptionOutOfRangeException(nameof(SamplerOptions.Inits), options.Inits.Count, "is not available for a grouped run (values in one group's units would not suit another's)");
        var seeded = options.WithSeed();
        long slots = (long)groups.Count * options.Chains;
        if (slots > Array.MaxLength)
            throw new OptionOutOfRangeException(nameof(SamplerOptions.Chains), options.Chains, $"× {groups.Count} groups would outgrow the largest array; at most {Array.MaxLength / groups.Count} chains per group fit");
        long total = groups.Sum(g => (long)g.Data.Count);
        var (backend, reason) = ResolveBackend(groups.Count, total, options, hooks.CpuThreads);
        if (hooks.Devices is not null && !backend.TakesDevices)
            throw new OptionOutOfRangeException(nameof(RunHooks.Devices), string.Join(',', hooks.Devices), $"are for the ILGPU backends (cuda, opencl, ilgpu-cpu); this run's is {backend.Name}");
        var planned = new List<PlannedGroup>(groups.Count);
        int offset = 0;
        foreach (var (label, data) in groups)
        {
            planned.Add(new PlannedGroup(label, data, seeded.Seed!.Value, offset));
            offset += data.Count;
        }
        return new RunPlan(planned, source, grouped, seeded, hooks, backend) { BackendReason = reason };
    }

    /// <summary>
    /// The backend a run of <paramref name="data"/> with <paramref name="options"/> uses, and why when auto chose it: the one
    /// resolution the plan and the resource estimate share (ν estimated is NaN to the cost model: both passes, no loop-free χ²).
    /// </summary>
    public static (BackendDescriptor Backend, string? Reason) ResolveBackend(ObservedData data, SamplerOptions options, int? cpuThreads) =>
        ResolveBackend(1, data.Count, options, cpuThreads);

    /// <summary>As above for <paramref name="groups"/> groups of <paramref name="totalCount"/> observations in all: to the cost model, groups × chains chains of the mean size.</summary>
    public static (BackendDescriptor Backend, string? Reason) ResolveBackend(int groups, long totalCount, SamplerOptions options, int? cpuThreads) =>
        BackendRegistry.ResolveWithReason(options.Backend, (int)Math.Min(int.MaxValue, (long)groups * options.Chains),
            (int)((totalCount + groups - 1) / groups), options.TotalSweeps,
            options.EstimateNu ? double.NaN : options.Nu, cpuThreads, kernelDrawsOnly: options.Precision == Precision.Single);

    /// <summary>The groups, in order (one, unlabelled, for an ungrouped run).</summary>
    public IReadOnlyList<PlannedGroup> Groups { get; }

    /// <summary>Whether the run was asked for over groups (its outputs carry group labels), even of one group.</summary>
    public bool IsGrouped { get; }

    /// <summary>Where the data came from, for messages and outputs.</summary>
    public string DataSource { get; }

    /// <summary>The group slot <paramref name="slot"/> belongs to.</summary>
    public PlannedGroup GroupOf(int slot) => Groups[slot / Chains];

    /// <summary>Draw <paramref name="state"/> of slot <paramref name="slot"/> (standard units) in its group's data units.</summary>
    public ChainDraw ToDraw(int slot, ChainState state)
    {
        var units = GroupOf(slot).Standardization;
        return new(units.Mu(state.Mu), units.Squared(state.Alpha2), state.Tau2, state.Nu);
    }

    /// <summary>Observations over all groups (n of an ungrouped run).</summary>
    public int N { get; }

    /// <summary>Chains in the run over all groups: groups × <see cref="Chains"/>.</summary>
    public int Slots { get; }

    /// <summary>Every slot's segment: its group's stretch of the data buffer, tiles, key and chain number.</summary>
    public ReadOnlySpan<ChainSegment> Segments => _tables.Value.Segments;

    /// <summary>Every (slot, tile) item, slot by slot and tiles in order: the engines' units of work and the partial sums' order.</summary>
    public ReadOnlySpan<TileItem> Items => _tables.Value.Items;

    /// <summary>(slot, tile) items in all: chains × Σ the groups' tiles.</summary>
    public long ItemCount { get; }

    /// <summary>Index of slot <paramref name="slot"/>'s first item (<paramref name="slot"/> = <see cref="Slots"/>: the item count).</summary>
    public int FirstItemOf(int slot) => _tables.Value.FirstItem[slot];

    /// <summary>Every group's standardized data end to end, in group order (a device's one buffer).</summary>
    public double[] ConcatenatedValues() => [.. Groups.SelectMany(g => g.Values)];

    /// <summary>A host random stream of slot <paramref name="slot"/>: keyed by its group, counter word 2 its chain within the group.</summary>
    public PhiloxRandomSource RandomSourceOf(int slot, RandomStream stream) => new(GroupOf(slot).Key, ChainOf(slot), stream);

    /// <summary>
    /// Slot <paramref name="slot"/>'s chain id in the whole run (<see cref="SamplerOptions.FirstChain"/> + its chain within
    /// its group): what its random streams are keyed by, so a shard's chains draw what the whole run's do.
    /// </summary>
    public int ChainOf(int slot) => Options.FirstChain + (slot % Chains);

    /// <summary>The options as run, validated, with <see cref="SamplerOptions.Seed"/> filled in.</summary>
    public SamplerOptions Options { get; }

    /// <summary>The run's seed: the Philox key of every stream.</summary>
    public ulong Seed { get; }

    /// <summary>Whether ν is estimated (each chain draws its own every sweep).</summary>
    public bool EstimatesNu => NuUpdate is not null;

    /// <summary>ν's draw when it is estimated; null when it is fixed.</summary>
    public NuUpdate? NuUpdate { get; }

    /// <summary>A fresh marginal move of ν for a sweeper (it holds per-chain step sizes), or null when ν is fixed or the move is off.</summary>
    public NuMarginalMove? CreateNuMarginalMove() =>
        NuUpdate is { } update && Options.NuMove != NuMove.Conditional
            ? new NuMarginalMove([.. Enumerable.Range(0, Slots).Select(s => GroupOf(s).N)], update, Options.BurnIn, Options.NuMove) : null;

    /// <summary>Chains per group (of the run when ungrouped).</summary>
    public int Chains => Options.Chains;

    /// <summary>Sweeps per chain, burn-in included.</summary>
    public long TotalSweeps => Options.TotalSweeps;

    /// <summary>CPU threads the engines and the host draws may use (≥ 1).</summary>
    public int Threads { get; }

    /// <summary>
    /// The plan of the chains <paramref name="first"/> .. + <paramref name="count"/> of every group (chain ids within the
    /// group, from 0) on device <paramref name="device"/> with <paramref name="threads"/> CPU threads: what one device of a
    /// several-device run sweeps. Its chains keep their global ids (<see cref="ChainOf"/>), so they draw what they draw here.
    /// </summary>
    public RunPlan ForDevice(int first, int count, int device, int threads) =>
        new(Groups, DataSource, IsGrouped, Options with { FirstChain = Options.FirstChain + first, Chains = count, TotalChains = Options.RunChains },
            new RunHooks { Devices = [device], CpuThreads = threads, OverlapHostDraws = OverlapHostDraws }, Backend);

    /// <summary>The device an engine of this plan runs on: its id among the backend's kind (<see cref="RunHooks.Devices"/>' first; 0 when not given).</summary>
    public int DeviceIndex => Hooks.Devices is { Count: > 0 } devices ? devices[0] : 0;

    /// <summary>
    /// The run's record (<see cref="RunRecord"/>): every draw-shaping option, seed, backend, the data's hash. Made once, when
    /// first asked for (hashing the data reads every value), and shared by every view: checkpoints, the results' records.
    /// </summary>
    public RunRecord Record => _record.Value;

    /// <summary>
    /// The record, for the results to make when first asked for: the one made already, or one made later from the data,
    /// options and backend alone, so a result does not keep the plan (its standardized copy of the data) alive.
    /// </summary>
    public Lazy<RunRecord> RecordForResults()
    {
        if (_record.IsValueCreated) return _record;
        var groups = Groups.Select(g => (g.Label, g.Data)).ToArray();
        var (grouped, source, options, backend) = (IsGrouped, DataSource, Options, Backend.Id);
        return new(() => RunRecord.Of(groups, grouped, source, options, backend));
    }

    /// <summary>The caller's hooks: sinks, progress, checkpoints, the run to resume.</summary>
    public RunHooks Hooks { get; }

    /// <summary>Draws recorded before sweep <paramref name="sweeps"/> (0-based count of completed sweeps): kept sweeps among 0 .. sweeps − 1.</summary>
    public int DrawsBefore(long sweeps) => sweeps <= Options.BurnIn ? 0 : (int)((sweeps - Options.BurnIn) / Options.Thin);

    /// <summary>The caller's choice on pipelining host draws with device work (null: the engine decides).</summary>
    public bool? OverlapHostDraws { get; }


    /// <summary>Why <see cref="GreatModel.Backend.Auto"/> chose <see cref="Backend"/>; null for an explicit choice.</summary>
    public string? BackendReason { get; private init; }

    /// <summary>The backend that runs (never <see cref="GreatModel.Backend.Auto"/>).</summary>
    public BackendDescriptor Backend { get; }

    /// <summary>Per group, the centre of its chains' starts in standard units: μ' = 0 (the median), σ'² = 1 (the data's spread²), ν's start; or the values given.</summary>
    public IReadOnlyList<ChainState> InitialStates { get; }

    /// <summary>
    /// Slot <paramref name="slot"/>'s start: dispersed around its group's <see cref="InitialStates"/> in every component the options leave
    /// open, as CmdStan's default init (uniform on (−2, 2) on the unconstrained scale) is: μ' = U(−2, 2) robust spreads from the
    /// median, log α'² = U(−2, 2) (σ'² from 0.14 to 7.4 times the spread²), and with ν estimated log ν = log(start) + U(−1, 1),
    /// held in the range. R̂ assumes starts this spread: chains started at one point can agree without having converged. The
    /// uniforms come from the chain's own stream (<see cref="RandomStream.InitialValues"/>), so a chain starts the same alone
    /// or among others; a value given in the options is every chain's, and <see cref="SamplerOptions.Inits"/> gives each chain its own.
    /// </summary>
    public ChainState InitialStateOf(int slot)
    {
        var rng = RandomSourceOf(slot, RandomStream.InitialValues);
        var centre = InitialStates[slot / Chains];
        double u0 = rng.NextDouble(), u1 = rng.NextDouble(), u2 = rng.NextDouble(); // always three: the stream's use is fixed
        var o = Options;
        if (o.Inits is { } inits)
        {
            // The user's own values (data units → standard); ν given or dispersed as below.
            var init = inits[inits.Count == 1 ? 0 : ChainOf(slot)];
            var group = GroupOf(slot);
            var (standardMu, standardSigma2) = StandardInit(group, inits, inits.Count == 1 ? 0 : ChainOf(slot));
            var given = centre.With(standardMu, standardSigma2, 1.0);
            if (!EstimatesNu) return given;
            double start = init.Nu ?? Math.Clamp(centre.Nu * Math.Exp((2 * u2) - 1), o.NuMin, o.NuMax);
            return new ChainState(given.Mu, given.Alpha2, 1.0, start, ChiSquaredShape.ForVarying(start));
        }
        double mu = o.InitialMu is null ? (4 * u0) - 2 : centre.Mu;
        double alpha2 = o.InitialAlpha2 is null ? Math.Exp((4 * u1) - 2) : centre.Alpha2;
        if (!EstimatesNu || o.InitialNu is not null) return centre.With(mu, alpha2, centre.Tau2);
        double nu = Math.Clamp(centre.Nu * Math.Exp((2 * u2) - 1), o.NuMin, o.NuMax);
        return new ChainState(mu, alpha2, centre.Tau2, nu, ChiSquaredShape.ForVarying(nu));
    }

    /// <summary>The kernels' launch parameters for one sweep (everything but the sweep number is fixed for the run).</summary>
    public SweepParameters ParametersFor(uint sweep, int firstChain = 0)
    {
        var p = _sweepTemplate;
        p.Sweep = sweep;
        p.FirstChain = firstChain;
        return p;
    }

    /// <summary>
    /// The warm-up draw a burn-in sweep (0-based) records when warm-up is saved, or −1: sweeps 0, thin, 2·thin, … below the
    /// burn-in, as CmdStan saves warm-up iterations (⌈burn-in / thin⌉ of them).
    /// </summary>
    public int WarmupDrawIndex(long sweep) => sweep < Options.BurnIn && sweep % Options.Thin == 0 ? (int)(sweep / Options.Thin) : -1;

    /// <summary>The recorded draw index of a sweep, or -1 when the sweep is burn-in or thinned away.</summary>
    public int DrawIndex(long sweep)
    {
        long kept = sweep - Options.BurnIn + 1;
        return kept > 0 && kept % Options.Thin == 0 ? (int)(kept / Options.Thin) - 1 : -1;
    }

    /// <summary>
    /// Adds each chain's tile partials in tile order: the fixed last step of every backend's reduction. <paramref name="partials"/>
    /// holds the items of slots <paramref name="firstSlot"/> .. + <paramref name="sums"/>.Length, from the first's first item.
    /// </summary>
    public void ReduceTiles(ReadOnlySpan<SweepSums> partials, Span<SweepSums> sums, int firstSlot = 0)
    {
        var firstItem = _tables.Value.FirstItem;
        int origin = firstItem[firstSlot];
        for (int k = 0; k < sums.Length; k++)
        {
            int slot = firstSlot + k;
            sums[k] = SweepSums.SumInOrder(partials[(firstItem[slot] - origin)..(firstItem[slot + 1] - origin)]);
        }
    }
}
