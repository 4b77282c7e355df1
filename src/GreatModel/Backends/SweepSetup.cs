using GreatModel.Kernels;

namespace GreatModel.Backends;

/// <summary>What every engine needs to know once: the data, ν, the seed and the chain count.</summary>
internal sealed record SweepSetup(double[] Data, double Nu, ulong Seed, int Chains)
{
    public int TileCount { get; } = SweepLayout.TileCount(Data.Length);

    public SweepParameters ParametersFor(uint sweep) => new()
    {
        Nu = Nu,
        HalfChi2 = GammaShape.For((Nu + 1) / 2),
        Key0 = (uint)Seed,
        Key1 = (uint)(Seed >> 32),
        Sweep = sweep,
        FirstChain = 0,
        DataLength = Data.Length,
        TileCount = TileCount,
    };

    /// <summary>Adds each chain's tile partials in tile order.</summary>
    public void ReduceTiles(ReadOnlySpan<SweepSums> partials, Span<SweepSums> sums)
    {
        for (int c = 0; c < sums.Length; c++)
            sums[c] = SweepSums.SumInOrder(partials.Slice(c * TileCount, TileCount));
    }
}
