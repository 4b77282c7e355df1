namespace GreatModel.Kernels;

/// <summary>Data in a managed array (native CPU path; never passed to a kernel).</summary>
public readonly struct ArraySource : IDataSource
{
    private readonly double[] _data;

    public ArraySource(double[] data) => _data = data;

    public double this[int index] => _data[index];
}
