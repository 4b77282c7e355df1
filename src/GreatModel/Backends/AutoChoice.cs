namespace GreatModel.Backends;

/// <summary>
/// How <see cref="Backend.Auto"/> chooses: the run's estimated wall time on the CPU backend it would use against a
/// GPU's, from throughputs measured on this project's machines. A GPU is probed only when its estimate beats the
/// CPU's, so a run no GPU could speed up never loads a GPU driver.
/// </summary>
/// <remarks>
/// The rates are measurements, not guesses tuned to a test. CPU: `bench` on a 2-core AMD EPYC (Zen 5, AVX-512),
/// benchmarks/results/cpu-epyc-zen5-2core-2026-11-25 (cpu-fast 509–531 M datum-updates/s on 2 cores at n ≥ 10⁴,
/// about half that without AVX-512; cpu 313–333 M/s; cpu in single precision, which runs the scalar code, 15–21 M/s).
/// GPU: the H100 runs in benchmarks/results/h100-2026-11-24 (per sweep about 60 µs fixed — one chain of the talk's
/// workload took 0.25 s for 4000 sweeps — and up to 35–40 G datum-updates/s when large). The GPU issue (#13)
/// measures the crossover on the GPU machine itself.
/// </remarks>
internal static class AutoChoice
{
    /// <summary>A GPU's datum-updates per second on large runs (H100, measured: 35–40 G).</summary>
    public const double GpuUpdatesPerSecond = 35e9;

    /// <summary>A GPU sweep's fixed cost in seconds: launch, copy of the sums, host draws (H100, measured: about 60 µs).</summary>
    public const double GpuSecondsPerSweep = 60e-6;

    /// <summary>Seconds to bring a GPU up (driver, ILGPU context, kernel compilation): about half a second.</summary>
    public const double GpuStartSeconds = 0.5;

    /// <summary>
    /// Datum-updates per second per core of the CPU backend auto would use, by how the χ² is drawn (measured on the
    /// 2-core Zen 5: cpu-fast's loop-free χ² 200–260 M per core, Marsaglia–Tsang 130, the ν &lt; 1 boost on the scalar
    /// code 15; cpu's single precision on its scalar code 8).
    /// </summary>
    /// <param name="nu">ν; NaN when ν is estimated. Range: &gt; 0 or NaN.</param>
    /// <param name="kernelDrawsOnly">Single precision: auto's CPU choice is then cpu on its scalar code.</param>
    public static double CpuUpdatesPerSecondPerCore(double nu, bool kernelDrawsOnly)
    {
        if (kernelDrawsOnly) return 8e6;
        if (double.IsNaN(nu)) return EstimatedNuUpdatesPerSecondPerCore;
        if (nu < 1) return 15e6;
        return Kernels.ChiSquaredShape.For(nu + 1).LoopFreeDegrees > 0 ? 200e6 : 130e6;
    }

    /// <summary>
    /// cpu-fast's datum-updates per second per core with ν estimated and both its moves (the default): Marsaglia–Tsang with
    /// each chain's own shape and S3, plus the ν likelihood pass (measured on the 2-core Zen 5 at 64 chains × 10⁴: 183–206 M/s
    /// on 2 cores; 228–247 with ν | U alone; benchmarks/README.md, "Estimating ν").
    /// </summary>
    public const double EstimatedNuUpdatesPerSecondPerCore = 95e6;

    /// <summary>
    /// A GPU's slowdown with ν estimated, as a factor on <see cref="GpuUpdatesPerSecond"/> (0.6) and on
    /// <see cref="GpuSecondsPerSweep"/> (2: two passes, two round trips per sweep). Not measured on a GPU yet (issue #13):
    /// the CPU's own ratio (both passes against the fixed-ν loop-free sweep, 0.45) and the GPU's larger share of fixed cost
    /// per launch set it.
    /// </summary>
    public const double GpuEstimatedNuRateFactor = 0.6, GpuEstimatedNuSweepFactor = 2;

    /// <summary>The run's estimated sampling time on auto's CPU backend with <paramref name="cores"/> cores.</summary>
    /// <param name="chains">Chains. Range: ≥ 1.</param>
    /// <param name="dataCount">Observations n. Range: ≥ 1.</param>
    /// <param name="sweeps">Sweeps, burn-in included. Range: ≥ 1.</param>
    /// <param name="cores">Threads the CPU backend may use. Range: ≥ 1.</param>
    /// <param name="nu">ν; NaN when estimated. Range: &gt; 0 or NaN.</param>
    /// <param name="kernelDrawsOnly">Single precision (the CPU backend is then cpu's scalar code).</param>
    /// <returns>Seconds.</returns>
    public static double CpuSeconds(int chains, int dataCount, long sweeps, int cores, double nu, bool kernelDrawsOnly = false)
    {
        long parallel = Math.Max(1, Math.Min(cores, chains * (long)Kernels.SweepLayout.TileCount(dataCount))); // one core per (chain, tile)
        return (double)chains * dataCount * sweeps / (CpuUpdatesPerSecondPerCore(nu, kernelDrawsOnly) * parallel);
    }

    /// <summary>The run's estimated time on a GPU, its start included.</summary>
    /// <param name="chains">Chains. Range: ≥ 1.</param>
    /// <param name="dataCount">Observations n. Range: ≥ 1.</param>
    /// <param name="sweeps">Sweeps, burn-in included. Range: ≥ 1.</param>
    /// <param name="nuEstimated">Whether ν is estimated (two passes per sweep).</param>
    /// <returns>Seconds.</returns>
    public static double GpuSeconds(int chains, int dataCount, long sweeps, bool nuEstimated = false) =>
        GpuStartSeconds + (sweeps * ((GpuSecondsPerSweep * (nuEstimated ? GpuEstimatedNuSweepFactor : 1))
            + ((double)chains * dataCount / (GpuUpdatesPerSecond * (nuEstimated ? GpuEstimatedNuRateFactor : 1)))));
}
