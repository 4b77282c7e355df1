using GreatModel.Kernels;
namespace GreatModel;

/// <summary>
/// How to run the sampler. Defaults: the talk's ν = 6 and 2000 draws per chain, 4 chains, a burn-in of 200 (500 with ν
/// estimated; measured: <see cref="DefaultBurnIn"/>); they live here only, as the <c>Default…</c> constants, which front ends (the CLI's help) read.
/// <see cref="Validate"/> checks every range; <see cref="Sampler.Run(Model.ObservedData, SamplerOptions, Sampling.RunHooks, CancellationToken)"/>
/// calls it once.
/// </summary>
public sealed record SamplerOptions
{
    /// <summary>Default of <see cref="Nu"/>: 6, the talk's value.</summary>
    public const double DefaultNu = 6;

    /// <summary>Default of <see cref="Chains"/>.</summary>
    public const int DefaultChains = 4;

    /// <summary>
    /// Default of <see cref="BurnIn"/> with ν fixed: 200. From dispersed starts the chains agree (R̂ ≤ 1.001 over μ and σ²,
    /// five seeds) after 25 sweeps on the talk's data and Newcomb's, and the ESS per draw is the same from 25 to 2000:
    /// benchmarks/results/cpu-epyc-2core-2026-12-06-ess/burn_in.csv. 200 keeps a margin of eight. It was 2000, the talk's.
    /// </summary>
    public const int DefaultBurnIn = 200;

    /// <summary>
    /// Default of <see cref="BurnIn"/> with ν estimated: 500. The chains agree (R̂ ≤ 1.002) after 100 sweeps, but the ridge
    /// move fits its proposal within the burn-in and reaches its full ESS per draw by about 500 (at the least over five
    /// seeds, 0.56 on the talk's data and 0.66 on Newcomb's; 0.09–0.38 with 25–200): the same file.
    /// </summary>
    public const int DefaultBurnInNuEstimated = 500;

    /// <summary>Default of <see cref="Samples"/>.</summary>
    public const int DefaultSamples = 2000;

    /// <summary>Default of <see cref="Thin"/>.</summary>
    public const int DefaultThin = 1;

    /// <summary>The largest ν accepted (1e6): beyond it ν·τ² and the χ²_{ν+1} draw lose range, and the t likelihood is the normal to about 1e-6.</summary>
    public const double MaxNu = 1e6;

    /// <summary>Default of <see cref="NuMin"/>: 1, as brms truncates (a t with ν &lt; 1 has no mean).</summary>
    public const double DefaultNuMin = 1;

    /// <summary>
    /// Degrees of freedom ν of the Student-t likelihood, known (unused when <see cref="EstimateNu"/>). Range:
    /// 0 &lt; ν ≤ <see cref="MaxNu"/>; the data set a lower bound too (n − 1 and ties: MODEL.md, properness),
    /// checked when the run starts.
    /// </summary>
    public double Nu { get; init; } = DefaultNu;

    /// <summary>
    /// Whether ν is estimated (a parameter with prior <see cref="NuPrior"/> on [<see cref="NuMin"/>, <see cref="NuMax"/>],
    /// drawn every sweep; recorded as <c>nu</c>) instead of fixed at <see cref="Nu"/>. Kernel backends and cpu-fast alike;
    /// not with <see cref="Precision.Single"/>.
    /// </summary>
    public bool EstimateNu { get; init; }

    /// <summary>The prior of ν when estimated: Gamma(shape, rate), truncated to [<see cref="NuMin"/>, <see cref="NuMax"/>]. Default Gamma(2, 0.1).</summary>
    public NuPrior NuPrior { get; init; } = NuPrior.Default;

    /// <summary>
    /// The lower end of ν's range when estimated. Range: 0 &lt; NuMin &lt; <see cref="NuMax"/>; the data set a lower bound
    /// (MODEL.md, properness: the posterior must be proper at every ν allowed, so the rule is checked here).
    /// </summary>
    public double NuMin { get; init; } = DefaultNuMin;

    /// <summary>The upper end of ν's range when estimated. Range: <see cref="NuMin"/> &lt; NuMax ≤ <see cref="MaxNu"/>.</summary>
    public double NuMax { get; init; } = MaxNu;

