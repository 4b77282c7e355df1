using System.Globalization;
using GreatModel.Cli.Commands;
using GreatModel.Diagnostics;

namespace GreatModel.Tests.Cli;

/// <summary>The printed summary: the compact table fits 80 columns whatever the values, and no number is ever split.</summary>
public class SummaryTableTests
{
    private static readonly Dictionary<string, double> Truth = new() { ["mu"] = -3.14, ["sigma2"] = 30 };

    /// <summary>The README's example run.</summary>
    private static readonly ParameterSummary[] Typical =
    [
        new("mu", -2.8923, 0.29514, -3.3771, -2.8941, -2.4052, -3.4339, -2.3281, 0.0041712, 0.0024813, 5003.2, 6094.4, 1.0012),
        new("sigma2", 32.864, 2.5231, 28.941, 32.753, 37.162, 28.152, 37.483, 0.036131, 0.021934, 4803.4, 6909.1, 1.0007),
    ];

    /// <summary>Every number as long as it gets: tiny and huge magnitudes, negative, a huge ESS, a wild R-hat, NaN.</summary>
    private static readonly ParameterSummary[] Extreme =
    [
        new("mu", -1.2345678e-300, 9.8765e299, -1.2345678e-300, 0, -1.2345678e-300, -1.5e-300, 1.5e-300, 1.1e-301, 1.1e-301, 1.2345678e12, double.NaN, 123.456),
        new("sigma2", -123456.789, 0.0012345, -9.87654e-10, 1, -9.87654e10, 1, 2, 3, 4, 99999999, 12345678, double.NaN),
    ];

    public static TheoryData<string, bool> Cases => new()
    {
        { "typical", true }, { "typical", false }, { "extreme", true }, { "extreme", false },
    };

    private static string[] Lines(string table) => table.TrimEnd('\n').Split('\n');

    /// <summary>The cells of one printed row: its words, borders dropped.</summary>
    private static string[] Cells(string line) =>
        line.Split(['│', ' '], StringSplitOptions.RemoveEmptyEntries);

    private static bool IsNumber(string cell) =>
        cell is "NaN" or "inf" or "-inf" || double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheCompactTableFits80ColumnsAndKeepsEveryNumberWhole(string values, bool withTruth)
    {
        var rows = values == "typical" ? Typical : Extreme;
        var lines = Lines(SummaryTable.Render(rows, withTruth ? Truth : null, wide: false));
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        string[] header = ["parameter", "mean", "sd", "5%", "95%", "ess_bulk", "ess_tail", "r_hat", .. withTruth ? new[] { "true" } : []];
        Assert.Equal(header, Cells(lines[0]));
        Assert.Equal(1 + rows.Length, lines.Length); // one line per parameter: nothing wrapped
        for (int r = 0; r < rows.Length; r++)
        {
            var cells = Cells(lines[r + 1]);
            Assert.Equal(header.Length, cells.Length);
            Assert.Equal(rows[r].Name, cells[0]);
            Assert.All(cells.Skip(1), cell => Assert.True(IsNumber(cell), $"'{cell}' in: {lines[r + 1]}"));
        }
    }

    [Fact]
    public void TheCompactTableShowsFourSignificantDigitsWhereTheyFit()
    {
        var lines = Lines(SummaryTable.Render(Typical, Truth, wide: false));
        Assert.Equal(["mu", "-2.892", "0.2951", "-3.377", "-2.405", "5003", "6094", "1.001", "-3.140"], Cells(lines[1]));
        Assert.Equal(["sigma2", "32.86", "2.523", "28.94", "37.16", "4803", "6909", "1.001", "30.00"], Cells(lines[2]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheWideTableHasEveryColumnOnOneLinePerParameter(bool extreme)
    {
        var rows = extreme ? Extreme : Typical;
        var lines = Lines(SummaryTable.Render(rows, Truth, wide: true));
        string[] header = ["parameter", "mean", "sd", "5%", "50%", "95%", "hdi_3%", "hdi_97%", "mcse_mean", "mcse_sd", "ess_bulk", "ess_tail", "r_hat", "true"];
        var printed = lines.Where(l => l.Contains('│', StringComparison.Ordinal) || l.Contains('|', StringComparison.Ordinal)).ToArray();
        Assert.Equal(header, Cells(printed[0].Replace('|', '│')));
        Assert.Equal(1 + rows.Length, printed.Length);
        for (int r = 0; r < rows.Length; r++)
        {
            var cells = Cells(printed[r + 1].Replace('|', '│'));
            Assert.Equal(header.Length, cells.Length);
            Assert.All(cells.Skip(1), cell => Assert.True(IsNumber(cell), $"'{cell}' in: {printed[r + 1]}"));
        }
    }

    [Theory]
    [InlineData(-2.8923, "-2.892")]
    [InlineData(0.29514, "0.2951")]
    [InlineData(30, "30.00")]
    [InlineData(9.99951, "10.00")]
    [InlineData(0.01, "0.01000")]
    [InlineData(0.0099996, "0.01000")]
    [InlineData(0.0012346, "1.235e-3")]
    [InlineData(-1.2346e-5, "-1.235e-5")]
    [InlineData(123456.7, "123457")]
    [InlineData(1234567, "1.235e6")]
    [InlineData(-1.5e-300, "-1.500e-300")]
    [InlineData(0, "0")]
    [InlineData(double.NaN, "NaN")]
    public void NumbersHaveFourSignificantDigitsTrailingZerosKeptAndNoPlusSigns(double value, string expected) =>
        Assert.Equal(expected, SummaryTable.Number(value, 4));
}
