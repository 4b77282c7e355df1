using GreatModel.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace GreatModel.Backends;

/// <summary>
/// The fused sweep kernel on an ILGPU accelerator. Device memory: the data once (shared by all chains),
/// chain states, and one <see cref="SweepSums"/> per (chain, tile): O(n + chains × tiles).
/// GPUs run <see cref="SweepKernels.GroupPerTile"/>; the CPU accelerator runs
/// <see cref="SweepKernels.PerThreadTiles"/> with one thread per core and group size 1.
/// </summary>
internal sealed class IlgpuEngine : ISweepEngine
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly SweepSetup _setup;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _data;
    private readonly MemoryBuffer1D<ChainState, Stride1D.Dense> _states;
    private readonly MemoryBuffer1D<SweepSums, Stride1D.Dense> _partials;
    private readonly SweepSums[] _hostPartials;
    private readonly Action<KernelConfig, ArrayView<double>, ArrayView<ChainState>, ArrayView<SweepSums>, SweepParameters> _kernel;
    private readonly KernelConfig _launch;

    /// <summary>
    /// Takes ownership of <paramref name="context"/>. <paramref name="groupKernel"/> forces the GPU kernel
    /// (tests run it on a 256-thread CPU accelerator to check its reduction without a GPU).
    /// </summary>
    public IlgpuEngine(Context context, Device device, SweepSetup setup, bool? groupKernel = null)
    {
        _context = context;
        _setup = setup;
        lock (IlgpuDevices.Lifetime)
            _accelerator = device.CreateAccelerator(context);
        _data = _accelerator.Allocate1D(setup.Data);
        _states = _accelerator.Allocate1D<ChainState>(setup.Chains);
        _partials = _accelerator.Allocate1D<SweepSums>(setup.Chains * setup.TileCount);
        _hostPartials = new SweepSums[setup.Chains * setup.TileCount];
        bool cpuLike = !(groupKernel ?? _accelerator.AcceleratorType != AcceleratorType.CPU);
        _kernel = _accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<ChainState>, ArrayView<SweepSums>, SweepParameters>(
            cpuLike ? SweepKernels.PerThreadTiles : SweepKernels.GroupPerTile);
        _launch = cpuLike
            ? new KernelConfig(_accelerator.NumMultiprocessors, 1)
            : new KernelConfig(new Index2D(setup.TileCount, setup.Chains), new Index2D(SweepLayout.LaneCount, 1));
        Description = IlgpuDevices.Describe(_accelerator);
    }

    public string Description { get; }

    public void ComputeSums(uint sweep, ReadOnlySpan<ChainState> states, Span<SweepSums> sums)
    {
        _states.View.AsContiguous().CopyFromCPU(states);
        _kernel(_launch, _data.View, _states.View, _partials.View, _setup.ParametersFor(sweep));
        _partials.View.CopyToCPU(_hostPartials);
        _setup.ReduceTiles(_hostPartials, sums);
    }

    public void Dispose()
    {
        lock (IlgpuDevices.Lifetime)
        {
            _partials.Dispose();
            _states.Dispose();
            _data.Dispose();
            _accelerator.Dispose();
            _context.Dispose();
        }
    }
}
