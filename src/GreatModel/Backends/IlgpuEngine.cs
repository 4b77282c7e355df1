using GreatModel.Kernels;
using GreatModel.Sampling;
using ILGPU;
using ILGPU.Runtime;
using SweepKernel = System.Action<ILGPU.ArrayView<double>, ILGPU.ArrayView<GreatModel.Kernels.ChainSegment>, ILGPU.ArrayView<GreatModel.Kernels.TileItem>, ILGPU.ArrayView<GreatModel.Kernels.ChainState>, ILGPU.ArrayView<GreatModel.Kernels.SweepSums>, GreatModel.Kernels.SweepParameters>;
using SweepLauncher = System.Action<ILGPU.Runtime.AcceleratorStream, ILGPU.KernelConfig, ILGPU.ArrayView<double>, ILGPU.ArrayView<GreatModel.Kernels.ChainSegment>, ILGPU.ArrayView<GreatModel.Kernels.TileItem>, ILGPU.ArrayView<GreatModel.Kernels.ChainState>, ILGPU.ArrayView<GreatModel.Kernels.SweepSums>, GreatModel.Kernels.SweepParameters>;

namespace GreatModel.Backends;

/// <summary>
/// The fused sweep kernel on an ILGPU accelerator. Device memory: the data once (shared by all chains),
/// chain states, and one <see cref="SweepSums"/> per (chain, tile): O(n + chains × tiles).
/// GPUs run <see cref="SweepKernels.GroupPerTile{TPath}"/>; the CPU accelerator runs
/// <see cref="SweepKernels.PerThreadTiles{TPath}"/> with one thread per core and group size 1.
/// On a GPU the two halves of the chains run on two streams (<see cref="IOverlappingSweepEngine"/>), so
/// the host's scalar draws for one half hide behind the device's sweep of the other.
/// </summary>
internal sealed class IlgpuEngine : IOverlappingSweepEngine
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly RunPlan _plan;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _data;
    private readonly MemoryBuffer1D<ChainSegment, Stride1D.Dense> _segments;
    private readonly MemoryBuffer1D<TileItem, Stride1D.Dense> _items;
    private readonly MemoryBuffer1D<ChainState, Stride1D.Dense> _states;
    private readonly MemoryBuffer1D<SweepSums, Stride1D.Dense> _partials;
    private readonly PageLockedArray1D<ChainState>?[] _hostStates;
    private readonly PageLockedArray1D<SweepSums>?[] _hostPartials;
    private readonly SweepLauncher _kernel;
    private readonly bool _cpuLike;

    /// <summary><see cref="SweepParameters.DeviceMath"/> of every launch: <see cref="SamplerOptions.DeviceMath"/>, by default 1 on CUDA only.</summary>
    private readonly int _deviceMath;
    private readonly AcceleratorStream[] _streams;
    private readonly (int Start, int Count)[] _halves;

    /// <summary>
    /// The engine for <paramref name="backend"/> (ilgpu-cpu, cuda or opencl) on the first device of its
    /// kind; throws <see cref="BackendUnavailableException"/> when there is none.
    /// </summary>
    public static IlgpuEngine Create(RunPlan plan, Backend backend)
    {
        var type = backend switch
        {
            Backend.IlgpuCpu => AcceleratorType.CPU,
            Backend.Cuda => AcceleratorType.Cuda,
            Backend.OpenCL => AcceleratorType.OpenCL,
            _ => throw new OptionOutOfRangeException(nameof(backend), backend, "is not an ILGPU backend"),
        };
        var context = IlgpuDevices.CreateContext(plan.Threads);
        // The CPU accelerator is one per context: each engine's context is its own, so any id is an accelerator of its own.
        var kind = context.Devices.Where(d => d.AcceleratorType == type).ToList();
        var device = type == AcceleratorType.CPU ? kind.FirstOrDefault() : kind.ElementAtOrDefault(plan.DeviceIndex);
        if (device is null)
        {
            IlgpuDevices.Dispose(context);
            string name = type == AcceleratorType.Cuda ? "CUDA" : type.ToString();
            throw new BackendUnavailableException(backend, kind.Count == 0 || plan.DeviceIndex == 0
                ? $"no usable {name} device"
                : $"no {name} device {plan.DeviceIndex}: {kind.Count} found (ids 0 to {kind.Count - 1})");
        }
        try
        {
            return new IlgpuEngine(context, device, plan);
        }
        catch
        {
            IlgpuDevices.Dispose(context);
            throw;
        }
    }

    /// <summary>
    /// The sweep kernel's instance for the accelerator (<see cref="SweepKernels.PerThreadTiles{TPath}"/> when CPU-like, else
    /// <see cref="SweepKernels.GroupPerTile{TPath}"/>, on CUDA with its <see cref="SweepKernels.GroupPerTileSpecialization"/>) and the path.
    /// </summary>
    private static SweepLauncher LoadSweepKernel(Accelerator accelerator, bool cpuLike, int deviceMath)
    {
        return deviceMath != 0 ? Load<DeviceMathPath>() : Load<PortableMathPath>();

        SweepLauncher Load<TPath>()
            where TPath : struct, IMathPath
        {
            SweepKernel kernel = cpuLike ? SweepKernels.PerThreadTiles<TPath> : SweepKernels.GroupPerTile<TPath>;
            // The occupancy directive only where ptxas reads it (ILGPU's CPU accelerator checks it against its own group size).
            return !cpuLike && accelerator.AcceleratorType == AcceleratorType.Cuda
                ? accelerator.LoadKernel(kernel, SweepKernels.GroupPerTileSpecialization<TPath>())
                : accelerator.LoadKernel(kernel);
        }
    }

    /// <summary>
    /// Takes ownership of <paramref name="context"/>. <paramref name="groupKernel"/> forces the GPU kernel
    /// (tests run it on a 256-thread CPU accelerator to check its reduction without a GPU);
    /// <paramref name="overlap"/> forces the two-stream pipeline on or off (default: the plan's choice,
    /// else on for GPUs with 2+ chains).
    /// </summary>
    public IlgpuEngine(Context context, Device device, RunPlan plan, bool? groupKernel = null, bool? overlap = null)
    {
        _context = context;
        _plan = plan;
        lock (IlgpuDevices.Lifetime)
            _accelerator = device.CreateAccelerator(context);
        if (_accelerator.AcceleratorType != AcceleratorType.CPU) // the CPU accelerator's memory is the host's, checked with it
        {
            try
            {
                new ResourceEstimate(plan, keepDraws: false, sinkBytesPerChain: 0).CheckDevice(_accelerator.MemorySize, _accelerator.Name);
            }
            catch
            {
                lock (IlgpuDevices.Lifetime)
                    _accelerator.Dispose();
                throw;
            }
        }
        try
        {
            int items = plan.FirstItemOf(plan.Slots);
            _cpuLike = !(groupKernel ?? _accelerator.AcceleratorType != AcceleratorType.CPU);
            _deviceMath = (plan.Options.DeviceMath ?? _accelerator.AcceleratorType == AcceleratorType.Cuda) ? 1 : 0;
            // The GPU kernel's 1-D grid has one group per item of a launch: refused here, before any upload, if it cannot.
            if (!_cpuLike && items > _accelerator.MaxGridSize.X)
                throw new OptionOutOfRangeException(nameof(SamplerOptions.Chains), plan.Chains, $"× groups × tiles ({items} items) exceed the device's grid of {_accelerator.MaxGridSize.X} groups; split the run");
            _data = _accelerator.Allocate1D(plan.ConcatenatedValues());
            _segments = _accelerator.Allocate1D(plan.Segments.ToArray());
            _items = _accelerator.Allocate1D(plan.Items.ToArray());
            _states = _accelerator.Allocate1D<ChainState>(plan.Slots);
            _partials = _accelerator.Allocate1D<SweepSums>(items);
            _kernel = LoadSweepKernel(_accelerator, _cpuLike, _deviceMath);
            Overlapping = plan.Slots >= 2 && (overlap ?? plan.OverlapHostDraws ?? _accelerator.AcceleratorType != AcceleratorType.CPU);
            int first = Overlapping ? plan.Slots / 2 : plan.Slots;
            _halves = [(0, first), (first, plan.Slots - first)];
            _streams = [_accelerator.CreateStream(), _accelerator.CreateStream()];
            // Page-locked host buffers, one pair per half, made once: the copies in and out are then asynchronous on
            // the half's stream (from pageable memory the driver copies synchronously), and a sweep allocates nothing.
            _hostStates = [.. _halves.Select(h => h.Count > 0 ? _accelerator.AllocatePageLocked1D<ChainState>(h.Count) : null)];
            _hostPartials = [.. _halves.Select(h => h.Count > 0 ? _accelerator.AllocatePageLocked1D<SweepSums>(ItemsOf(h.Start, h.Count).Count) : null)];
        }
        catch
        {
            // Disposing the accelerator frees what it made so far (device buffers, streams, page-locked memory).
            lock (IlgpuDevices.Lifetime)
                _accelerator.Dispose();
            throw;
        }
        Description = IlgpuDevices.Describe(_accelerator) + (Overlapping ? ", host draws overlapped (2 streams)" : "")
            + (_deviceMath == 1 ? ", the device's math" : "");
    }

    public string Description { get; }

    public bool Overlapping { get; }

    public (int Start, int Count) Half(int half) => _halves[half];

    public void ComputeSums(uint sweep, ReadOnlySpan<ChainState> states, Span<SweepSums> sums) =>
        Compute(SweepParameters.LatentPass, sweep, states, sums);

    public void ComputeNuLikelihoods(uint sweep, ReadOnlySpan<ChainState> states, Span<SweepSums> sums) =>
        Compute(SweepParameters.NuLikelihoodPass, sweep, states, sums);

    private void Compute(int pass, uint sweep, ReadOnlySpan<ChainState> states, Span<SweepSums> sums)
    {
        Launch(0, sweep, states[.._halves[0].Count], pass);
        if (_halves[1].Count > 0) Launch(1, sweep, states[_halves[1].Start..], pass);
        Collect(0, sums[.._halves[0].Count]);
        if (_halves[1].Count > 0) Collect(1, sums[_halves[1].Start..]);
    }

    /// <summary>
    /// Enqueues one half's whole sweep on its stream: the states' copy in, the kernel, the partial sums' copy out,
    /// all asynchronous from page-locked buffers; <see cref="Collect"/> waits for them.
    /// </summary>
    public void Launch(int half, uint sweep, ReadOnlySpan<ChainState> halfStates) => Launch(half, sweep, halfStates, SweepParameters.LatentPass);

    private void Launch(int half, uint sweep, ReadOnlySpan<ChainState> halfStates, int pass)
    {
        var (start, count) = _halves[half];
        var stream = _streams[half];
        var hostStates = _hostStates[half]!;
        halfStates.CopyTo(hostStates.Span);
        var states = _states.View.SubView(start, count);
        states.CopyFromPageLockedAsync(stream, hostStates);
        var p = _plan.ParametersFor(sweep, firstChain: start);
        p.Pass = pass;
        // p.DeviceMath is left to the kernel: its instance (LoadSweepKernel) sets it, a constant the compiler folds.
        var (firstItem, items) = ItemsOf(start, count);
        var launch = _cpuLike
            ? new KernelConfig(_accelerator.NumMultiprocessors, 1)
            : new KernelConfig(items, SweepLayout.LaneCount);
        var partials = _partials.View.SubView(firstItem, items);
        _kernel(stream, launch, _data.View, _segments.View, _items.View.SubView(firstItem, items), states, partials, p);
        partials.CopyToPageLockedAsync(stream, _hostPartials[half]!);
    }

    /// <summary>Waits for one half's stream, then reduces its partial sums in the plan's fixed order.</summary>
    public void Collect(int half, Span<SweepSums> halfSums)
    {
        _streams[half].Synchronize();
        _plan.ReduceTiles(_hostPartials[half]!.Span, halfSums, _halves[half].Start);
    }

    /// <summary>The items of slots <paramref name="start"/> .. + <paramref name="count"/>: where they begin and how many.</summary>
    private (int First, int Count) ItemsOf(int start, int count) =>
        (_plan.FirstItemOf(start), _plan.FirstItemOf(start + count) - _plan.FirstItemOf(start));

    public void Dispose()
    {
        lock (IlgpuDevices.Lifetime)
        {
            _accelerator.Synchronize(); // a cancelled run may leave a launched half in flight
            foreach (var stream in _streams) stream.Dispose();
            foreach (var buffer in _hostStates) buffer?.Dispose();
            foreach (var buffer in _hostPartials) buffer?.Dispose();
            _partials.Dispose();
            _states.Dispose();
            _items.Dispose();
            _segments.Dispose();
            _data.Dispose();
            _accelerator.Dispose();
            _context.Dispose();
        }
    }
}
