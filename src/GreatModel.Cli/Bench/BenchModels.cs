namespace GreatModel.Cli.Bench;

/// <summary>
/// One measurement to make: a backend on chains × n for burn-in + samples sweeps. <paramref name="Overlap"/>
/// false turns off the GPU engines' overlap of host draws with device work (the comparison row).
/// </summary>
internal sealed record BenchCell(string Workload, string Backend, int Chains, int N, int BurnIn, int Samples, bool? Overlap = null)
{
    public long DatumUpdates => (long)Chains * N * (BurnIn + Samples);
}

/// <summary>What one cell measured, or why it was skipped (<see cref="Note"/>, with null figures).</summary>
internal sealed record BenchResult(BenchCell Cell, double? WallSeconds, double? EssBulkMu, double? EssBulkSigma2,
    double? HostShare, double? PeakMemoryMiB, string Note)
{
    public double? DatumUpdatesPerSecond => WallSeconds is { } s ? Cell.DatumUpdates / s : null;
    public double? EssPerSecondMu => WallSeconds is { } s && EssBulkMu is { } e ? e / s : null;
    public double? EssPerSecondSigma2 => WallSeconds is { } s && EssBulkSigma2 is { } e ? e / s : null;
    public bool Measured => WallSeconds is not null;

    public static BenchResult Skipped(BenchCell cell, string why) => new(cell, null, null, null, null, null, why);
}
