using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;

namespace GreatModel.Cli.Bench;

/// <summary>What to measure: the talk's workload on every backend, then the chains × n grid.</summary>
internal sealed record BenchPlan(IReadOnlyList<Backend> Backends, bool NumPy, bool Peer, int[] Chains, int[] Sizes,
    int TalkBurnIn, int TalkSamples, int GridBurnIn, int GridSamples, double CellSeconds)
{
    /// <summary>The χ² variates' precision on the kernel backends (single: backends that cannot run it are skipped, saying so).</summary>
    public Precision Precision { get; init; } = Precision.Double;

    /// <summary>ν of every cell when fixed (the data are simulated with ν = 6 whatever it is).</summary>
    public double Nu { get; init; } = ExampleData.Nu;

    /// <summary>
    /// ν estimated in every cell (the baselines, which cannot, are skipped saying so); the talk's workload then runs each
    /// backend twice, with the ridge move and ν | U, and with ν | U alone, so the ESS per second of the two stand side by side.
    /// </summary>
    public bool EstimateNu { get; init; }

    public const ulong Seed = 1;

    public static BenchPlan Full(IReadOnlyList<Backend> backends, bool numPy, bool peer, double cellSeconds) =>
        new(backends, numPy, peer, [1, 16, 256, 4096], [500, 10_000, 100_000, 1_000_000], 2000, 2000, 100, 400, cellSeconds);

    /// <summary>A small version (tests, smoke runs): the same code paths in a few seconds.</summary>
    public static BenchPlan Quick(IReadOnlyList<Backend> backends, bool numPy, bool peer, double cellSeconds) =>
        new(backends, numPy, peer, [1, 16], [500, 10_000], 100, 100, 20, 80, cellSeconds);
}
