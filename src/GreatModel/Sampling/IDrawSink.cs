namespace GreatModel.Sampling;

/// <summary>Receives recorded draws as they are made: one call per recorded sweep, all chains at once.</summary>
public interface IDrawSink
{
    /// <summary>Takes recorded draw number <paramref name="draw"/> (0-based) of every chain, chain 0 first.</summary>
    /// <param name="draw">Draw index, 0 .. <see cref="SamplerOptions.Samples"/> − 1, increasing by one per call.</param>
    /// <param name="chains">One draw per chain; valid only during the call.</param>
    void Record(int draw, ReadOnlySpan<ChainDraw> chains);
}
