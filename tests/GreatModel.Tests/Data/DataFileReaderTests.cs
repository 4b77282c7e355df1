using GreatModel.Data;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

public class DataFileReaderTests
{
    [Fact]
    public void ReadsOneColumnWithHeaderCommentsAndBlankLines()
    {
        using var dir = new TempFolder();
        var data = DataFileReader.Read(dir.File("x.csv", "# made by hand\nx\n1.5\n\n-2e3\n# note\n3\n"));
        Assert.Equal([1.5, -2000, 3], data.Values);
    }

    [Fact]
    public void ReadsHeaderlessPlainText()
    {
        using var dir = new TempFolder();
        Assert.Equal([1.0, 2.0], DataFileReader.Read(dir.File("x.txt", "1\n2\n")).Values);
    }

    [Fact]
    public void ReadsANamedColumnOfAWiderCsv()
    {
        using var dir = new TempFolder();
        var data = DataFileReader.Read(dir.File("w.csv", "id,y,z\n1,0.5,a\n2,0.7,b\n"), "y");
        Assert.Equal([0.5, 0.7], data.Values);
    }

    [Theory]
    [InlineData("x\n1\nabc\n3\n", null, "line 3: 'abc' is not a number")]
    [InlineData("x\n1\nNaN\n", null, "line 3: 'NaN' is not a finite number")]
    [InlineData("x\n1\n-Infinity\n", null, "line 3: '-Infinity' is not a finite number")]
    [InlineData("", null, "no observations (the file is empty)")]
    [InlineData("# only a comment\nx\n", null, "no observations (the file has no data rows)")]
    [InlineData("x\n4.2\n", null, "1 observation(s); the posterior is proper only with at least 2")]
    [InlineData("x\n2\n2\n2\n", null, "all 3 observations equal 2; the posterior is improper")]
    [InlineData("a,b\n1,2\n", null, "line 1: 2 columns; name the one to use with --column NAME")]
    [InlineData("a,b\n1,2\n", "c", "line 1: no column named 'c' in the header (columns: a, b)")]
    [InlineData("a,b\n1,2\n3\n", "b", "line 3: has 1 cells, no column 2 ('b')")]
    public void BadFilesNameFileLineAndValue(string contents, string? column, string expected)
    {
        using var dir = new TempFolder();
        string path = dir.File("bad.csv", contents);
        var e = Assert.Throws<InvalidInputException>(() => DataFileReader.Read(path, column));
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        var e = Assert.Throws<InvalidInputException>(() => DataFileReader.Read("/no/such/file.csv"));
        Assert.Equal("/no/such/file.csv: no such file", e.Message);
    }

    [Fact]
    public void AtomicWriteLeavesTheOldFileWhenWritingFails()
    {
        using var dir = new TempFolder();
        string path = dir.File("draws.csv", "old contents");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, w =>
        {
            w.Write("half of the new");
            throw new IOException("disk full");
        }));
        Assert.Equal("old contents", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void SimulationMatchesTheShippedExample()
    {
        var x = Simulation.StudentT(ExampleData.N, ExampleData.Nu, ExampleData.TrueMu, ExampleData.TrueSigma2, ExampleData.Seed);
        Assert.Equal(x, ExampleData.Load().Values);
    }
}
