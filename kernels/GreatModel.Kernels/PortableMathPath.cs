namespace GreatModel.Kernels;

/// <summary>The portable functions every backend shares (<see cref="SweepParameters.DeviceMath"/> = 0): ilgpu-cpu's, cpu's bits.</summary>
public readonly struct PortableMathPath : IMathPath
{
    /// <inheritdoc/>
    public int DeviceMath => 0;
}
