using GreatModel.Files.Draws;
using GreatModel.Files.Durability;
using GreatModel.Files.Export;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

public class DataFileReaderTests
{
    /// <summary>
    /// A file of more rows than are read before the value list is sized from the file's length: every value, in order, whether
    /// the first rows are shorter than the rest (the list then grows again) or longer (it is sized beyond what it holds).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ALongFileIsReadWhole(bool shortRowsFirst)
    {
        using var dir = new TempFolder();
        // The list is sized after 65 536 rows: rows up to 66 000 short, then long, or the other way round.
        var values = Enumerable.Range(0, 100_000).Select(i => (i < 66_000) == shortRowsFirst ? i % 10 : i * 1.0000123456789).ToArray();
        var text = "# a comment\ny\n" + string.Concat(values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "\n"));
        var data = DataFileReader.Read(dir.File("long.csv", text));
        Assert.Equal(values, data.Values);
        var grouped = DataFileReader.ReadGrouped(dir.File("g.csv", "g,y\n" + string.Concat(values.Select((v, i) => $"{(i % 2 == 0 ? "a" : "b")},{v:R}\n"))), "g", "y");
        Assert.Equal(values.Where((_, i) => i % 2 == 0), grouped.Groups[grouped.Labels.ToList().IndexOf("a")].Values);
    }

    [Fact]
    public void ReadsOneColumnWithHeaderCommentsAndBlankLines()
    {
        using var dir = new TempFolder();
        var data = DataFileReader.Read(dir.File("x.csv", "# made by hand\n  \nx\n1.5\n\n-2e3\n   \n# note\n3\n")); // lines of spaces are blank too
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
        Assert.Equal([3.0, 4.0], DataFileReader.Read(dir.File("years.csv", "2019,2020\n1,3\n2,4\n"), "2020").Values); // numbers may name columns
    }

    [Theory]
    [InlineData("x\n1\nabc\n3\n", null, "line 3: 'abc' is not a number")]
    [InlineData("x\n1\nNaN\n", null, "line 3: 'NaN' is not a finite number")]
    [InlineData("x\n1\n-Infinity\n", null, "line 3: '-Infinity' is not a finite number")]
    [InlineData("", null, "no observations (the file is empty)")]
    [InlineData("# only a comment\nx\n", null, "no observations (its only row, 'x', is not a number, so it was read as a header)")]
    [InlineData("a,b\n", "b", "no observations (the file has no data rows)")]
    [InlineData("x\n4.2\n", null, "1 observation(s); the posterior is proper only with at least 2")]
    [InlineData("x\n2\n2\n2\n", null, "all 3 observations equal 2; the posterior is improper")]
    [InlineData("a,b\n1,2\n", null, "line 1: 2 columns; pick one by name")]
    [InlineData("a,b\n1,2\n", "c", "line 1: no column named 'c' in the header (columns: a, b)")]
    [InlineData("a,b\n1,2\n3\n", "b", "line 3: 1 cells ('3') where the header has 2")]
    [InlineData("x\n1.5\n1,5\n", null, "line 3: 2 cells ('1,5') where the header has 1; a decimal comma? write decimals with a point (1.5, not 1,5)")]
    [InlineData("2.5\n1,5\n", null, "line 2: 2 cells ('1,5') where line 1 has 1; a decimal comma? write decimals with a point (1.5, not 1,5)")]
    [InlineData("1,5\n2,5\n", null, "line 1: 2 cells ('1,5') and no header; write decimals with a point (1.5, not 1,5), or add a header line and pick a column by name")]
    [InlineData("x\n\"1,5\"\n", null, "line 2: '1,5' is not a number; write decimals with a point (1.5, not 1,5)")]
    [InlineData("id,x\n1,2\n2,3,4\n", "x", "line 3: 3 cells ('2,3,4') where the header has 2")]
    [InlineData("id\tx\n1\t2,5\n", "x", "line 2: '2,5' is not a number; write decimals with a point (2.5, not 2,5)")]
    [InlineData("# made by hand\n\nid,x\tz\n", "x", "line 3: mixes tabs and commas; separate the columns with one of them")]
    [InlineData("id\tx\n1,2\n", "x", "line 2: 1 cells ('1,2') where the header has 2; tabs and commas mixed? separate the columns with one of them")]
    [InlineData("id,x\n1\t2\n", "x", "line 2: 1 cells ('1\t2') where the header has 2; tabs and commas mixed?")]
    [InlineData("x,x\n1,2\n", "x", "line 1: the header names column 'x' more than once")]
    [InlineData("# note\n\nx\n1\nfoo\n", null, "line 5: 'foo' is not a number")]
    [InlineData("x\n1\n\"2\r\n3\"\n4\n", null, "line 3: '2\\u000D\\u000A3' is not a number")] // control characters written out
    [InlineData("x\n1\n\0\n", null, "line 3: '\\u0000' is not a number")]
    [InlineData("1;2;3\n", null, "no observations (its only row, '1;2;3', is not a number, so it was read as a header)")]
    [InlineData("1\n2\n3\n", "1", "line 1: '1' is a number, not a header naming columns; a column is picked by its header's name")]
    [InlineData("id\tx\n1\t2\n\t\n", "x", "line 3: '' is not a number")] // a row of tabs is empty cells, not a blank line
    [InlineData("# a comment with a \" in it\nx\n1\n2\n", null, "line 1: a comment with a quote (\") that is not closed runs on over the lines after it")] // never swallowed unseen
    [InlineData("x\n1\n\"2\n3\n", null, "line 3: a quote opened here is never closed (the rest of the file was read into one cell)")] // a quote not closed takes the rest: said so
    [InlineData("x\n1\n2\"\n3\n", null, "line 3: a quote opened here is never closed")] // opened after a number, too
    public void BadFilesNameFileLineAndValue(string contents, string? column, string expected)
    {
        using var dir = new TempFolder();
        string path = dir.File("bad.csv", contents);
        var e = Assert.Throws<InvalidInputException>(() => DataFileReader.Read(path, column));
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    /// <summary>Every way a number is written reads as .NET's own parser reads it, bit for bit (csFastFloat first, .NET's after).</summary>
    [Fact]
    public void NumbersReadAsDotNetParsesThem()
    {
        var rng = new System.Random(12);
        string[] formats = ["R", "E3", "F2", "G17", "E16", "0.###############"];
        var cells = Enumerable.Range(0, 20_000).Select(i =>
        {
            double v = Math.Exp((rng.NextDouble() - 0.5) * 600) * (rng.Next(2) * 2 - 1);
            string text = v.ToString(formats[i % formats.Length], System.Globalization.CultureInfo.InvariantCulture);
            return (i % 7) switch { 0 => "+" + text.TrimStart('-'), 1 => text.Replace("E", "e", StringComparison.Ordinal), _ => text };
        }).Concat(["1e308", "4.9e-324", "2.2250738585072011e-308", "0.1", "-0", "1.", ".5", "007", "1E+2", "9007199254740993"]).ToArray();
        using var dir = new TempFolder();
        var data = DataFileReader.Read(dir.File("many.csv", "x\n" + string.Join("\n", cells) + "\n"));
        for (int i = 0; i < cells.Length; i++)
        {
            double expected = double.Parse(cells[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(data.Values[i]), $"'{cells[i]}': {data.Values[i]:R}, not {expected:R}");
        }
    }

    [Fact]
    public void CellsAreTrimmedOfSpacesAndInACommaFileOfTabs()
    {
        using var dir = new TempFolder();
        var data = DataFileReader.Read(dir.File("pad.csv", "# padded by hand\nid , y \n1 ,\t2\n2,  \"4\"  \n"), "y");
        Assert.Equal([2.0, 4.0], data.Values);
        // Inside quotes nothing is trimmed: " a " and a are two groups, as CsvHelper read them.
        var groups = DataFileReader.ReadGrouped(dir.File("labels.csv", "g,x\n\" a \",1\n\" a \",2\na,3\na,4\n\"b\"\"c\",5\n\"b\"\"c\",6\n"), "g", "x");
        Assert.Equal([" a ", "a", "b\"c"], groups.Labels);
    }

    [Fact]
    public void AQuoteNeverClosedIsRefusedNamingWhereItBegan()
    {
        // An open quote and then endless line breaks: the parser's row grows to its limit; said in one line, not a crash.
        var e = Assert.Throws<InvalidInputException>(() => DataFileReader.Read(new Endless('\n', header: "x\n1\n\"2"), "open"));
        Assert.StartsWith("open, after line 2: not readable as CSV (a quoted cell runs on over 16 Mi characters: a quote that is not closed?)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsTabSeparatedLikeCommaSeparated()
    {
        using var dir = new TempFolder();
        var tsv = DataFileReader.Read(dir.File("w.tsv", "# exported\nid\ty\tz\n1\t0.5\ta, b\n2\t0.7\tc\n"), "y");
        var csv = DataFileReader.Read(dir.File("w.csv", "# exported\nid,y,z\n1,0.5,\"a, b\"\n2,0.7,c\n"), "y");
        Assert.Equal([0.5, 0.7], tsv.Values);
        Assert.Equal(csv.Values, tsv.Values);
    }

    [Fact]
    public void ReadsQuotedCellsAndWindowsLineEnds()
    {
        using var dir = new TempFolder();
        Assert.Equal([1.5, -2.0], DataFileReader.Read(dir.File("q.csv", "\"x\"\r\n\"1.5\"\r\n-2\r\n")).Values);
    }

    [Fact]
    public void ReadsATextReaderUnderTheGivenName()
    {
        using var text = new StringReader("x\n1\n2\n");
        var data = DataFileReader.Read(text, "standard input");
        Assert.Equal([1.0, 2.0], data.Values);
        Assert.Equal("standard input", data.Source);
        using var bad = new StringReader("x\n1\nfoo\n");
        var e = Assert.Throws<InvalidInputException>(() => DataFileReader.Read(bad, "standard input"));
        Assert.Equal("standard input, line 3: 'foo' is not a number", e.Message);
    }

    [Fact]
    public void AFileWithNoLineBreaksIsRefusedBeforeItFillsMemory()
    {
        // /dev/zero as --data grew past 6 GB with nothing said.
        var e = Assert.Throws<InvalidInputException>(() => DataFileReader.Read(new Endless('\0'), "/dev/zero"));
        Assert.Equal("/dev/zero, line 1: longer than 8,388,608 characters with no line break; is it a text file, one row per line?", e.Message);
        e = Assert.Throws<InvalidInputException>(() => DataFileReader.Read(new Endless('7', header: "x\n1\n"), "long"));
        Assert.StartsWith("long, line 3: longer than", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LinesEndAtEveryKindOfLineBreakAndTextHasATotalLimit()
    {
        // "\r\n" one break, a lone "\r" one too (CsvHelper reads CR-only files): line 4 is the long one.
        var e = Assert.Throws<InvalidInputException>(() => new LineLengthGuard(new StringReader("ab\rcd\r\nef\nghij\n"), "t", maxLineLength: 3).ReadToEnd());
        Assert.Equal("t, line 4: longer than 3 characters with no line break; is it a text file, one row per line?", e.Message);
        Assert.Equal("ab\rcd\r\nef\n", new LineLengthGuard(new StringReader("ab\rcd\r\nef\n"), "t", maxLineLength: 3).ReadToEnd());
        e = Assert.Throws<InvalidInputException>(() => new LineLengthGuard(new StringReader("1\n2\n3\n"), "init", maxTotal: 5).ReadToEnd());
        Assert.Equal("init: more than 5 characters; is it the file meant?", e.Message);
    }

    /// <summary>A header, then one character for ever.</summary>
    private sealed class Endless(char c, string header = "") : TextReader
    {
        private int _at;

        public override int Peek() => _at < header.Length ? header[_at] : c;

        public override int Read() => _at < header.Length ? header[_at++] : c;

        public override int Read(char[] buffer, int index, int count)
        {
            for (int i = 0; i < count; i++) buffer[index + i] = (char)Read();
            return count;
        }
    }

    [Fact]
    public void AFolderIsNamed()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<InvalidInputException>(() => DataFileReader.Read(dir.Path));
        Assert.Equal($"{dir.Path}: is a folder, not a data file", e.Message);
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
        Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, w =>
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
