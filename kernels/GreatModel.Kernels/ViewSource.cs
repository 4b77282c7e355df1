using ILGPU;

namespace GreatModel.Kernels;

/// <summary>Data in accelerator memory.</summary>
public readonly struct ViewSource : IDataSource
{
    private readonly ArrayView<double> _view;

    /// <summary>Reads <paramref name="view"/> in place.</summary>
    /// <param name="view">The data x_1..x_n on the accelerator.</param>
    public ViewSource(ArrayView<double> view) => _view = view;

    /// <summary>The datum at <paramref name="index"/>.</summary>
    /// <param name="index">A datum index. Range: 0 ≤ index &lt; n.</param>
    public double this[int index] => _view[index];
}
