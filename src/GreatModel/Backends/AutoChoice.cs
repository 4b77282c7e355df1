namespace GreatModel.Backends;

/// <summary>
/// How <see cref="Backend.Auto"/> chooses: the run's estimated wall time on the CPU (<c>cpu-fast</c>) against a
/// GPU's, from throughputs measured on this project's machines. A GPU is probed only when the run is long
/// enough that one could win, so a small run never loads a GPU driver.
/// </summary>
/// <remarks>
/// The constants are measurements, not guesses tuned to a test: <see cref="CpuUpdatesPerSecondPerCore"/> from
/// <c>bench</c> on a 2-core AMD EPYC (Zen 5, AVX-512: cpu-fast 300–360 M datum-updates/s at 64 chains × 10⁴);
/// the GPU's from the H100 runs in benchmarks/results/h100-2026-11-24 (per sweep about 60 µs fixed — one chain
/// of the talk's workload took 0.25 s for 4000 sweeps — and up to 35–40 G datum-updates/s when large).
/// The GPU issue (#13) measures the crossover on the GPU machine itself.
/// </remarks>
public static class AutoChoice
{
    /// <summary>cpu-fast's datum-updates per second per core on large runs (measured: 150–180 M on Zen 5; about half without AVX-512).</summary>
    public const double CpuUpdatesPerSecondPerCore = 150e6;

    /// <summary>A GPU's datum-updates per second on large runs (H100, measured: 35–40 G).</summary>
    public const double GpuUpdatesPerSecond = 35e9;

    /// <summary>A GPU sweep's fixed cost in seconds: launch, copy of the sums, host draws (H100, measured: about 60 µs).</summary>
    public const double GpuSecondsPerSweep = 60e-6;

    /// <summary>Seconds to bring a GPU up (driver, ILGPU context, kernel compilation): about half a second.</summary>
    public const double GpuStartSeconds = 0.5;

    /// <summary>The run's estimated sampling time on cpu-fast with <paramref name="cores"/> cores.</summary>
    /// <param name="chains">Chains. Range: ≥ 1.</param>
    /// <param name="dataCount">Observations n. Range: ≥ 1.</param>
    /// <param name="sweeps">Sweeps, burn-in included. Range: ≥ 1.</param>
    /// <param name="cores">Cores the CPU backend uses. Range: ≥ 1.</param>
    /// <returns>Seconds.</returns>
    public static double CpuSeconds(int chains, int dataCount, long sweeps, int cores) =>
        (double)chains * dataCount * sweeps / (CpuUpdatesPerSecondPerCore * Math.Max(1, Math.Min(cores, chains * (long)TilesOf(dataCount))));

    /// <summary>The run's estimated time on a GPU, its start included.</summary>
    /// <param name="chains">Chains. Range: ≥ 1.</param>
    /// <param name="dataCount">Observations n. Range: ≥ 1.</param>
    /// <param name="sweeps">Sweeps, burn-in included. Range: ≥ 1.</param>
    /// <returns>Seconds.</returns>
    public static double GpuSeconds(int chains, int dataCount, long sweeps) =>
        GpuStartSeconds + (sweeps * (GpuSecondsPerSweep + ((double)chains * dataCount / GpuUpdatesPerSecond)));

    /// <summary>Tiles of n data: the CPU engines' unit of parallel work (one core per (chain, tile)).</summary>
    private static int TilesOf(int dataCount) => Kernels.SweepLayout.TileCount(dataCount);
}
