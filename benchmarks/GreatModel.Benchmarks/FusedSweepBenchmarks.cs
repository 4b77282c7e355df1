using BenchmarkDotNet.Attributes;
using GreatModel.Backends;
using GreatModel.Model;
using GreatModel.Kernels;
using GreatModel.Sampling;

namespace GreatModel.Benchmarks;

/// <summary>
/// One fused sweep (MODEL.md steps 1–2 for every chain and datum, sums back on the host) per backend, at
/// 64 chains × 10⁴ data. CUDA and OpenCL are measured where `greatmodel devices` calls a device usable.
/// </summary>
public class FusedSweepBenchmarks
{
    private const int Chains = 64, N = 10_000;
    private readonly ChainState[] _states = Enumerable.Repeat(new ChainState(-3, 20, 1.5, 6), Chains).ToArray();
    private readonly SweepSums[] _sums = new SweepSums[Chains];
    private ChainEnsemble _ensemble = null!;
    private ISweepEngine _engine = null!;
    private uint _sweep;

    [ParamsSource(nameof(Available))]
    public Backend Backend { get; set; }

    /// <summary>Every available backend with a per-datum engine (all but the reference sampler).</summary>
    public static IEnumerable<Backend> Available() =>
        BackendRegistry.All.Where(b => b.Id != Backend.Reference && b.IsAvailable()).Select(b => b.Id);

    [GlobalSetup]
    public void Setup()
    {
        var data = Simulation.StudentT(N, 6, -3.14, 30, seed: 1);
        var plan = RunPlan.Create(new ObservedData(data), new SamplerOptions { Chains = Chains, Seed = 42, Backend = Backend }, new RunHooks());
        _ensemble = (ChainEnsemble)plan.Backend.CreateSweeper(plan);
        _engine = _ensemble.Engine;
    }

    [GlobalCleanup]
    public void Cleanup() => _ensemble.Dispose();

    /// <summary>Datum-updates per sweep: 640 000; M datum-updates/s = 640 000 / (mean in µs).</summary>
    [Benchmark]
    public SweepSums Sweep()
    {
        _engine.ComputeSums(_sweep++, _states, _sums);
        return _sums[0];
    }
}
