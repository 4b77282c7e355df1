using System.Diagnostics;
using GreatModel.Kernels;
using GreatModel.Model;
using GreatModel.Random;

namespace GreatModel.Backends;

/// <summary>
/// One sweep of many chains through a sweep engine: the engine does the per-datum work for all chains,
/// then the host draws alpha2 → mu → tau2 per chain (MathNet, each chain its own Philox stream, in
/// parallel when chains are many).
/// </summary>
internal sealed class ChainEnsemble
{
    /// <summary>Below this many chains the host draws run on one thread (forking costs more).</summary>
    private const int ParallelHostDrawThreshold = 64;

    private readonly ISweepEngine _engine;
    private readonly ChainState[] _states;
    private readonly PhiloxRandomSource[] _rngs;
    private readonly SweepSums[] _sums;
    private readonly ParallelOptions _parallel;
    private readonly int _n;
    private readonly double _nu;

    public ChainEnsemble(ISweepEngine engine, ObservedData data, SamplerOptions options, ulong seed, ChainState[] states, int? cpuThreads)
    {
        _engine = engine;
        _states = states;
        _n = data.Count;
        _nu = options.Nu;
        _rngs = Enumerable.Range(0, states.Length).Select(c => new PhiloxRandomSource(seed, c, RandomStream.HostScalars)).ToArray();
        _sums = new SweepSums[states.Length];
        _parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = states.Length >= ParallelHostDrawThreshold ? cpuThreads ?? Environment.ProcessorCount : 1,
        };
    }

    /// <summary>Time spent in the host scalar draws so far (the benchmark's "host share").</summary>
    public TimeSpan HostScalarTime => Stopwatch.GetElapsedTime(0, _hostTicks);

    private long _hostTicks;

    public void Sweep(long sweep)
    {
        _engine.ComputeSums((uint)sweep, _states, _sums);
        long start = Stopwatch.GetTimestamp();
        Parallel.For(0, _states.Length, _parallel, c => _states[c] = ScalarUpdates.Draw(_rngs[c], _sums[c], _n, _nu));
        _hostTicks += Stopwatch.GetTimestamp() - start;
    }
}
