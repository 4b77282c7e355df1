using GreatModel.Sampling;

namespace GreatModel.Tests.Support;

/// <summary>A draw sink that cancels its run once a given number of draws has been recorded.</summary>
internal sealed class CancelAfter(int draws, CancellationTokenSource source) : IDrawSink
{
    public void Record(int draw, ReadOnlySpan<ChainDraw> chains)
    {
        if (draw + 1 == draws) source.Cancel();
    }
}
