using System.Globalization;

namespace GreatModel.Model;

/// <summary>
/// Observations that give a proper posterior (MODEL.md): at least two finite values, not all equal.
/// Construction is the only check; everything downstream may rely on it.
/// </summary>
public sealed class ObservedData
{
    /// <summary>The observations, in the order given.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>Where the values came from, for messages (a file path or "built-in example").</summary>
    public string Source { get; }

    /// <summary>n, the number of observations (≥ 2).</summary>
    public int Count => _values.Length;

    private readonly double[] _values;

    /// <summary>Validates <paramref name="values"/>: at least two, all finite, not all equal.</summary>
    /// <param name="values">The observations. Range: finite doubles, n ≥ 2, not all equal.</param>
    /// <param name="source">Where they came from, for messages (a file path, "built-in example").</param>
    /// <exception cref="InvalidInputException">The values give an improper posterior or are not finite; the message names the value.</exception>
    public ObservedData(IEnumerable<double> values, string source = "data")
    {
        ArgumentNullException.ThrowIfNull(values);
        Source = source;
        _values = values.ToArray();
        for (int i = 0; i < _values.Length; i++)
        {
            if (!double.IsFinite(_values[i]))
                throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}: observation {i + 1} is {_values[i]}; every observation must be a finite number"));
        }
        if (_values.Length < 2)
            throw new InvalidInputException(
                $"{source}: {_values.Length} observation(s); the posterior is proper only with at least 2");
        if (_values.All(v => v == _values[0]))
            throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: all {_values.Length} observations equal {_values[0]}; the posterior is improper when the data have no spread"));
    }

    /// <summary>The largest group of equal values: its size k (1 when all differ) and the value (<see cref="Properness"/>).</summary>
    internal (int Count, double Value) LargestTie => (Order.LargestTieCount, Order.LargestTieValue);

    /// <summary>Median, MAD and largest tie from one sort, made when first asked for (the standardization and the properness check read it).</summary>
    internal OrderStatistics Order => _order ??= OrderStatistics.Of(_values);

    private OrderStatistics? _order;

    /// <summary>The values as an array the caller may not modify (a copy is cheap next to a fit).</summary>
    internal double[] ToArray() => (double[])_values.Clone();

    internal ReadOnlySpan<double> Span => _values;

    /// <summary>The arithmetic mean of the observations (the chains' default start for μ).</summary>
    public double Mean() => _values.Average();
}
