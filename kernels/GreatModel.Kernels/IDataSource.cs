namespace GreatModel.Kernels;

/// <summary>Read access to the data, so the same lane code runs over an ArrayView or a managed array.</summary>
public interface IDataSource
{
    /// <summary>The datum at <paramref name="index"/>.</summary>
    /// <param name="index">A datum index. Range: 0 ≤ index &lt; n.</param>
    double this[int index] { get; }
}
