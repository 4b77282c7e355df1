using GreatModel.Kernels;
using GreatModel.Random;

namespace GreatModel.Tests.Random;

public class PhiloxRandomSourceTests
{
    /// <summary>
    /// The host source hands out block b's two uniforms, words (0,1) then (2,3), for b = 0, 1, 2, ...
    /// whatever its batching; across the 2^32 boundary the counter's high word carries.
    /// </summary>
    [Theory]
    [InlineData(0UL)]
    [InlineData(0xFFFF_FFFAUL)]
    public void HandsOutEachBlocksUniformsInCounterOrder(ulong firstBlock)
    {
        var source = new PhiloxRandomSource(0x0123_4567_89AB_CDEFUL, 5, RandomStream.Reference, firstBlock);
        for (ulong b = firstBlock; b < firstBlock + 37; b++)
        {
            var block = Philox4x32.Generate(new Block128((uint)b, (uint)(b >> 32), 5, (uint)RandomStream.Reference), 0x89AB_CDEF, 0x0123_4567);
            Assert.Equal(Philox4x32.OpenUniform53(block.X0, block.X1), source.NextDouble());
            Assert.Equal(Philox4x32.OpenUniform53(block.X2, block.X3), source.NextDouble());
        }
    }
}
