using ILGPU;

namespace GreatModel.Kernels;

/// <summary>Data in accelerator memory.</summary>
public readonly struct ViewSource : IDataSource
{
    private readonly ArrayView<double> _view;

    public ViewSource(ArrayView<double> view) => _view = view;

    public double this[int index] => _view[index];
}
