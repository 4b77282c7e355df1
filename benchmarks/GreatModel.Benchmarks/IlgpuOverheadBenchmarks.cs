using BenchmarkDotNet.Attributes;
using GreatModel.Backends;
using GreatModel.Sampling;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;
using GreatModel.Kernels;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace GreatModel.Benchmarks;

/// <summary>
/// ILGPU's CPU accelerator on the talk's workload (1 chain, n = 500): one engine sweep against an empty
/// kernel launch + synchronize, i.e. how much of a small sweep is ILGPU's fixed cost per launch.
/// </summary>
public class IlgpuOverheadBenchmarks
{
    private readonly SweepSums[] _sums = new SweepSums[1];
    private readonly ChainState[] _states = [new ChainState(-3, 20, 1.5, 6)];
    private ISweepEngine _engine = null!;
    private Context _context = null!;
    private Accelerator _acc = null!;
    private Action<Index1D, ArrayView<int>> _empty = null!;
    private MemoryBuffer1D<int, Stride1D.Dense> _buf = null!;
    private uint _sweep;

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
        _buf.Dispose();
        _acc.Dispose();
        _context.Dispose();
    }

    [GlobalSetup]
    public void Setup()
    {
        var plan = RunPlan.Create(ExampleData.Load(), new SamplerOptions { Chains = 1, Seed = 42, Backend = Backend.IlgpuCpu }, new RunHooks());
        _engine = IlgpuEngine.Create(plan, Backend.IlgpuCpu);
        _context = IlgpuDevices.CreateContext(2);
        _acc = _context.GetCPUDevice(0).CreateAccelerator(_context);
        _buf = _acc.Allocate1D<int>(2);
        _empty = _acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>>((i, v) => { v[i] = i; });
    }

    [Benchmark]
    public SweepSums EngineSums()
    {
        _engine.ComputeSums(_sweep++, _states, _sums);
        return _sums[0];
    }

    [Benchmark]
    public void EmptyKernel()
    {
        _empty(2, _buf.View);
        _acc.Synchronize();
    }
}
