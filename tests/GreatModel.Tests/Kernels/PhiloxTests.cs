using GreatModel.Kernels;

namespace GreatModel.Tests.Kernels;

public class PhiloxTests
{
    // Random123 kat_vectors, philox4x32 with 10 rounds: counter, key, expected output.
    [Theory]
    [InlineData(0u, 0u, 0u, 0u, 0u, 0u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void MatchesRandom123KnownAnswers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint e0, uint e1, uint e2, uint e3)
    {
        var r = Philox4x32.Generate(new Block128(c0, c1, c2, c3), k0, k1);
        Assert.Equal([e0, e1, e2, e3], new[] { r.X0, r.X1, r.X2, r.X3 });
    }

    [Fact]
    public void UniformsStayInsideTheOpenInterval()
    {
        Assert.True(Philox4x32.OpenUniform53(0, 0) > 0);
        Assert.True(Philox4x32.OpenUniform53(uint.MaxValue, uint.MaxValue) < 1);
        Assert.True(Philox4x32.OpenUniform32(0) > 0);
        Assert.True(Philox4x32.OpenUniform32(uint.MaxValue) < 1);
    }
}
