using GreatModel.Sampling;

namespace GreatModel.Backends;

/// <summary>
/// One backend as the rest of the program sees it: its enum value, CLI name, one-line help, whether it runs the kernels'
/// code and whether its draws equal cpu's bit for bit (two facts), whether it can run here, and (internally) how to make
/// its sweeper. <see cref="BackendRegistry.All"/> holds one per backend.
/// </summary>
public sealed class BackendDescriptor
{
    private readonly Lazy<bool> _available;
    private readonly Func<RunPlan, IGibbsSweeper> _create;

    internal BackendDescriptor(Backend id, string name, string summary, bool runsKernels, bool drawsEqualCpu, bool needsDevice,
        Func<bool> probe, Func<RunPlan, IGibbsSweeper> create, bool takesDevices = false)
    {
        TakesDevices = takesDevices;
        Id = id;
        Name = name;
        Summary = summary;
        RunsKernels = runsKernels;
        DrawsEqualCpu = drawsEqualCpu;
        NeedsDevice = needsDevice;
        _available = new Lazy<bool>(probe);
        _create = create;
    }

    /// <summary>The enum value (never <see cref="Backend.Auto"/>).</summary>
    public Backend Id { get; }

    /// <summary>The command-line spelling, lower case (e.g. <c>cpu-fast</c>).</summary>
    public string Name { get; }

    /// <summary>What runs, in one line of help text.</summary>
    public string Summary { get; }

    /// <summary>
    /// True when it runs the sweep kernels' code and random streams (cpu, ilgpu-cpu, cuda, opencl), so it takes
    /// <see cref="Precision.Single"/> and draws what the kernels draw up to the device's arithmetic; false for backends with
    /// their own random streams (reference, cpu-fast).
    /// </summary>
    public bool RunsKernels { get; }

    /// <summary>
    /// True when its draws equal the <c>cpu</c> backend's bit for bit for the same seed and options (cpu, ilgpu-cpu: the same
    /// C#, the same operation order, no fused multiply-adds). False for cuda and opencl: their compilers fuse multiplies and
    /// adds (ptxas fuses about 160 fp64 pairs per datum), so they draw the same for a seed on the same device and agree with
    /// cpu in distribution, not bit for bit (tested: a two-sample test and z-scores against quadrature on the device).
    /// </summary>
    public bool DrawsEqualCpu { get; }

    /// <summary>True when it needs an accelerator device (a GPU driver) that a machine may lack.</summary>
    public bool NeedsDevice { get; }

    /// <summary>Whether it can run on this machine (probed once per process).</summary>
    public bool IsAvailable() => _available.Value;

    /// <summary>
    /// True when it runs on ILGPU devices that <see cref="Sampling.RunHooks.Devices"/> can choose, and split the chains
    /// across (cuda, opencl, ilgpu-cpu).
    /// </summary>
    public bool TakesDevices { get; }

    /// <summary>The run's sweeper: on one device, or (<see cref="Sampling.RunHooks.Devices"/> of two or more) one per device, the chains split.</summary>
    internal IGibbsSweeper CreateSweeper(RunPlan plan) =>
        plan.Hooks.Devices is { Count: > 1 } ? new MultiDeviceSweeper(plan, _create) : _create(plan);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
