using BenchmarkDotNet.Attributes;
using GreatModel.Backends;
using GreatModel.Data;
using GreatModel.Kernels;
using GreatModel.Random;

namespace GreatModel.Benchmarks;

/// <summary>
/// Where a sweep of the talk's workload (1 chain, n = 500) spends its time on the native CPU path:
/// the per-datum engine call versus the host's three scalar draws.
/// </summary>
public class SweepOverheadBenchmarks
{
    private readonly SweepSums[] _sums = new SweepSums[1];
    private readonly ChainState[] _states = [new ChainState(-3, 20, 1.5)];
    private readonly PhiloxRandomSource _rng = new(42, 0, RandomStream.HostScalars);
    private NativeCpuEngine _engine = null!;
    private uint _sweep;
    private double[] _data = null!;
    private SweepParameters _parameters;

    private ChainEnsemble _ensemble = null!;
    private long _ensembleSweep;

    [GlobalSetup]
    public void Setup()
    {
        var data = ExampleData.Load();
        _data = data.Values.ToArray();
        var setup = new SweepSetup(_data, 6, 42, 1);
        _parameters = setup.ParametersFor(7);
        _engine = new NativeCpuEngine(setup);
        _ensemble = new ChainEnsemble(_engine, data, new SamplerOptions { Chains = 1, BurnIn = 1_000_000_000, Samples = 1 }, 42,
            [new ChainState(-3, 20, 1.5)], null);
    }

    [Benchmark]
    public void WholeSweep() => _ensemble.Sweep(_ensembleSweep++);

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark]
    public SweepSums EngineSums()
    {
        _engine.ComputeSums(_sweep++, _states, _sums);
        return _sums[0];
    }

    /// <summary>The tile alone (500 data: one tile), without the engine around it.</summary>
    [Benchmark]
    public SweepSums TileOnly() => GreatModel.Backends.Simd.VectorSweep.TileSums(_data, 0, 0, _states[0], _parameters);

    [Benchmark]
    public ChainState HostScalarDraws() => ScalarUpdates.Draw(_rng, new SweepSums(20, -60, 500), 500, 6);
}
