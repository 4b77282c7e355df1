using System.Security.Cryptography;
using GreatModel.Backends;
using GreatModel.Kernels;
using GreatModel.Model;
using GreatModel.Random;

namespace GreatModel.Sampling;

/// <summary>
/// Everything a run needs, validated and derived once (<see cref="Create"/>): the data, ν and the
/// constants that follow from it, the seed and its Philox key, the tile layout, threads and the
/// resolved backend. Engines, host draws, sinks and outputs read it; nothing downstream re-derives
/// or re-validates. Immutable.
/// </summary>
internal sealed class RunPlan
{
    private readonly double[] _values;
    private readonly SweepParameters _sweepTemplate;

    private RunPlan(ObservedData data, SamplerOptions options, RunHooks hooks, BackendDescriptor backend)
    {
        Data = data;
        Standardization = Standardization.For(data);
        // With ν estimated the check must hold over its whole range: its two conditions are monotone in ν in opposite
        // directions, so at both ends.
        foreach (double nu in options.EstimateNu ? [options.NuMin, options.NuMax] : (double[])[options.Nu])
            Standardization.CheckFarObservations(data, nu, options.EstimateNu);
        _values = Standardization.Apply(data.Values);
        NuUpdate = options.EstimateNu ? new NuUpdate(options.NuPrior, options.NuMin, options.NuMax) : null;
        // The prior's mean, clamped into the range: closed form, so no prior however extreme can stall the start.
        double startNu = options.EstimateNu ? options.StartingNu : options.Nu;
        var startShape = options.EstimateNu ? ChiSquaredShape.ForVarying(startNu) : ChiSquaredShape.For(options.Nu + 1);
        Options = options;
        Seed = options.Seed!.Value;
        Backend = backend;
        Threads = hooks.CpuThreads ?? Environment.ProcessorCount;
        OverlapHostDraws = hooks.OverlapHostDraws;
        InitialState = new ChainState(
            options.InitialMu is { } mu ? Standardization.ToStandard(mu) : 0.0, // the median: a mean would follow a far outlier
            StandardStart(nameof(SamplerOptions.InitialAlpha2), options.InitialAlpha2),
            options.InitialTau2 ?? 1.0, // τ² carries no units: ToDraw maps α² = scale²·α'² and keeps τ²
            startNu,
            startShape);
        TileCount = SweepLayout.TileCount(_values.Length);
        _sweepTemplate = new SweepParameters
        {
            Nu = startNu, // ν estimated: each chain's own is read from its state (SweepParameters.ForChain)
            Chi2 = startShape,
            EstimatesNu = options.EstimateNu ? 1 : 0,
            SingleVariates = options.Precision == Precision.Single ? 1 : 0,
            Key0 = (uint)Seed,
            Key1 = (uint)(Seed >> 32),
            Sweep = 0,
            FirstChain = 0,
            DataLength = _values.Length,
            TileCount = TileCount,
        };
    }

    /// <summary>A start of α² in standard units, α²/scale² (1 when not given); refused when the data's scale puts it out of range.</summary>
    private double StandardStart(string option, double? value)
    {
        if (value is not { } given) return 1.0;
        double standard = Standardization.ToStandardSquared(given);
        if (!(standard > 0) || !double.IsFinite(standard))
            throw new OptionOutOfRangeException(option, given, $"is out of range next to the data's scale squared ({Standardization.Scale}²)");
        return standard;
    }

