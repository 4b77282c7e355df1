namespace GreatModel.Kernels;

/// <summary>CUDA's device path (<see cref="SweepParameters.DeviceMath"/> = 1): the hardware's approximations, refined where double precision needs it.</summary>
public readonly struct DeviceMathPath : IMathPath
{
    /// <inheritdoc/>
    public int DeviceMath => 1;
}
