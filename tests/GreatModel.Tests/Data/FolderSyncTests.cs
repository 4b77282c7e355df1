using GreatModel.Files.Durability;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

/// <summary>The folder fsync after a rename is best effort: it never throws, whatever the folder (a commit does not fail on it).</summary>
public class FolderSyncTests
{
    [Fact]
    public void FlushingAFolderNeverThrows()
    {
        using var dir = new TempFolder();
        FolderSync.Flush(dir.Path);
        FolderSync.Flush(Path.Combine(dir.Path, "missing"));
        FolderSync.Flush(dir.File("a-file.txt", "x"));
        AtomicFile.Write(dir.File("committed.txt"), w => w.Write("whole")); // the commit path that calls it
        Assert.Equal("whole", File.ReadAllText(dir.File("committed.txt")));
    }
}
