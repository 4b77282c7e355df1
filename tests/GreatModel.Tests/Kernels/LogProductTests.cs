using GreatModel.Kernels;

namespace GreatModel.Tests.Kernels;

/// <summary>Σ log v by one logarithm per lane (<see cref="LogProduct"/>) equals the sum of the logarithms, whatever the values' range.</summary>
public class LogProductTests
{
    [Theory]
    [InlineData(1e-3, 1e3, 512)]
    [InlineData(1e-310, 1e-300, 16)] // subnormals and far outliers' 1/U
    [InlineData(1, 1e300, 512)] // a likelihood pass's factors 1 + t/ν, far outliers included
    [InlineData(0.5, 2, 1)]
    public void EqualsTheSumOfLogarithms(double lo, double hi, int count)
    {
        var rng = new System.Random(count);
        var values = Enumerable.Range(0, count).Select(_ => Math.Exp(Math.Log(lo) + (rng.NextDouble() * (Math.Log(hi) - Math.Log(lo))))).ToArray();
        var product = LogProduct.Empty;
        foreach (double v in values) product.Add(v);
        double direct = values.Sum(Math.Log);
        Assert.Equal(direct, product.Log, 1e-13 * Math.Max(1, Math.Abs(direct)) + (1e-15 * count));
    }

    [Fact]
    public void TheEmptyProductIsZero() => Assert.Equal(0.0, LogProduct.Empty.Log);

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    public void AValueWithNoFiniteLogMakesTheSumNaN(double bad)
    {
        // Never a finite wrong value: the ν draw then reports the failure (the run stops naming chain and sweep).
        var product = LogProduct.Empty;
        product.Add(2.0);
        product.Add(bad);
        product.Add(3.0);
        Assert.True(double.IsNaN(product.Log));
    }
}
