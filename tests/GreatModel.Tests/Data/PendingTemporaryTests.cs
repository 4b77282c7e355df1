using GreatModel.Files.Draws;
using GreatModel.Files.Durability;
using GreatModel.Files.Runs;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

/// <summary>
/// <see cref="TemporaryFiles.DeletePending"/> deletes every temporary file of the process, so this runs
/// alone (<see cref="SerialCollection"/>): another test's sink must not lose its files to it.
/// </summary>
[Collection(SerialCollection.Name)]
public class PendingTemporaryTests
{
    [Fact]
    public void PendingTemporariesCanBeDeletedForASignal()
    {
        using var dir = new TempFolder();
        using var sink = DrawsFileSink.Create(DrawsFormat.CmdStan, dir.File("fit.csv"), 2);
        Assert.Equal(2, Directory.GetFiles(dir.Path, ".fit_*.body.*.tmp").Length);
        var deleted = TemporaryFiles.DeletePending();
        Assert.Equal(2, deleted.Count(p => p.StartsWith(dir.Path, StringComparison.Ordinal)));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