    /// <summary>
    /// With ν estimated, how ν moves besides its exact draw from ν | U (<see cref="GreatModel.NuMove"/>): by default the ridge
    /// move, which moves ν and σ² together with U integrated out (one extra pass over the data per sweep; fitted during
    /// burn-in, then frozen). ν | U alone mixes slowly where ν and σ² are strongly dependent (MODEL.md, "The ridge move",
    /// measured there).
    /// </summary>
    public NuMove NuMove { get; init; } = NuMove.Ridge;

    /// <summary>
    /// Starting ν of every chain when estimated; null starts at the prior's mean clamped into [<see cref="NuMin"/>,
    /// <see cref="NuMax"/>] (20 for the default). Range: in [<see cref="NuMin"/>, <see cref="NuMax"/>].
    /// </summary>
    public double? InitialNu { get; init; }

    /// <summary>The ν every chain starts from when estimated: <see cref="InitialNu"/>, or the prior's mean clamped into the range.</summary>
    public double StartingNu => InitialNu ?? Math.Clamp(NuPrior.Mean, NuMin, NuMax);

    /// <summary>Independent chains. Range: ≥ 1.</summary>
    public int Chains { get; init; } = DefaultChains;

    /// <summary>
    /// The global id (0-based) of this run's first chain: a shard of a larger run runs chains FirstChain .. FirstChain +
    /// <see cref="Chains"/> − 1 of it, and each of them draws exactly what it draws in the whole run (a chain's streams are
    /// keyed by the seed and its global id alone). Range: ≥ 0, with FirstChain + Chains ≤ <see cref="TotalChains"/>.
    /// </summary>
    public int FirstChain { get; init; }

    /// <summary>
    /// Chains in the whole run this one is a shard of (files number rows and chains within it); null: <see cref="Chains"/>,
    /// the run is whole. Range: ≥ FirstChain + Chains.
    /// </summary>
    public int? TotalChains { get; init; }

    /// <summary>Chains in the whole run: <see cref="TotalChains"/>, or <see cref="Chains"/> when the run is whole.</summary>
    public int RunChains => TotalChains ?? Chains;

    /// <summary>
    /// Sweeps run and discarded before recording; unless set, <see cref="DefaultBurnIn"/> (200) with ν fixed and
    /// <see cref="DefaultBurnInNuEstimated"/> (500) with ν estimated. Range: ≥ 0.
    /// </summary>
    public int BurnIn { get => _burnIn ?? (EstimateNu ? DefaultBurnInNuEstimated : DefaultBurnIn); init => _burnIn = value; }

    /// <summary>
    /// The burn-in as given; null: <see cref="DefaultBurnIn"/> or <see cref="DefaultBurnInNuEstimated"/>, as ν is fixed or
    /// estimated (so <c>options with { EstimateNu = true }</c> moves an unset burn-in from 200 to 500; record equality
    /// compares how it was set, not only its value).
    /// </summary>
    private readonly int? _burnIn;

    /// <summary>Recorded draws per chain. Range: ≥ 1, with <see cref="TotalSweeps"/> &lt; 2³².</summary>
    public int Samples { get; init; } = DefaultSamples;

    /// <summary>
    /// Run until enough: when set, sampling stops at the first check where every parameter of interest (μ, σ², and ν when
    /// estimated; in every group) has bulk and tail ESS of at least this many and R̂ ≤ <see cref="TargetRhat"/>, and
    /// <see cref="Samples"/> is then the most draws per chain it may take. The checks fall at draw counts set by the draws
    /// alone (100 per chain, then where the ESS seen extrapolates to the target, and at <see cref="Samples"/>), so the same
    /// seed and target give the same draws on any machine. Not with a checkpoint or resume, nor in a shard (each shard would stop at its own length).
    /// Range: null, or 1 .. 10⁸.
    /// </summary>
    public int? TargetEss { get; init; }

    /// <summary>The R̂ every parameter must be at or below for <see cref="TargetEss"/> to count as reached: 1.01 (Vehtari et al. 2021).</summary>
    public const double TargetRhat = 1.01;

    /// <summary>The most draws per chain a front end lets a <see cref="TargetEss"/> run take when the user gives no <see cref="Samples"/>.</summary>
    public const int DefaultTargetMaxSamples = 100_000;

    /// <summary>Sweeps per recorded draw (the last sweep of each block of <c>Thin</c> is kept). Range: ≥ 1.</summary>
    public int Thin { get; init; } = DefaultThin;

