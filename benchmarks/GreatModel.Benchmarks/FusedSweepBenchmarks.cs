using BenchmarkDotNet.Attributes;
using GreatModel.Backends;
using GreatModel.Data;
using GreatModel.Kernels;

namespace GreatModel.Benchmarks;

/// <summary>
/// One fused sweep (MODEL.md steps 1–2 for every chain and datum, sums back on the host) per backend, at
/// 64 chains × 10⁴ data. CUDA and OpenCL are measured where `greatmodel devices` calls a device usable.
/// </summary>
public class FusedSweepBenchmarks
{
    private const int Chains = 64, N = 10_000;
    private readonly ChainState[] _states = Enumerable.Repeat(new ChainState(-3, 20, 1.5), Chains).ToArray();
    private readonly SweepSums[] _sums = new SweepSums[Chains];
    private ISweepEngine _engine = null!;
    private uint _sweep;

    [ParamsSource(nameof(Available))]
    public Backend Backend { get; set; }

    public static IEnumerable<Backend> Available()
    {
        yield return Backend.Cpu;
        yield return Backend.CpuFast;
        yield return Backend.IlgpuCpu;
        var usable = DeviceCatalog.List().Where(d => d.Usability.StartsWith("yes", StringComparison.Ordinal)).Select(d => d.Backend).ToHashSet();
        if (usable.Contains("cuda")) yield return Backend.Cuda;
        if (usable.Contains("opencl")) yield return Backend.OpenCL;
    }

    [GlobalSetup]
    public void Setup()
    {
        var data = Simulation.StudentT(N, 6, -3.14, 30, seed: 1);
        _engine = EngineFactory.Create(Backend, new SweepSetup(data, 6, 42, Chains));
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    /// <summary>Datum-updates per sweep: 640 000; M datum-updates/s = 640 000 / (mean in µs).</summary>
    [Benchmark]
    public SweepSums Sweep()
    {
        _engine.ComputeSums(_sweep++, _states, _sums);
        return _sums[0];
    }
}
