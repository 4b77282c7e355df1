namespace GreatModel.Kernels;

/// <summary>Read access to the data, so the same lane code runs over an ArrayView or a managed array.</summary>
public interface IDataSource
{
    double this[int index] { get; }
}