    /// <summary>Seed of every random stream, any 64-bit value; null draws a fresh one (reported in the result).</summary>
    public ulong? Seed { get; init; }

    /// <summary>Which backend runs the sweeps; <see cref="Backend.Auto"/> picks one (the result says which).</summary>
    public Backend Backend { get; init; } = Backend.Auto;

    /// <summary>
    /// Precision of the per-datum χ² variates. <see cref="Precision.Single"/>: kernel backends only, ν an integer
    /// from 1 to 15 (refused otherwise, before sampling); <see cref="Backend.Auto"/> then picks among the kernel backends.
    /// </summary>
    public Precision Precision { get; init; } = Precision.Double;

    /// <summary>
    /// CUDA's device path (<see cref="Kernels.SweepParameters.DeviceMath"/>: the GPU's approximate log, cosine and reciprocal,
    /// refined in double precision; draws equal in law to the portable ones, not bit for bit). null (the default): on for
    /// <see cref="Backend.Cuda"/> only. false: the portable functions on every backend. true: the device path on an ILGPU
    /// backend (cuda, opencl, ilgpu-cpu; off CUDA with the hardware's approximation emulated): refused on the others.
    /// Recorded in the run record, so a resume or merge under another setting is refused.
    /// </summary>
    public bool? DeviceMath { get; init; }

    /// <summary>Starting μ of every chain; null starts at the data's median. Range: finite.</summary>
    public double? InitialMu { get; init; }

    /// <summary>
    /// Starting α² of every chain, in the data's units squared; null (the default) is the data's robust
    /// spread squared. Only σ² = α²·τ² matters to the chain (MODEL.md). Range: finite, &gt; 0.
    /// </summary>
    public double? InitialAlpha2 { get; init; }

    /// <summary>Starting τ² of every chain (unitless: σ² = α²·τ²); null is 1. Range: finite, &gt; 0.</summary>
    public double? InitialTau2 { get; init; }

    /// <summary>
    /// The user's own starting point per chain (CmdStan's <c>init</c>): one entry for every chain, or one for all of them;
    /// null starts every chain dispersed around the data's robust centre and scale (docs/MODEL.md, "Start"). Not with
    /// <see cref="InitialMu"/>, <see cref="InitialAlpha2"/>, <see cref="InitialTau2"/> or <see cref="InitialNu"/>, nor in a
    /// grouped run (values in one group's units would not suit another's).
    /// </summary>
    public IReadOnlyList<ChainInit>? Inits { get; init; }

