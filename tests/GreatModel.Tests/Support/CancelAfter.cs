using GreatModel.Sampling;

namespace GreatModel.Tests.Support;

/// <summary>A draw sink that cancels its run once a given number of draws has been recorded.</summary>
internal sealed class CancelAfter(int draws, CancellationTokenSource source) : IDrawSink
{
    /// <summary>Draws recorded so far (per chain).</summary>
    public int Recorded { get; private set; }

    public void Record(int draw, ReadOnlySpan<ChainDraw> chains)
    {
        Recorded = draw + 1;
        if (draw + 1 == draws) source.Cancel();
    }
}
