namespace GreatModel.Cli.Bench;

/// <summary>
/// One measurement to make: a backend on chains × n for burn-in + samples sweeps. <paramref name="Overlap"/>
/// false turns off the GPU engines' overlap of host draws with device work (the comparison row). <paramref name="NuMove"/>:
/// with ν estimated, a <see cref="NuMoveNames"/> name: "ridge" (the ridge move and ν | U), "walk" or "conditional" (ν | U alone); null when ν is fixed.
/// </summary>
internal sealed record BenchCell(string Workload, string Backend, int Chains, int N, int BurnIn, int Samples, bool? Overlap = null, string? NuMove = null)
{
    public long DatumUpdates => (long)Chains * N * (BurnIn + Samples);
}
