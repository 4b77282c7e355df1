namespace GreatModel.Kernels;

/// <summary>
/// Which functions a sweep kernel instance computes with, as a type argument (<see cref="PortableMathPath"/> or
/// <see cref="DeviceMathPath"/>): the kernel sets <see cref="SweepParameters.DeviceMath"/> from it, a constant the compiler
/// folds, so each instance holds one path. Why not the run-time field alone: a kernel holding both paths needed 87
/// registers per thread on sm_90 against 64 (half the resident warps; benchmarks/gpu/sass-count.sh).
/// </summary>
public interface IMathPath
{
    /// <summary>The instance's <see cref="SweepParameters.DeviceMath"/>. Range: 0 or 1.</summary>
    int DeviceMath { get; }
}
