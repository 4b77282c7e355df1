namespace GreatModel.Cli.Bench;

/// <summary>What one cell measured, or why it was skipped (<see cref="Note"/>, with null figures).</summary>
internal sealed record BenchResult(BenchCell Cell, double? WallSeconds, double? EssBulkMu, double? EssBulkSigma2,
    double? HostShare, double? PeakMemoryMiB, string Note)
{
    public double? DatumUpdatesPerSecond => WallSeconds is { } s ? Cell.DatumUpdates / s : null;
    public double? EssPerSecondMu => WallSeconds is { } s && EssBulkMu is { } e ? e / s : null;
    public double? EssPerSecondSigma2 => WallSeconds is { } s && EssBulkSigma2 is { } e ? e / s : null;
    public bool Measured => WallSeconds is not null;

    /// <summary>Bulk ESS of ν (ν estimated), else null.</summary>
    public double? EssBulkNu { get; init; }

    public double? EssPerSecondNu => WallSeconds is { } s && EssBulkNu is { } e ? e / s : null;

    public static BenchResult Skipped(BenchCell cell, string why) => new(cell, null, null, null, null, null, why);
}
