namespace GreatModel.Tests.Support;

/// <summary>
/// Tests that measure the process-wide managed heap run alone (after the parallel ones): another test
/// allocating at the same time would be counted as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurementCollection
{
    public const string Name = "heap measurements";
}
