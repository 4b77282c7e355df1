using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

/// <summary>A run record of another layout (an older GreatModel's) is refused naming its layout, not as malformed.</summary>
public class RecordFormatTests
{
    [Fact]
    public void AnOlderLayoutIsNamedAsSuch()
    {
        using var dir = new TempFolder();
        string manifest = dir.File("d.manifest.json", """{ "format": "greatmodel-shard-1", "version": "0.1.0", "seed": 1 }""");
        var e = Assert.Throws<InvalidInputException>(() => ShardManifest.Read(manifest));
        Assert.Contains($"format 'greatmodel-shard-1', not {ShardManifest.FormatName}; it was written by another GreatModel", e.Message, StringComparison.Ordinal);
        string checkpoint = dir.File("d.checkpoint.json", """{ "format": "greatmodel-checkpoint-1", "ended": true }""");
        Assert.Contains("it was written by another GreatModel", Assert.Throws<InvalidInputException>(() => CheckpointFile.Read(checkpoint)).Message, StringComparison.Ordinal);
        Assert.Contains("not a shard manifest", Assert.Throws<InvalidInputException>(() => ShardManifest.Read(dir.File("x.manifest.json", "{ not json"))).Message, StringComparison.Ordinal);
    }
}
