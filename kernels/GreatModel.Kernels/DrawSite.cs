namespace GreatModel.Kernels;

/// <summary>
/// Where a device draw comes from: a Philox key (the run's seed) and the first three counter words
/// (datum, sweep, chain). The fourth word numbers the blocks used for that one draw, so the draw
/// is the same whoever computes it and whatever else is drawn.
/// </summary>
public struct DrawSite
{
    public uint Key0, Key1, Datum, Sweep, Chain;

    public DrawSite(uint key0, uint key1, uint datum, uint sweep, uint chain)
    {
        Key0 = key0;
        Key1 = key1;
        Datum = datum;
        Sweep = sweep;
        Chain = chain;
    }

    /// <summary>
    /// Block index reserved for the shape &lt; 1 boost uniform (rejection trials count up from
    /// <see cref="CounterSpace.DeviceTrialFirst"/>): <see cref="CounterSpace.GammaBoostBlock"/>.
    /// </summary>
    public const uint BoostBlock = CounterSpace.GammaBoostBlock;

    public readonly Block128 Block(uint index) =>
        Philox4x32.Generate(new Block128(Datum, Sweep, Chain, index), Key0, Key1);
}
