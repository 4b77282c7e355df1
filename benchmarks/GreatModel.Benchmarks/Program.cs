using BenchmarkDotNet.Running;
using GreatModel.Benchmarks.Sass;

// `ptx-probes DIR`: the PTX of the probe and sweep kernels for benchmarks/gpu/sass-count.sh; anything else: BenchmarkDotNet.
if (args is ["ptx-probes", var folder])
{
    ProbePtx.WriteAll(folder);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
