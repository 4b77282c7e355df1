using GreatModel.Files.Draws;
using GreatModel.Files.Durability;
using GreatModel.Files.Runs;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

/// <summary>A set of files (a run's plots) replaces the earlier set whole, or not at all.</summary>
public class AtomicFileSetTests
{
    [Fact]
    public void AFailureInTheSetLeavesEveryEarlierFileAndNoTemporary()
    {
        using var dir = new TempFolder();
        string a = dir.File("a.png", "old a"), b = dir.File("b.png", "old b");
        Assert.Throws<FileWriteException>(() => AtomicFile.WriteSetToPaths(
        [
            (a, temp => File.WriteAllText(temp, "new a")),
            (b, _ => throw new IOException("No space left on device")),
        ]));
        Assert.Equal("old a", File.ReadAllText(a)); // a was written, but not renamed over the old one
        Assert.Equal("old b", File.ReadAllText(b));
        Assert.Equal(2, Directory.GetFileSystemEntries(dir.Path).Length);
    }

    [Fact]
    public void AWholeSetReplacesTheEarlierOne()
    {
        using var dir = new TempFolder();
        string a = dir.File("a.png", "old a"), b = dir.File("b.png");
        AtomicFile.WriteSetToPaths([(a, temp => File.WriteAllText(temp, "new a")), (b, temp => File.WriteAllText(temp, "new b"))]);
        Assert.Equal("new a", File.ReadAllText(a));
        Assert.Equal("new b", File.ReadAllText(b));
        Assert.Equal(2, Directory.GetFileSystemEntries(dir.Path).Length);
    }
}
