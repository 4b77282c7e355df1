using GreatModel.Reference;
using ILGPU.Runtime;

namespace GreatModel.Backends;

/// <summary>
/// Every backend, once: the CLI's parsing and help, <c>devices</c>, <c>bench</c>, the tests and the
/// benchmarks read this list. Adding a backend is one entry here plus its engine file.
/// </summary>
public static class BackendRegistry
{
    /// <summary>The CLI spelling of <see cref="Backend.Auto"/>.</summary>
    public const string AutoName = "auto";

    /// <summary>What <see cref="Backend.Auto"/> picks, in one line of help text.</summary>
    public const string AutoSummary = "cpu-fast, or cuda/opencl when the run is large enough for the GPU to be faster (estimated; the fit line says why)";

    /// <summary>The GPU backends <see cref="Backend.Auto"/> considers, in order.</summary>
    private static readonly Backend[] AutoGpus = [Backend.Cuda, Backend.OpenCL];

    /// <summary>Every backend, in the order help texts list them.</summary>
    public static IReadOnlyList<BackendDescriptor> All { get; } =
    [
        new(Backend.Cuda, "cuda",
            "the fused sweep kernel on an NVIDIA GPU; two halves of the chains on two streams overlap host and device work",
            runsKernels: true, drawsEqualCpu: false, needsDevice: true,
            () => IlgpuDevices.Has(AcceleratorType.Cuda),
            plan => new ChainEnsemble(plan, IlgpuEngine.Create(plan, Backend.Cuda)), takesDevices: true),
        new(Backend.OpenCL, "opencl",
            "the same kernel on an OpenCL >= 2.0 device with generic address space",
            runsKernels: true, drawsEqualCpu: false, needsDevice: true,
            () => IlgpuDevices.Has(AcceleratorType.OpenCL),
            plan => new ChainEnsemble(plan, IlgpuEngine.Create(plan, Backend.OpenCL)), takesDevices: true),
        new(Backend.IlgpuCpu, "ilgpu-cpu",
            "the kernel through ILGPU's CPU accelerator (one thread per core)",
            runsKernels: true, drawsEqualCpu: true, needsDevice: false,
            () => true,
            plan => new ChainEnsemble(plan, IlgpuEngine.Create(plan, Backend.IlgpuCpu)), takesDevices: true),
        new(Backend.Cpu, "cpu",
            "the kernel's C# run natively on all cores, SIMD where the CPU has it; ilgpu-cpu's draws bit for bit, a GPU's in distribution",
            runsKernels: true, drawsEqualCpu: true, needsDevice: false,
            () => true,
            plan => new ChainEnsemble(plan, new CpuEngine(plan))),
        new(Backend.CpuFast, "cpu-fast",
            "the fastest CPU path: the same sweep with the CPU's own random streams (xoshiro256++, ziggurat); its own draws",
            runsKernels: false, drawsEqualCpu: false, needsDevice: false,
            () => true,
            plan => new ChainEnsemble(plan, new CpuFastEngine(plan))),
        new(Backend.Reference, "reference",
            "the plain one-chain-at-a-time sampler, every draw from MathNet.Numerics (its own draws): the oracle",
            runsKernels: false, drawsEqualCpu: false, needsDevice: false,
            () => true,
            plan => new ReferenceSampler(plan)),
    ];

    /// <summary>Every CLI name, <see cref="AutoName"/> first, joined by '|'.</summary>
    public static string Names => string.Join('|', All.Select(b => b.Name).Prepend(AutoName));

    /// <summary>The descriptor of <paramref name="backend"/> (any value but <see cref="Backend.Auto"/>).</summary>
    public static BackendDescriptor Get(Backend backend) =>
        All.FirstOrDefault(b => b.Id == backend)
        ?? throw new OptionOutOfRangeException(nameof(backend), backend, "names no single backend (resolve Auto first)");

    /// <summary>The CLI name of <paramref name="backend"/>, <see cref="AutoName"/> included.</summary>
    public static string NameOf(Backend backend) => backend == Backend.Auto ? AutoName : Get(backend).Name;