    /// <summary>
    /// These options with a seed: <see cref="Seed"/> as given, or a fresh one drawn now (cryptographic randomness). A run
    /// draws one this way when none is given; a caller fixes it first when something outside the run is keyed by it too
    /// (a checkpoint to resume, predictive streams).
    /// </summary>
    public SamplerOptions WithSeed() =>
        Seed is null ? this with { Seed = BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)) } : this;

    /// <summary>Total sweeps run per chain: <see cref="BurnIn"/> + <see cref="Samples"/> × <see cref="Thin"/>.</summary>
    public long TotalSweeps => BurnIn + ((long)Samples * Thin);

    /// <summary>
    /// Throws when any option is out of its range: <see cref="OptionOutOfRangeException"/> naming it when one is, and
    /// <see cref="InvalidOptionsException"/> listing every one when several are (all found at once, not one per attempt).
    /// </summary>
    public void Validate()
    {
        var problems = Problems().ToList();
        if (problems.Count == 1) throw problems[0];
        if (problems.Count > 1) throw new InvalidOptionsException(problems);
    }

    /// <summary>
    /// Every option out of its range, each as the exception naming it, in the options' order; empty when all are in range.
    /// A check that reads another option runs only when that one is in range (a bad ν is not also a bad precision).
    /// </summary>
    public IEnumerable<OptionOutOfRangeException> Problems()
    {
        bool nuValid = double.IsFinite(Nu) && Nu > 0 && Nu <= MaxNu;
        if (!double.IsFinite(Nu) || Nu <= 0) yield return new OptionOutOfRangeException(nameof(Nu), Nu, "must be a finite number > 0");
        else if (Nu > MaxNu)
            yield return new OptionOutOfRangeException(nameof(Nu), Nu, "must be at most 1e6: beyond it the t likelihood is the normal to about 1e-6, and nu·tau2 and the chi-square draws lose range");
        if (EstimateNu)
        {
            foreach (var problem in NuEstimateProblems()) yield return problem;
        }
        if (Chains < 1) yield return new OptionOutOfRangeException(nameof(Chains), Chains, "must be at least 1");
        if (FirstChain < 0) yield return new OptionOutOfRangeException(nameof(FirstChain), FirstChain, "must be 0 or more");
        if (Chains >= 1 && FirstChain >= 0 && (long)FirstChain + Chains > RunChains)
            yield return new OptionOutOfRangeException(nameof(FirstChain), FirstChain, $"+ {Chains} chains runs past the run's {RunChains} chains");
        if (Samples < 1) yield return new OptionOutOfRangeException(nameof(Samples), Samples, "must be at least 1");
        if (BurnIn < 0) yield return new OptionOutOfRangeException(nameof(BurnIn), BurnIn, "must be 0 or more");
        if (Thin < 1) yield return new OptionOutOfRangeException(nameof(Thin), Thin, "must be at least 1");
        if (TargetEss is < 1 or > 100_000_000) yield return new OptionOutOfRangeException(nameof(TargetEss), TargetEss, "must be from 1 to 1e8");
        if (TargetEss is not null && TotalChains is not null)
            yield return new OptionOutOfRangeException(nameof(TargetEss), TargetEss, "cannot be used in a shard: each shard would stop at its own length, and shards of unequal lengths do not merge");
        if (Samples >= 1 && BurnIn >= 0 && Thin >= 1 && TotalSweeps > uint.MaxValue)
            yield return new OptionOutOfRangeException(nameof(Samples), Samples, $"burn-in + samples × thin must stay below {uint.MaxValue} sweeps");
        if (!Enum.IsDefined(Backend)) yield return new OptionOutOfRangeException(nameof(Backend), Backend, "is not a backend");
        if (!Enum.IsDefined(NuMove)) yield return new OptionOutOfRangeException(nameof(NuMove), NuMove, "is not a move of nu");
        if (!Enum.IsDefined(Precision)) yield return new OptionOutOfRangeException(nameof(Precision), Precision, "is not a precision");
        if (Precision == Precision.Single && EstimateNu)
            yield return new OptionOutOfRangeException(nameof(Precision), "single", "single needs nu fixed (the loop-free chi-square of an integer nu); nu is estimated");
        if (Precision == Precision.Single && !EstimateNu && nuValid && ChiSquaredShape.For(Nu + 1).LoopFreeDegrees == 0)
            yield return new OptionOutOfRangeException(nameof(Precision), "single",
                $"single needs the loop-free chi-square: nu an integer from 1 to {ChiSquaredShape.LoopFreeMaxDegrees - 1} (nu = {Nu.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        if (Precision == Precision.Single && Enum.IsDefined(Backend) && Backend != Backend.Auto && !Backends.BackendRegistry.Get(Backend).RunsKernels)
            yield return new OptionOutOfRangeException(nameof(Precision), "single",
                $"single runs on the kernel backends (cuda, opencl, ilgpu-cpu, cpu), not on {Backends.BackendRegistry.NameOf(Backend)}");
        if (DeviceMath == true && Enum.IsDefined(Backend) && Backend is not (Backend.Cuda or Backend.OpenCL or Backend.IlgpuCpu))
            yield return new OptionOutOfRangeException(nameof(DeviceMath), "on",
                $"the device path runs on the ILGPU backends (cuda, opencl, ilgpu-cpu), not on {Backends.BackendRegistry.NameOf(Backend)}");
        if (InitialMu is { } mu && !double.IsFinite(mu)) yield return new OptionOutOfRangeException(nameof(InitialMu), mu, "must be finite");
        if (InitialAlpha2 is { } alpha2 && (!double.IsFinite(alpha2) || alpha2 <= 0))
            yield return new OptionOutOfRangeException(nameof(InitialAlpha2), alpha2, "must be a finite number > 0");
        if (InitialTau2 is { } tau2 && (!double.IsFinite(tau2) || tau2 <= 0))
            yield return new OptionOutOfRangeException(nameof(InitialTau2), tau2, "must be a finite number > 0");
        if (Inits is not null)
        {
            foreach (var problem in InitsProblems(Inits)) yield return problem;
        }
    }

    private IEnumerable<OptionOutOfRangeException> InitsProblems(IReadOnlyList<ChainInit> inits)
    {
        if (inits.Count != 1 && inits.Count != RunChains)
            yield return new OptionOutOfRangeException(nameof(Inits), inits.Count, $"gives {inits.Count} chains' starting values; the run has {RunChains} chains (give one for every chain, or one for all)");
        // Named by the option it conflicts with, not in this text: a front end spells it its own way.
        string? single = InitialMu is not null ? nameof(InitialMu) : InitialAlpha2 is not null ? nameof(InitialAlpha2)
            : InitialTau2 is not null ? nameof(InitialTau2) : InitialNu is not null ? nameof(InitialNu) : null;
        if (single is not null)
            yield return new OptionOutOfRangeException(nameof(Inits), inits.Count, "comes with a single starting value for every chain too; give one or the other") { ConflictsWith = single };
        for (int c = 0; c < inits.Count; c++)
        {
            if (inits[c] is not { } init)
            {
                yield return new OptionOutOfRangeException(nameof(Inits), null, $"chain {c + 1}'s entry is missing");
                continue;
            }
            string chain = inits.Count == 1 ? "" : $"chain {c + 1}: ";
            if (!double.IsFinite(init.Mu)) yield return new OptionOutOfRangeException(nameof(Inits), init.Mu, $"{chain}mu must be finite");
            if (!double.IsFinite(init.Sigma2) || init.Sigma2 <= 0) yield return new OptionOutOfRangeException(nameof(Inits), init.Sigma2, $"{chain}sigma2 must be a finite number > 0");
            if (init.Nu is { } nu && !EstimateNu)
                yield return new OptionOutOfRangeException(nameof(Inits), nu, $"{chain}gives nu, but nu is fixed ({Nu.ToString(System.Globalization.CultureInfo.InvariantCulture)}); a start for nu needs nu estimated");
            else if (init.Nu is { } start && !(start >= NuMin && start <= NuMax))
                yield return new OptionOutOfRangeException(nameof(Inits), start, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{chain}nu must lie in [nu-min, nu-max] = [{NuMin}, {NuMax}]"));
        }
    }

    /// <summary>ν as a run reports it: the fixed value (<c>6</c>), or <c>estimated, prior gamma(2, 0.1) on [1, 1e+06]</c>.</summary>
    public string DescribeNu() => EstimateNu
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"estimated, prior {NuPrior} on [{NuMin:R}, {NuMax:R}]")
        : Nu.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private IEnumerable<OptionOutOfRangeException> NuEstimateProblems()
    {
        if (!NuPrior.IsValid)
            yield return new OptionOutOfRangeException(nameof(NuPrior), NuPrior, NuPrior.Shape == 1
                ? "needs a rate > 0 and at most 1e6"
                : "needs a shape and a rate > 0 and at most 1e6 (beyond, the prior pins nu: fix nu at a value instead)");
        if (!double.IsFinite(NuMin) || NuMin <= 0) yield return new OptionOutOfRangeException(nameof(NuMin), NuMin, "must be a finite number > 0");
        if (!(NuMax <= MaxNu)) yield return new OptionOutOfRangeException(nameof(NuMax), NuMax, "must be at most 1e6: beyond it the t likelihood is the normal to about 1e-6, and nu·tau2 and the chi-square draws lose range");
        bool ends = double.IsFinite(NuMin) && NuMin > 0 && NuMax <= MaxNu; // the range's checks read both ends
        // Which end is at fault: the one moved from its default (the upper end's default is the largest allowed).
        if (ends && !(NuMax > NuMin) && NuMax == MaxNu)
            yield return new OptionOutOfRangeException(nameof(NuMin), NuMin, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"must be below nu-max ({NuMax})"));
        else if (ends && !(NuMax > NuMin))
            yield return new OptionOutOfRangeException(nameof(NuMax), NuMax, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"must be above nu-min ({NuMin})"));
        if (ends && NuMax > NuMin && InitialNu is { } start && !(start >= NuMin && start <= NuMax))
            yield return new OptionOutOfRangeException(nameof(InitialNu), start, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"must lie in [nu-min, nu-max] = [{NuMin}, {NuMax}]"));
    }
}
