using GreatModel.Tests.Support;

namespace GreatModel.Tests.Cli;

/// <summary><c>fit --devices</c> (#17 item 3): chains split over two CPU accelerators write the one-device file byte for byte; bad lists refused in one line.</summary>
public class MultiDeviceCliTests
{
    [Fact]
    public void TwoDevicesWriteTheOneDeviceFile()
    {
        using var dir = new TempFolder();
        string[] fit = ["fit", "--backend", "ilgpu-cpu", "--chains", "3", "--seed", "12", "--nu", "estimate", "--burn-in", "30", "--samples", "40", "-q"];
        var (code, stdout, err) = CliTests.Run([.. fit, "--devices", "1,0", "--out", dir.File("split.csv")]);
        Assert.True(code == 0, err);
        Assert.Contains("2 devices, chains split:", stdout, StringComparison.Ordinal);
        Assert.Equal(0, CliTests.Run([.. fit, "--out", dir.File("one.csv")]).Code);
        Assert.Equal(File.ReadAllBytes(dir.File("one.csv")), File.ReadAllBytes(dir.File("split.csv")));
    }

    [Theory]
    [InlineData("all", "auto", "--devices all: needs --backend cuda, opencl or ilgpu-cpu")]
    [InlineData("0,1", "cpu-fast", "--devices 0,1: needs --backend cuda, opencl or ilgpu-cpu, not cpu-fast")]
    [InlineData("0,x", "ilgpu-cpu", "'x' is not a device id")]
    [InlineData("1,1", "ilgpu-cpu", "--devices 1,1: must be distinct device ids")]
    [InlineData("0,1,2,3,4", "ilgpu-cpu", "names 5 devices for 4 chains")]
    [InlineData("1000000", "ilgpu-cpu", "--devices 1000000: ilgpu-cpu's devices are CPU accelerators numbered from 0, as many as the ids given (here 0 to 0); 1000000 is not one")]
    public void BadDeviceListsAreRefusedInOneLine(string devices, string backend, string expected)
    {
        using var dir = new TempFolder();
        var (code, _, err) = CliTests.Run("fit", "--backend", backend, "--devices", devices, "--burn-in", "5", "--samples", "5", "--out", dir.File("d.csv"));
        Assert.Equal(2, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("d.csv")));
    }
}
