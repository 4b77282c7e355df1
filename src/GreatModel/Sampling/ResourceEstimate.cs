using System.Globalization;
using System.Runtime.CompilerServices;
using GreatModel.Kernels;
using GreatModel.Backends;
using GreatModel.Model;

namespace GreatModel.Sampling;

/// <summary>
/// The memory a run will take, known before it starts: on the host, the data, each chain's state and
/// random source, the engines' per-(chain, tile) partial sums, the draws when they are kept in memory,
/// and what the caller's sinks hold per chain; on an ILGPU device, the data, the chain states and the
/// partial sums. Every term is O(n + chains × tiles + chains × samples when kept), sized from the same
/// types the engines allocate, and rounded up. <see cref="Sampler"/> refuses, before allocating, a run
/// that cannot fit (<see cref="CheckHost"/>), and a device engine one its device cannot hold.
/// </summary>
public sealed class ResourceEstimate
{
    /// <summary>What the runtime, the JIT and a backend's set-up take whatever the run (an allowance, not a measurement).</summary>
    public const long RuntimeBytes = 128L << 20;

    /// <summary>
    /// A host random source (<see cref="Random.PhiloxRandomSource"/> with its 16-double buffer and the
    /// <see cref="System.Random"/> state beneath it) and the reference to it: about 560 bytes measured,
    /// rounded up; a test holds the estimate above what a run holds.
    /// </summary>
    internal const long RandomSourceBytes = 600;

    /// <summary>
    /// The run's fixed objects whatever n and the chains (plan, engine, driver, delegates, the order statistics): about 11 KB
    /// measured beside 2·10⁶ data and one chain, rounded up.
    /// </summary>
    internal const long RunObjectBytes = 64 << 10;

    /// <summary>The estimate for a planned run (<see cref="Sampler"/> checks it before making the backend).</summary>
    internal ResourceEstimate(RunPlan plan, bool keepDraws, long sinkBytesPerChain)
        : this(plan.Backend.Id, plan.N, plan.Slots, plan.Options.Samples, keepDraws, plan.EstimatesNu, sinkBytesPerChain,
            tilesPerChain: (int)((plan.ItemCount + plan.Slots - 1) / plan.Slots))
    {
    }

    private ResourceEstimate(Backend backend, int n, int chains, int samples, bool keepDraws, bool nuDraws, long sinkBytesPerChain, int? tilesPerChain = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sinkBytesPerChain);
        Chains = chains;
        Samples = samples;
        TileCount = tilesPerChain ?? SweepLayout.TileCount(n); // a grouped run's chains: their groups' tiles, on average (rounded up)
        long state = Unsafe.SizeOf<ChainState>(), sums = Unsafe.SizeOf<SweepSums>(), draw = Unsafe.SizeOf<ChainDraw>();
        long partials = sums * TileCount;
        bool device = backend is Backend.Cuda or Backend.OpenCL or Backend.IlgpuCpu;
        DeviceBytesFixed = device ? sizeof(double) * (long)n : 0;
        long tables = Unsafe.SizeOf<ChainSegment>() + (Unsafe.SizeOf<TileItem>() * (long)TileCount); // each chain's segment and (chain, tile) items
        DeviceBytesPerChain = device ? state + partials + tables : 0;

