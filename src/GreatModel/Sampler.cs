using System.Diagnostics;
using GreatModel.Model;
using GreatModel.Sampling;

namespace GreatModel;

/// <summary>The entry point: <c>var fit = Sampler.Run(data, new SamplerOptions { Chains = 4, Seed = 42 });</c></summary>
public static class Sampler
{
    /// <summary>
    /// Starts compiling the CPU backend's hot code on a thread-pool thread, so that a run started later does not
    /// wait for the JIT (in a fresh process that wait was a third of the talk's 2000 + 2000-sweep workload).
    /// Optional; call it early, e.g. before reading the data. Safe to call more than once.
    /// </summary>
    /// <returns>A task that completes when the code is compiled.</returns>
    public static Task WarmUp() => Backends.FastCpu.JitWarmUp.Start();

    /// <summary>Fits <paramref name="data"/> (validated as <see cref="ObservedData"/>) with <paramref name="options"/>.</summary>
    public static Posterior Run(IEnumerable<double> data, SamplerOptions options, CancellationToken cancel = default) =>
        Run(new ObservedData(data), options, cancel);

    /// <summary>As <see cref="Run(ObservedData, SamplerOptions, RunHooks, CancellationToken)"/> for plain values (validated as <see cref="ObservedData"/>).</summary>
    /// <exception cref="InvalidInputException">The values give an improper posterior or are not finite.</exception>
    public static Posterior Run(IEnumerable<double> data, SamplerOptions options, RunHooks hooks, CancellationToken cancel = default) =>
        Run(new ObservedData(data), options, hooks, cancel);

    /// <summary>Fits <paramref name="data"/> with <paramref name="options"/>, keeping every draw in memory.</summary>
    public static Posterior Run(ObservedData data, SamplerOptions options, CancellationToken cancel = default) =>
        Run(data, options, new RunHooks(), cancel);

    /// <summary>As <see cref="Run(ObservedData, SamplerOptions, CancellationToken)"/>, with a cap on CPU threads (≥ 1; null: every core).</summary>
    public static Posterior Run(ObservedData data, SamplerOptions options, int? cpuThreads, CancellationToken cancel = default) =>
        Run(data, options, new RunHooks { CpuThreads = cpuThreads }, cancel);

    /// <summary>
    /// Runs the sampler. Cancellation stops it at the next sweep boundary and returns every completed draw
    /// (<see cref="Posterior.Cancelled"/> is then true); the sinks in <paramref name="hooks"/> get each
    /// recorded sweep as it is made.
    /// </summary>
    /// <exception cref="OptionOutOfRangeException">An option or hook is out of its range, or the run needs more memory than the machine
    /// (or the device) has (<see cref="ResourceEstimate"/>; the message says how many chains fit).</exception>
    /// <exception cref="BackendUnavailableException">The requested backend cannot run here.</exception>
    public static Posterior Run(ObservedData data, SamplerOptions options, RunHooks hooks, CancellationToken cancel = default) =>
        Plan(data, options, hooks).Run(cancel);

    /// <summary>
    /// Plans a run of <paramref name="data"/> without running it: validates the options and hooks (every option out of range
    /// at once: <see cref="InvalidOptionsException"/>), checks the data's properness at ν, draws the seed, resolves the
    /// backend and checks the memory the run will hold against the machine's. <see cref="SamplerPlan.Run"/> runs it.
    /// </summary>
    /// <exception cref="OptionOutOfRangeException">An option or hook is out of its range, or the run needs more memory than the machine has.</exception>
    /// <exception cref="InvalidOptionsException">Several options are out of range (each is listed).</exception>
    /// <exception cref="InvalidInputException">The data give an improper posterior at the ν asked for.</exception>
    /// <exception cref="BackendUnavailableException">The requested backend cannot run here.</exception>
    public static SamplerPlan Plan(ObservedData data, SamplerOptions options, RunHooks hooks) => Checked(RunPlan.Create(data, options, hooks));

