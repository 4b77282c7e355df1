namespace GreatModel.Kernels;

/// <summary>Data in a managed array (native CPU path; never passed to a kernel).</summary>
public readonly struct ArraySource : IDataSource
{
    private readonly double[] _data;

    /// <summary>Reads <paramref name="data"/> in place (no copy).</summary>
    /// <param name="data">The data x_1..x_n.</param>
    public ArraySource(double[] data) => _data = data;

    /// <summary>The datum at <paramref name="index"/>.</summary>
    /// <param name="index">A datum index. Range: 0 ≤ index &lt; n.</param>
    public double this[int index] => _data[index];
}