    /// <summary>Validates <paramref name="options"/> and the hooks, fills in the seed and resolves the backend.</summary>
    public static RunPlan Create(ObservedData data, SamplerOptions options, RunHooks hooks)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hooks);
        options.Validate();
        if (options.EstimateNu) Properness.Check(data, options.NuMin, nameof(SamplerOptions.NuMin)); // proper at every ν allowed
        else Properness.Check(data, options.Nu, nameof(SamplerOptions.Nu));
        if (hooks.CpuThreads is < 1) throw new OptionOutOfRangeException(nameof(RunHooks.CpuThreads), hooks.CpuThreads, "must be at least 1");
        var seeded = options with { Seed = options.Seed ?? BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) };
        var (backend, reason) = ResolveBackend(data, options, hooks.CpuThreads);
        return new RunPlan(data, seeded, hooks, backend) { BackendReason = reason };
    }

    /// <summary>
    /// The backend a run of <paramref name="data"/> with <paramref name="options"/> uses, and why when auto chose it: the one
    /// resolution the plan and the resource estimate share (ν estimated is NaN to the cost model: both passes, no loop-free χ²).
    /// </summary>
    public static (BackendDescriptor Backend, string? Reason) ResolveBackend(ObservedData data, SamplerOptions options, int? cpuThreads) =>
        BackendRegistry.ResolveWithReason(options.Backend, options.Chains, data.Count, options.TotalSweeps,
            options.EstimateNu ? double.NaN : options.Nu, cpuThreads, kernelDrawsOnly: options.Precision == Precision.Single);

    /// <summary>The observations, as given.</summary>
    public ObservedData Data { get; }

    /// <summary>The map between data units and the standard units the sweeps run in.</summary>
    public Standardization Standardization { get; }

    /// <summary>Draw <paramref name="state"/> (standard units) in data units.</summary>
    public ChainDraw ToDraw(ChainState state) =>
        new(Standardization.Mu(state.Mu), Standardization.Squared(state.Alpha2), state.Tau2, state.Nu);

    /// <summary>The observations as the engines read them: standardized (a private array; never modified).</summary>
    public double[] Values => _values;

    /// <summary>n.</summary>
    public int N => _values.Length;

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
        NuUpdate is { } update && Options.NuMarginalMove ? new NuMarginalMove(Chains, N, update, Options.BurnIn) : null;

    /// <summary>Chains in the run.</summary>
    public int Chains => Options.Chains;

    /// <summary>Sweeps per chain, burn-in included.</summary>
    public long TotalSweeps => Options.TotalSweeps;

    /// <summary>Tiles of <see cref="SweepLayout.TileSize"/> data (the last may be partial).</summary>
    public int TileCount { get; }

    /// <summary>CPU threads the engines and the host draws may use (≥ 1).</summary>
    public int Threads { get; }

    /// <summary>The caller's choice on pipelining host draws with device work (null: the engine decides).</summary>
    public bool? OverlapHostDraws { get; }

    /// <summary>Why <see cref="GreatModel.Backend.Auto"/> chose <see cref="Backend"/>; null for an explicit choice.</summary>
    public string? BackendReason { get; private init; }

    /// <summary>The backend that runs (never <see cref="GreatModel.Backend.Auto"/>).</summary>
    public BackendDescriptor Backend { get; }

    /// <summary>The centre of the chains' starts in standard units: μ' = 0 (the median), σ'² = 1 (the data's spread²), ν's start; or the values given.</summary>
    public ChainState InitialState { get; }

    /// <summary>
    /// Chain <paramref name="chain"/>'s start: dispersed around <see cref="InitialState"/> in every component the options leave
    /// open, as CmdStan's default init (uniform on (−2, 2) on the unconstrained scale) is: μ' = U(−2, 2) robust spreads from the
    /// median, log α'² = U(−2, 2) (σ'² from 0.14 to 7.4 times the spread²), and with ν estimated log ν = log(start) + U(−1, 1),
    /// held in the range. R̂ assumes starts this spread: chains started at one point can agree without having converged. The
    /// uniforms come from the chain's own stream (<see cref="RandomStream.InitialValues"/>), so a chain starts the same alone
    /// or among others; a value given in the options is every chain's.
    /// </summary>
    public ChainState InitialStateOf(int chain)
    {
        var rng = new PhiloxRandomSource(Seed, chain, RandomStream.InitialValues);
        double u0 = rng.NextDouble(), u1 = rng.NextDouble(), u2 = rng.NextDouble(); // always three: the stream's use is fixed
        var o = Options;
        double mu = o.InitialMu is null ? (4 * u0) - 2 : InitialState.Mu;
        double alpha2 = o.InitialAlpha2 is null ? Math.Exp((4 * u1) - 2) : InitialState.Alpha2;
        if (!EstimatesNu || o.InitialNu is not null) return InitialState.With(mu, alpha2, InitialState.Tau2);
        double nu = Math.Clamp(InitialState.Nu * Math.Exp((2 * u2) - 1), o.NuMin, o.NuMax);
        return new ChainState(mu, alpha2, InitialState.Tau2, nu, ChiSquaredShape.ForVarying(nu));
    }

    /// <summary>The kernels' launch parameters for one sweep (everything but the sweep number is fixed for the run).</summary>
    public SweepParameters ParametersFor(uint sweep, int firstChain = 0)
    {
        var p = _sweepTemplate;
        p.Sweep = sweep;
        p.FirstChain = firstChain;
        return p;
    }

    /// <summary>The recorded draw index of a sweep, or -1 when the sweep is burn-in or thinned away.</summary>
    public int DrawIndex(long sweep)
    {
        long kept = sweep - Options.BurnIn + 1;
        return kept > 0 && kept % Options.Thin == 0 ? (int)(kept / Options.Thin) - 1 : -1;
    }

    /// <summary>Adds each chain's tile partials in tile order: the fixed last step of every backend's reduction.</summary>
    public void ReduceTiles(ReadOnlySpan<SweepSums> partials, Span<SweepSums> sums)
    {
        for (int c = 0; c < sums.Length; c++)
            sums[c] = SweepSums.SumInOrder(partials.Slice(c * TileCount, TileCount));
    }
}
