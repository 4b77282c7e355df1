namespace GreatModel.Kernels;

/// <summary>
/// Where a device draw comes from: a Philox key (the run's seed) and the first three counter words
/// (datum, sweep, chain). The fourth word numbers the blocks used for that one draw, so the draw
/// is the same whoever computes it and whatever else is drawn (<see cref="CounterSpace"/>).
/// </summary>
public struct DrawSite
{
    /// <summary>Low word of the Philox key (the run's seed).</summary>
    public uint Key0;

    /// <summary>High word of the Philox key.</summary>
    public uint Key1;

    /// <summary>Counter word 0: the datum's index.</summary>
    public uint Datum;

    /// <summary>Counter word 1: the sweep.</summary>
    public uint Sweep;

    /// <summary>Counter word 2: the chain's global index.</summary>
    public uint Chain;

    /// <summary>The site of one datum's draw in one sweep of one chain.</summary>
    /// <param name="key0">Low word of the key.</param>
    /// <param name="key1">High word of the key.</param>
    /// <param name="datum">The datum's index.</param>
    /// <param name="sweep">The sweep.</param>
    /// <param name="chain">The chain's global index.</param>
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

    /// <summary>Block <paramref name="index"/> of this draw: Philox at counter (datum, sweep, chain, index).</summary>
    /// <param name="index">Counter word 3: a trial number or <see cref="BoostBlock"/>.</param>
    /// <returns>The block's four random words.</returns>
    public readonly Block128 Block(uint index) =>
        Philox4x32.Generate(new Block128(Datum, Sweep, Chain, index), Key0, Key1);
}
