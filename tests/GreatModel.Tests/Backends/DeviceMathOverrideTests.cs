using GreatModel.Backends;

namespace GreatModel.Tests.Backends;

/// <summary>GREATMODEL_DEVICE_MATH, the device check's switch between the two kernel instances on one GPU: 0, 1 or unset, nothing else.</summary>
public class DeviceMathOverrideTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("0", false)]
    [InlineData("1", true)]
    public void ReadsZeroOneOrNothing(string? value, bool? expected) => Assert.Equal(expected, IlgpuEngine.DeviceMathOverride(value));

    [Theory]
    [InlineData("2")]
    [InlineData("true")]
    [InlineData(" 1")]
    [InlineData("off")]
    public void RefusesAnythingElseNamingTheVariable(string value)
    {
        var e = Assert.Throws<OptionOutOfRangeException>(() => IlgpuEngine.DeviceMathOverride(value));
        Assert.Contains(IlgpuEngine.DeviceMathVariable, e.Message, StringComparison.Ordinal);
        Assert.Contains(value, e.Message, StringComparison.Ordinal);
    }
}
