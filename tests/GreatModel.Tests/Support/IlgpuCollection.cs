namespace GreatModel.Tests.Support;

/// <summary>
/// Test classes that run ILGPU accelerators share one collection, so they run one after another: several
/// at once crashed the test process on the GPU machine (CUDA + PoCL), and they would only compete for
/// the same cores anyway.
/// </summary>
[CollectionDefinition(Name)]
public sealed class IlgpuCollection
{
    public const string Name = "ILGPU accelerators";
}

/// <summary>
/// Tests that measure the process-wide managed heap run alone (after the parallel ones): another test
/// allocating at the same time would be counted as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurementCollection
{
    public const string Name = "heap measurements";
}
