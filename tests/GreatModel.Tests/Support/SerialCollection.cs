namespace GreatModel.Tests.Support;

/// <summary>Tests that act on the whole process (its temporary files) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial";
}
