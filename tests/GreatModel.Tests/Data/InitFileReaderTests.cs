using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

/// <summary>--init FILE (#16): CmdStan-style JSON and CSV starting values, one for all chains or one per chain; every malformed file named by file, line and value.</summary>
public class InitFileReaderTests
{
    [Theory]
    [InlineData("{\"mu\": 1.5, \"sigma2\": 4}", 1)]
    [InlineData("[{\"mu\": 1.5, \"sigma2\": 4}, {\"mu\": -2, \"sigma2\": 0.5, \"nu\": 7}]", 2)]
    [InlineData("mu,sigma2\n1.5,4\n", 1)]
    [InlineData("# starts\nchain,mu,sigma2,nu\n1,1.5,4,3\n2,-2,0.5,7\n", 2)]
    [InlineData("mu\tsigma2\n1.5\t4\n", 1)]
    public void ReadsJsonAndCsv(string text, int chains)
    {
        using var dir = new TempFolder();
        var inits = InitFileReader.Read(dir.File("init", text));
        Assert.Equal(chains, inits.Count);
        Assert.Equal(1.5, inits[0].Mu);
        Assert.Equal(4, inits[0].Sigma2);
        if (chains == 2) Assert.Equal(new ChainInit(-2, 0.5, 7), inits[1]);
    }

    [Theory]
    [InlineData("{\"mu\": 1.5, \"sigma\": 4}", "unknown key 'sigma'")]
    [InlineData("{\"mu\": 1.5}", "no sigma2")]
    [InlineData("[{\"mu\": 1, \"sigma2\": 2}, 3]", "entry 2 of the array is not an object")]
    [InlineData("{\"mu\": \"one\", \"sigma2\": 2}", "mu \"one\" is not a number")]
    [InlineData("{\"mu\": 1,\n \"sigma2\": }", "line 2: not valid JSON")]
    [InlineData("[{\"mu\": 1, \"sigma2\": 2}, {\"sigma2\": 2}]", "chain 2: no mu")]
    [InlineData("mu,sigma\n1,2\n", "line 1: unknown column 'sigma'")]
    [InlineData("mu\n1\n", "no 'sigma2' column")]
    [InlineData("mu,sigma2\n1,2,3\n", "line 2: 3 cells, the header has 2")]
    [InlineData("mu,sigma2\n1,two\n", "line 2: sigma2 'two' is not a number")]
    [InlineData("chain,mu,sigma2\n2,1,2\n", "line 2: chain '2' where chain 1 was expected")]
    [InlineData("mu,sigma2\n", "no starting values")]
    [InlineData("", "no starting values")]
    [InlineData("{\"mu\": 1.5, \"mu\": 2, \"sigma2\": 4}", "mu given more than once")]
    public void MalformedFilesAreNamedByFileLineAndValue(string text, string error)
    {
        using var dir = new TempFolder();
        string path = dir.File("init", text);
        var e = Assert.Throws<InvalidInputException>(() => InitFileReader.Read(path));
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(error, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AJsonFileIsReadAsJsonWhateverItHolds()
    {
        // `null` in init.json was read as a CSV header ("unknown column 'null'").
        using var dir = new TempFolder();
        string path = dir.File("init.json", "null");
        var e = Assert.Throws<InvalidInputException>(() => InitFileReader.Read(path));
        Assert.Equal($"{path}: expected an object {{\"mu\": …, \"sigma2\": …}} or an array of them, one per chain", e.Message);
    }
}