        // Every backend: the driver's row of draws, each chain's state and random source, and ChainBlocks' error slot.
        long perChain = draw + state + RandomSourceBytes + IntPtr.Size;
        // ChainEnsemble's sums and host draws' constants (n among them); the engine's partials and states; the plan's tables.
        if (backend != Backend.Reference) perChain += sums + ConditionalDraws.BytesPerSlot + partials + state + tables;
        if (backend == Backend.IlgpuCpu) perChain += DeviceBytesPerChain; // the CPU accelerator's "device" is host memory
        KeptDrawBytes = keepDraws ? (nuDraws ? 5 : 4) * sizeof(double) : 0; // mu, sigma2, alpha2, tau2 (, nu) per chain per draw
        HostBytesPerChain = perChain + sinkBytesPerChain + (KeptDrawBytes * Samples);
        HostBytesFixed = RuntimeBytes + RunObjectBytes + (sizeof(double) * (long)n) + (backend == Backend.IlgpuCpu ? DeviceBytesFixed : 0); // the plan's copy of the data
    }

    /// <summary>
    /// The estimate for a run of <paramref name="data"/> with <paramref name="options"/> and
    /// <paramref name="hooks"/>, plus <paramref name="sinkBytesPerChain"/> for sinks not yet made
    /// (e.g. <see cref="IDrawSink.HostBytesPerChain"/>), on the backend the run would use.
    /// </summary>
    /// <exception cref="OptionOutOfRangeException">An option is out of its range.</exception>
    public static ResourceEstimate For(ObservedData data, SamplerOptions options, RunHooks hooks, long sinkBytesPerChain = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hooks);
        options.Validate();
        var backend = RunPlan.ResolveBackend(data, options, hooks.CpuThreads).Backend.Id;
        return new ResourceEstimate(backend, data.Count, options.Chains, options.Samples, hooks.KeepDrawsInMemory, options.EstimateNu, sinkBytesPerChain);
    }

    /// <summary>Memory this machine offers the program (the GC's view: physical memory or the container's limit).</summary>
    public static long AvailableHostBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Chains in the run (over all groups in a grouped run).</summary>
    public int Chains { get; }

    /// <summary>Recorded draws per chain.</summary>
    public int Samples { get; }

    /// <summary>Tiles of data per chain (each holds one partial sum per chain in the engines).</summary>
    public int TileCount { get; }

    /// <summary>Host bytes whatever the number of chains: the runtime's allowance and the data.</summary>
    public long HostBytesFixed { get; }

    /// <summary>Host bytes per chain, kept draws included.</summary>
    public long HostBytesPerChain { get; }

    /// <summary>Host bytes per chain per draw kept in memory (0 when the draws are only streamed).</summary>
    public long KeptDrawBytes { get; }

    /// <summary>The host memory the run needs.</summary>
    public long HostBytes => HostBytesFixed + (HostBytesPerChain * Chains);

    /// <summary>Device bytes whatever the number of chains (the data); 0 for backends that run on the host.</summary>
    public long DeviceBytesFixed { get; }

    /// <summary>Device bytes per chain (its state and partial sums); 0 for backends that run on the host.</summary>
    public long DeviceBytesPerChain { get; }

    /// <summary>The device memory the run needs (0 for backends that run on the host).</summary>
    public long DeviceBytes => DeviceBytesFixed + (DeviceBytesPerChain * Chains);

    /// <summary>
    /// Throws <see cref="OptionOutOfRangeException"/> when the run needs more host memory than
    /// <paramref name="availableBytes"/>, or an array longer than .NET allows, saying what would fit:
    /// on <see cref="SamplerOptions.Samples"/> when the draws kept in memory are most of it, else on
    /// <see cref="SamplerOptions.Chains"/>.
    /// </summary>
    public void CheckHost(long availableBytes)
    {
        long perChainArrays = Math.Max(TileCount, 1);
        if ((long)Chains * perChainArrays > Array.MaxLength)
            throw new OptionOutOfRangeException(nameof(SamplerOptions.Chains), Chains, string.Create(CultureInfo.InvariantCulture,
                $"chains × tiles of {SweepLayout.TileSize} data ({Chains} × {TileCount}) would outgrow the largest array; at most {Approximately(Array.MaxLength / perChainArrays)} chains fit"));
        if (KeptDrawBytes > 0 && (long)Chains * Samples > Array.MaxLength)
            throw new OptionOutOfRangeException(nameof(SamplerOptions.Samples), Samples, string.Create(CultureInfo.InvariantCulture,
                $"{Chains} chains × {Samples} draws kept in memory would outgrow one array; at most {Approximately(Array.MaxLength / Chains)} draws per chain fit (or stream them to a file)"));
        if (HostBytes <= availableBytes) return;
        string needs = $"needs ~{Bytes(HostBytes)} of memory, this machine has {Bytes(availableBytes)} available";
        long drawBytes = KeptDrawBytes * Samples * (long)Chains;
        if (drawBytes > HostBytes / 2)
        {
            long room = availableBytes - HostBytesFixed - ((HostBytesPerChain - (KeptDrawBytes * Samples)) * Chains);
            long samples = Math.Max(0, room / (KeptDrawBytes * Chains));
            throw new OptionOutOfRangeException(nameof(SamplerOptions.Samples), Samples,
                $"{Chains} chains keeping their draws in memory {needs}; at most ~{Approximately(samples)} draws per chain fit (or stream them to a file)");
        }
        throw new OptionOutOfRangeException(nameof(SamplerOptions.Chains), Chains,
            $"{needs}; at most ~{Approximately(Fitting(availableBytes, HostBytesFixed, HostBytesPerChain))} chains fit");
    }

    /// <summary>
    /// Throws <see cref="OptionOutOfRangeException"/> on <see cref="SamplerOptions.Chains"/> when the run
    /// needs more device memory than <paramref name="deviceBytes"/>, the memory of <paramref name="device"/>.
    /// </summary>
    internal void CheckDevice(long deviceBytes, string device)
    {
        if (DeviceBytes <= deviceBytes) return;
        throw new OptionOutOfRangeException(nameof(SamplerOptions.Chains), Chains,
            $"needs ~{Bytes(DeviceBytes)} of device memory, {device} has {Bytes(deviceBytes)}; at most ~{Approximately(Fitting(deviceBytes, DeviceBytesFixed, DeviceBytesPerChain))} chains fit");
    }

    /// <summary>How many chains fit in <paramref name="available"/> bytes at <paramref name="perChain"/> each after <paramref name="fixedBytes"/>.</summary>
    private static long Fitting(long available, long fixedBytes, long perChain) =>
        Math.Clamp((available - fixedBytes) / Math.Max(1, perChain), 0, int.MaxValue);

    /// <summary>A byte count in words: 23 GB, 512 MB, 64 kB (decimal units, two significant digits at most).</summary>
    public static string Bytes(long bytes)
    {
        (double Size, string Unit)[] units = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")];
        foreach (var (size, unit) in units)
        {
            if (bytes >= size)
                return string.Create(CultureInfo.InvariantCulture, $"{(bytes / size < 10 ? Math.Round(bytes / size, 1) : Math.Round(bytes / size)):0.#} {unit}");
        }
        return string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
    }

    /// <summary>A count rounded down to two significant digits, digits grouped by spaces: 380 000 000.</summary>
    public static string Approximately(long count)
    {
        long scale = 1;
        while (count / scale >= 100) scale *= 10;
        return (count / scale * scale).ToString("#,0", CultureInfo.InvariantCulture).Replace(',', ' ');
    }
}
