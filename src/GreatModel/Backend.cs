namespace GreatModel;

/// <summary>
/// Which implementation runs the sweeps. Every value but <see cref="Auto"/> has one descriptor in
/// <see cref="Backends.BackendRegistry"/> (its CLI name, help line, availability and engine).
/// </summary>
public enum Backend
{
    /// <summary>Not a backend: pick the fastest for the run's size, cpu-fast or a GPU (<see cref="Backends.BackendRegistry.ResolveWithReason"/>).</summary>
    Auto,

    /// <summary>The readable one-chain-at-a-time oracle: every draw from MathNet.Numerics.</summary>
    Reference,

    /// <summary>The kernel code run natively on all cores (Parallel.For over chains × tiles).</summary>
    Cpu,

    /// <summary>
    /// The native CPU path with its own random streams (xoshiro256++, ziggurat normals): the fastest on a
    /// CPU, but its draws differ from the other backends' (same seed and options: same draws on any machine).
    /// </summary>
    CpuFast,

    /// <summary>The kernel code through ILGPU's CPU accelerator.</summary>
    IlgpuCpu,

    /// <summary>ILGPU on an NVIDIA GPU.</summary>
    Cuda,

    /// <summary>ILGPU on an OpenCL 2.0+ device with generic address space.</summary>
    OpenCL,
}