    /// <summary>As <see cref="Plan(ObservedData, SamplerOptions, RunHooks)"/> for a grouped run (<see cref="SamplerPlan.RunGroups"/> runs it).</summary>
    public static SamplerPlan Plan(GroupedData data, SamplerOptions options, RunHooks hooks) => Checked(RunPlan.Create(data, options, hooks));

    /// <summary>The plan with its memory checked: refused here, not out of memory an hour in.</summary>
    private static SamplerPlan Checked(RunPlan plan)
    {
        var resources = new ResourceEstimate(plan, plan.Hooks.KeepDrawsInMemory, plan.Hooks.Sinks.Sum(sink => sink.HostBytesPerChain));
        resources.CheckHost(ResourceEstimate.AvailableHostBytes);
        if (plan.Hooks.ResumeFrom is { } resume) ChainCheckpoints.Check(resume, plan); // another run's checkpoint is refused here too
        return new SamplerPlan(plan, resources);
    }

    /// <summary>
    /// Fits every group of <paramref name="data"/> in one run: each (group, chain) is an independent chain over its group's
    /// data only, with its own random streams (keyed by the seed and the group's label, so a group's draws are the same
    /// alone or among others), and all of them are swept together. ν, fixed or estimated, is each group's own. The sinks
    /// in <paramref name="hooks"/> get each recorded sweep's draws of every chain, group by group (group-major).
    /// Cancellation as <see cref="Run(ObservedData, SamplerOptions, RunHooks, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="InvalidInputException">A group's data give an improper posterior (the message names the group).</exception>
    /// <exception cref="OptionOutOfRangeException">As the ungrouped run's, for any group.</exception>
    /// <exception cref="BackendUnavailableException">The requested backend cannot run here.</exception>
    public static GroupedPosterior Run(GroupedData data, SamplerOptions options, RunHooks hooks, CancellationToken cancel = default) =>
        Plan(data, options, hooks).RunGroups(cancel);

    /// <summary>As <see cref="Run(GroupedData, SamplerOptions, RunHooks, CancellationToken)"/>, keeping every draw in memory.</summary>
    public static GroupedPosterior Run(GroupedData data, SamplerOptions options, CancellationToken cancel = default) =>
        Run(data, options, new RunHooks(), cancel);

    /// <summary>Runs <paramref name="plan"/> (checked by <see cref="Checked"/>): every group's posterior, in order.</summary>
    internal static Posterior[] Sample(RunPlan plan, RunHooks hooks, CancellationToken cancel)
    {
        using var sweeper = plan.Backend.CreateSweeper(plan);
        long resumedFrom = hooks.ResumeFrom?.Sweeps ?? 0;
        if (hooks.ResumeFrom is { } checkpoint) sweeper.Restore(checkpoint);
        int firstDraw = plan.DrawsBefore(resumedFrom);
        var target = plan.Options.TargetEss;
        // A run until enough holds what it draws, not its cap: room for the first checks, then doubling.
        var collector = new DrawCollector(plan.Groups.Count, plan.Chains, plan.Options.Samples, hooks.KeepDrawsInMemory, plan.EstimatesNu, firstDraw, plan.Threads,
            initialCapacity: target is null ? null : 4 * TargetEssRule.FirstCheck);
        var rule = target is { } ess ? new TargetEssRule(collector, plan.Groups.Count, ess, plan.Options.Samples) : null;

        // Kernel compilation and uploads above are set-up, not sampling.
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        long sweeps = SweepDriver.Run(plan, sweeper, [collector, .. hooks.Sinks], hooks.Progress, cancel, rule, out var burnIn);
        var elapsed = clock.Elapsed;
        var record = plan.RecordForResults(); // one for every group's result
        return [.. Enumerable.Range(0, plan.Groups.Count).Select(g => new Posterior(plan, g, record, sweeper.Description, collector, sweeps, elapsed, sweeper.HostScalarTime)
        {
            NuMoveAcceptance = sweeper.NuMoveAfterBurnIn is { Proposed: > 0 } move ? (double)move.Accepted / move.Proposed : null,
            StartedUtc = started,
            BurnInElapsed = burnIn,
            ResumedFromSweep = resumedFrom,
            ResumedFromDraw = firstDraw,
            TargetReached = rule?.Reached,
        })];
    }
}
