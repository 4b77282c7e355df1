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