    /// <summary>Parses a CLI name (case-insensitive), <see cref="AutoName"/> included.</summary>
    public static bool TryParse(string? name, out Backend backend)
    {
        backend = Backend.Auto;
        if (string.Equals(name, AutoName, StringComparison.OrdinalIgnoreCase)) return true;
        var match = All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
        if (match is null) return false;
        backend = match.Id;
        return true;
    }

    /// <summary>
    /// The backend that runs for <paramref name="requested"/>: itself, or for <see cref="Backend.Auto"/> the
    /// fastest for the run's size (<see cref="ResolveWithReason"/>). An explicit choice is not probed here: an
    /// unavailable one fails when its engine starts, with the reason.
    /// </summary>
    /// <param name="requested">The backend asked for.</param>
    /// <param name="chains">Chains. Range: ≥ 1.</param>
    /// <param name="dataCount">Observations n. Range: ≥ 1.</param>
    /// <param name="sweeps">Sweeps, burn-in included. Range: ≥ 1.</param>
    /// <param name="nu">ν (the χ² draw's cost depends on it); NaN when ν is estimated. Range: &gt; 0 or NaN.</param>
    /// <param name="cpuThreads">Threads the CPU backends may use (null: every core). Range: ≥ 1.</param>
    public static BackendDescriptor Resolve(Backend requested, int chains, int dataCount, long sweeps, double nu, int? cpuThreads = null) =>
        ResolveWithReason(requested, chains, dataCount, sweeps, nu, cpuThreads).Backend;

    /// <summary>
    /// <see cref="Resolve"/>, with why <see cref="Backend.Auto"/> picked what it did; the reason is null for an
    /// explicit choice. Auto estimates the run's time on its CPU backend (cpu-fast; cpu in single precision) and on a
    /// GPU; only when the GPU's estimate is the smaller does it look for a usable GPU, and then picks it.
    /// </summary>
    /// <param name="requested">The backend asked for.</param>
    /// <param name="chains">Chains. Range: ≥ 1.</param>
    /// <param name="dataCount">Observations n. Range: ≥ 1.</param>
    /// <param name="sweeps">Sweeps, burn-in included. Range: ≥ 1.</param>
    /// <param name="nu">ν (the χ² draw's cost depends on it); NaN when ν is estimated. Range: &gt; 0 or NaN.</param>
    /// <param name="cpuThreads">Threads the CPU backends may use (null: every core). Range: ≥ 1.</param>
    /// <param name="kernelDrawsOnly">Only backends that make the kernels' draws (single precision): the CPU choice is then cpu.</param>
    public static (BackendDescriptor Backend, string? Reason) ResolveWithReason(Backend requested, int chains, int dataCount, long sweeps,
        double nu, int? cpuThreads = null, bool kernelDrawsOnly = false)
    {
        if (requested != Backend.Auto) return (Get(requested), null);
        var cpu = Get(kernelDrawsOnly ? Backend.Cpu : Backend.CpuFast);
        double cpuSeconds = AutoChoice.CpuSeconds(chains, dataCount, sweeps, cpuThreads ?? Environment.ProcessorCount, nu, kernelDrawsOnly);
        double gpuSeconds = AutoChoice.GpuSeconds(chains, dataCount, sweeps, nuEstimated: double.IsNaN(nu));
        if (gpuSeconds >= cpuSeconds)
            return (cpu, $"auto: {Seconds(cpuSeconds)} on {cpu.Name}, less than a GPU's estimate ({Seconds(gpuSeconds)}, its start included)");
        var passed = new List<string>();
        foreach (var gpu in AutoGpus.Select(Get))
        {
            if (gpu.IsAvailable())
                return (gpu, $"auto: {Seconds(gpuSeconds)} on {gpu.Name} against {Seconds(cpuSeconds)} on {cpu.Name}");
            passed.Add(gpu.Name);
        }
        return (cpu, $"auto: no usable {string.Join(" or ", passed)} device");
    }

    /// <summary>An estimate in words: "about 0.74 s", to the hundredth ("under 0.01 s" below it).</summary>
    private static string Seconds(double seconds) =>
        seconds < 0.01 ? "under 0.01 s" : $"about {seconds.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} s";
}
