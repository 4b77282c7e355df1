using GreatModel.Kernels;
using GreatModel.Sampling;

namespace GreatModel.Backends;

/// <summary>
/// A run on several devices (<see cref="RunHooks.Devices"/>): the chains of every group are split into contiguous ranges, one
/// per device, and each device sweeps its range with its own sweeper (engine and host draws) on its own host thread
/// (<see cref="DeviceWorker"/>). A range's chains keep their global ids (<see cref="RunPlan.ForDevice"/>), so every chain
/// draws exactly what it draws on one device; after each sweep the states are gathered into the run's slot order. This is
/// the in-process form of shards: the pieces meet in one run instead of in <c>greatmodel merge</c>.
/// </summary>
internal sealed class MultiDeviceSweeper : IGibbsSweeper
{
    private readonly RunPlan _plan;
    private readonly DeviceWorker[] _workers;
    private readonly IGibbsSweeper?[] _sweepers;
    private readonly (int First, int Count)[] _ranges;

    /// <param name="plan">The whole run's plan; its <see cref="RunHooks.Devices"/> has two or more ids.</param>
    /// <param name="create">The backend's one-device factory.</param>
    public MultiDeviceSweeper(RunPlan plan, Func<RunPlan, IGibbsSweeper> create)
    {
        _plan = plan;
        var devices = plan.Hooks.Devices!;
        int d = devices.Count, chains = plan.Chains;
        // Near-equal contiguous ranges: the first chains % d devices take one chain more.
        _ranges = [.. Enumerable.Range(0, d).Select(k => ((k * (chains / d)) + Math.Min(k, chains % d), (chains / d) + (k < chains % d ? 1 : 0)))];
        int threads = Math.Max(1, plan.Threads / d);
        _workers = [.. devices.Select(id => new DeviceWorker($"greatmodel device {id}"))];
        _sweepers = new IGibbsSweeper?[d];
        try
        {
            DeviceWorker.RunAll(_workers, k => _sweepers[k] = create(plan.ForDevice(_ranges[k].First, _ranges[k].Count, devices[k], threads)));
        }
        catch
        {
            Dispose();
            throw;
        }
        States = new ChainState[plan.Slots];
        Gather();
        Description = $"{d} devices, chains split: " + string.Join("; ", _sweepers.Select((s, k) =>
            $"{s!.Description} (chains {plan.Options.FirstChain + _ranges[k].First}-{plan.Options.FirstChain + _ranges[k].First + _ranges[k].Count - 1})"));
    }

    public string Description { get; }

    public ChainState[] States { get; }

    /// <summary>The slowest device's host time: the devices' host draws run at the same time.</summary>
    public TimeSpan? HostScalarTime => _sweepers.Select(s => s!.HostScalarTime).Max();

    /// <summary>Over all chains: the devices' counts added (so the rate is one device's to the last bit).</summary>
    public (long Accepted, long Proposed)? NuMoveAfterBurnIn => _sweepers.Any(s => s!.NuMoveAfterBurnIn is null) ? null
        : (_sweepers.Sum(s => s!.NuMoveAfterBurnIn!.Value.Accepted), _sweepers.Sum(s => s!.NuMoveAfterBurnIn!.Value.Proposed));

    public void Sweep(long sweep)
    {
        DeviceWorker.RunAll(_workers, k => _sweepers[k]!.Sweep(sweep));
        Gather();
    }

    public RunCheckpoint Capture(long sweeps)
    {
        var parts = _sweepers.Select(s => s!.Capture(sweeps)).ToArray();
        var chains = new ChainCheckpoint[_plan.Slots];
        ForEachSlot((k, sub, slot) => chains[slot] = parts[k].Chains[sub]);
        return parts[0] with { Chains = chains, Run = _plan.Record }; // the whole run's, not device 0's range
    }

    public void Restore(RunCheckpoint checkpoint)
    {
        var parts = _ranges.Select(r => new ChainCheckpoint[_plan.Groups.Count * r.Count]).ToArray();
        ForEachSlot((k, sub, slot) => parts[k][sub] = checkpoint.Chains[slot]);
        DeviceWorker.RunAll(_workers, k => _sweepers[k]!.Restore(checkpoint with { Chains = parts[k] }));
        Gather();
    }

    /// <summary>Device k's slot <c>sub</c> (group-major over its range) is the run's slot <c>slot</c>.</summary>
    private void ForEachSlot(Action<int, int, int> at)
    {
        for (int k = 0; k < _ranges.Length; k++)
        {
            var (first, count) = _ranges[k];
            for (int g = 0; g < _plan.Groups.Count; g++)
            {
                for (int c = 0; c < count; c++) at(k, (g * count) + c, (g * _plan.Chains) + first + c);
            }
        }
    }

    private void Gather() => ForEachSlot((k, sub, slot) => States[slot] = _sweepers[k]!.States[sub]);

    /// <summary>
    /// Every device's sweeper disposed on its own thread and every thread ended, even when one fails (a device fault): its
    /// failure is not rethrown here, where it would replace the error that ended the run.
    /// </summary>
    public void Dispose()
    {
        for (int k = 0; k < _workers.Length; k++)
        {
            try
            {
                if (_sweepers[k] is { } sweeper) _workers[k].Start(sweeper.Dispose).GetAwaiter().GetResult(); // where it was made
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Best effort: the device's context goes with the process.
            }
            _workers[k].Dispose();
        }
    }
}
