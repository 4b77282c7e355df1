using BenchmarkDotNet.Attributes;
using GreatModel.Backends;
using GreatModel.Files.Draws;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Kernels;
using GreatModel.Random;
using GreatModel.Sampling;

namespace GreatModel.Benchmarks;

/// <summary>
/// Where a sweep of the talk's workload (1 chain, n = 500) spends its time on the native CPU path:
/// the per-datum engine call versus the host's three scalar draws.
/// </summary>
public class SweepOverheadBenchmarks
{
    private readonly SweepSums[] _sums = new SweepSums[1];
    private readonly ChainState[] _states = [new ChainState(-3, 20, 1.5, 6)];
    private readonly PhiloxRandomSource _rng = new(42, 0, RandomStream.HostScalars);
    private ISweepEngine _engine = null!;
    private uint _sweep;
    private double[] _data = null!;
    private SweepParameters _parameters;

    private ChainEnsemble _ensemble = null!;
    private long _ensembleSweep;

    /// <summary>The native backend measured: cpu (the kernels' draws) or cpu-fast.</summary>
    [Params(Backend.Cpu, Backend.CpuFast)]
    public Backend Backend { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = ExampleData.Load();
        _data = data.Values.ToArray();
        var plan = RunPlan.Create(data, new SamplerOptions { Chains = 1, BurnIn = 1_000_000_000, Samples = 1, Seed = 42, Backend = Backend }, new RunHooks());
        _parameters = plan.ParametersFor(7);
        _ensemble = (ChainEnsemble)plan.Backend.CreateSweeper(plan);
        _ensemble.States[0] = new ChainState(-3, 20, 1.5, 6);
        _engine = _ensemble.Engine;
    }

    [Benchmark]
    public void WholeSweep() => _ensemble.Sweep(_ensembleSweep++);

    [GlobalCleanup]
    public void Cleanup() => _ensemble.Dispose();

    [Benchmark]
    public SweepSums EngineSums()
    {
        _engine.ComputeSums(_sweep++, _states, _sums);
        return _sums[0];
    }

    /// <summary>The tile alone (500 data: one tile), without the engine around it.</summary>
    [Benchmark]
    public SweepSums TileOnly() => Backend == Backend.CpuFast
        ? GreatModel.Backends.FastCpu.VectorFastTile.TileSums(_data, 0, 0, _states[0], _parameters)
        : GreatModel.Backends.Simd.VectorSweep.TileSums(_data, 0, 0, _states[0], _parameters);

    private readonly NuUpdate _nuUpdate = new(NuPrior.Default, 1, 1e6);
    private readonly NuMarginalMove _marginal = new([500], new NuUpdate(NuPrior.Default, 1, 1e6), burnIn: 0);
    private double _nu = 7;

    /// <summary>ν | U, τ² on the host (Newton's method for the mode, the tangent hull, the rejection trials): once per chain per sweep.</summary>
    [Benchmark]
    public double NuConditionalDraw() => _nu = _nuUpdate.Draw(_rng, 500, new SweepSums(480, -60, 500, -15), 1.02, _nu);

    /// <summary>The marginal move's host part (proposal, ratio with its log-gamma terms, decision), the pass's sums given.</summary>
    [Benchmark]
    public ChainState NuMarginalHostStep()
    {
        var s = _marginal.Propose(_rng, 0, 1, new ChainState(-3, 1, 1.5, _nu, ChiSquaredShape.ForVarying(_nu)));
        return _marginal.Decide(_rng, 0, 1, s, new SweepSums(12.0, 12.5, 0, 0));
    }

    [Benchmark]
    public ChainState HostScalarDraws() => ScalarUpdates.Draw(_rng, new SweepSums(20, -60, 500), 500, new ChainState(-3, 1, 1.5, 6), nuUpdate: null);
}
