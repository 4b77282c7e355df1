using System.Globalization;

namespace GreatModel;

/// <summary>Which implementation runs the sweeps (MathNet-style providers behind one contract).</summary>
public enum Backend
{
    /// <summary>CUDA, then OpenCL, then the native CPU path: the first one available.</summary>
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

/// <summary>How to run the sampler. Defaults follow the talk's workload (ν = 6, 2000 + 2000 sweeps).</summary>
public sealed record SamplerOptions
{
    /// <summary>Degrees of freedom ν of the Student-t likelihood (known, &gt; 0).</summary>
    public double Nu { get; init; } = 6;

    public int Chains { get; init; } = 4;

    /// <summary>Sweeps run and discarded before recording.</summary>
    public int BurnIn { get; init; } = 2000;

    /// <summary>Recorded draws per chain.</summary>
    public int Samples { get; init; } = 2000;

    /// <summary>Sweeps per recorded draw (the last sweep of each block of <c>Thin</c> is kept).</summary>
    public int Thin { get; init; } = 1;

    /// <summary>Seed of every random stream; null draws a fresh one (reported in the result).</summary>
    public ulong? Seed { get; init; }

    public Backend Backend { get; init; } = Backend.Auto;

    /// <summary>Starting mu; null starts at the data mean.</summary>
    public double? InitialMu { get; init; }

    public double InitialAlpha2 { get; init; } = 1;

    public double InitialTau2 { get; init; } = 1;

    /// <summary>Total sweeps run per chain.</summary>
    public long TotalSweeps => BurnIn + (long)Samples * Thin;

    /// <summary>Throws <see cref="InvalidInputException"/> naming the first bad option.</summary>
    public void Validate()
    {
        if (!double.IsFinite(Nu) || Nu <= 0) Fail("nu", Nu, "must be a finite number > 0");
        if (Chains < 1) Fail("chains", Chains, "must be at least 1");
        if (Samples < 1) Fail("samples", Samples, "must be at least 1");
        if (BurnIn < 0) Fail("burn-in", BurnIn, "must be 0 or more");
        if (Thin < 1) Fail("thin", Thin, "must be at least 1");
        if (TotalSweeps > uint.MaxValue) Fail("samples", Samples, $"burn-in + samples × thin must stay below {uint.MaxValue} sweeps");
        if (InitialMu is { } mu && !double.IsFinite(mu)) Fail("initial mu", mu, "must be finite");
        if (!double.IsFinite(InitialAlpha2) || InitialAlpha2 <= 0) Fail("initial alpha2", InitialAlpha2, "must be a finite number > 0");
        if (!double.IsFinite(InitialTau2) || InitialTau2 <= 0) Fail("initial tau2", InitialTau2, "must be a finite number > 0");
    }

    private static void Fail(string option, double value, string rule) =>
        throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture, $"--{option} {value}: {rule}"));
}
