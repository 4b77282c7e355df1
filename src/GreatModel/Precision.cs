namespace GreatModel;

/// <summary>The precision of the per-datum χ² variates (MODEL.md step 1). The sums over the data and every scalar draw stay in double.</summary>
public enum Precision
{
    /// <summary>Double precision throughout (the default; every backend).</summary>
    Double,

    /// <summary>
    /// Single-precision χ² variates (<see cref="Kernels.SingleRandom"/>), turned into 1/U and summed in double: for
    /// GPUs, where fp32 runs at twice the fp64 rate or more. The kernel backends only (cuda, opencl, ilgpu-cpu and
    /// cpu, which keep each other's draws bit for bit), and only where the χ² is drawn loop-free: ν an integer
    /// from 1 to 15.
    /// </summary>
    Single,
}
