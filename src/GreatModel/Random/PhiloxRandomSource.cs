using GreatModel.Kernels;
using MathNet.Numerics.Random;

namespace GreatModel.Random;

/// <summary>
/// Independent host streams carved out of the same Philox key space as the device draws. Device draws
/// use counter word 3 for trial numbers (below 2^31) and 2^31 for the gamma boost; host streams use
/// 0xC0000000 and up, so no host draw can repeat a device one.
/// </summary>
public enum RandomStream : uint
{
    /// <summary>Host scalar draws (alpha2, mu, tau2) of the fast backends.</summary>
    HostScalars = 0xC0000000u,
    /// <summary>Every draw of the reference sampler.</summary>
    Reference = 0xC0000001u,
    /// <summary>Simulated data sets.</summary>
    Simulation = 0xC0000002u,
}

/// <summary>
/// A MathNet.Numerics random source over Philox4x32-10 keyed by the run's seed, for one chain and one
/// stream: chains get independent streams from one seed with no seed-collision risk.
/// </summary>
public sealed class PhiloxRandomSource : RandomSource
{
    private readonly uint _key0, _key1, _chain, _stream;
    private ulong _blockIndex;
    private Block128 _block;
    private bool _hasSecondHalf;

    public PhiloxRandomSource(ulong seed, int chain, RandomStream stream) : base(threadSafe: false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chain);
        _key0 = (uint)seed;
        _key1 = (uint)(seed >> 32);
        _chain = (uint)chain;
        _stream = (uint)stream;
    }

    /// <summary>A uniform in (0, 1) with 53 random bits; each Philox block yields two.</summary>
    protected override double DoSample()
    {
        if (_hasSecondHalf)
        {
            _hasSecondHalf = false;
            return Philox4x32.OpenUniform53(_block.X2, _block.X3);
        }
        var counter = new Block128((uint)_blockIndex, (uint)(_blockIndex >> 32), _chain, _stream);
        _blockIndex++;
        _block = Philox4x32.Generate(counter, _key0, _key1);
        _hasSecondHalf = true;
        return Philox4x32.OpenUniform53(_block.X0, _block.X1);
    }
}
