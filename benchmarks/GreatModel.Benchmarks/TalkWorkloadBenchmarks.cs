using BenchmarkDotNet.Attributes;
using GreatModel;
using GreatModel.Files.Input;
using GreatModel.Model;

namespace GreatModel.Benchmarks;

/// <summary>
/// The talk's workload: one chain, n = 500, 2000 burn-in + 2000 samples (2 000 000 datum-updates), per
/// backend side by side. The talk reports 10 404 ms (pure Python) and 357 ms (NumPy) for the same run.
/// </summary>
[MemoryDiagnoser]
public class TalkWorkloadBenchmarks
{
    private ObservedData _data = null!;

    [Params(Backend.Reference, Backend.Cpu, Backend.CpuFast, Backend.IlgpuCpu)]
    public Backend Backend { get; set; }

    [GlobalSetup]
    public void Setup() => _data = ExampleData.Load();

    [Benchmark]
    public Posterior TalkRun() => Sampler.Run(_data, new SamplerOptions
    {
        Nu = 6,
        Chains = 1,
        BurnIn = 2000,
        Samples = 2000,
        Seed = 42,
        Backend = Backend,
    });
}
