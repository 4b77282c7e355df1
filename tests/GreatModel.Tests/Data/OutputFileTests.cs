using GreatModel.Files.Draws;
using GreatModel.Files.Durability;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

/// <summary>What the library writes over, and what it leaves behind when a write fails.</summary>
public class OutputFileTests
{
    private static InvalidInputException Refused(string path) =>
        Assert.Throws<InvalidInputException>(() => AtomicFile.CheckWritable(path, "Out"));

    [Fact]
    public void OnlyAbsentOrRegularFilesAreOutputs()
    {
        using var dir = new TempFolder();
        string data = dir.File("data.csv", "x\n1\n2\n");
        Assert.Equal(data, AtomicFile.CheckWritable(data));              // a regular file may be replaced
        Assert.Equal(dir.File("new.csv"), AtomicFile.CheckWritable(dir.File("new.csv")));
        File.CreateSymbolicLink(dir.File("link.csv"), data);
        File.CreateSymbolicLink(dir.File("dangling.csv"), dir.File("nowhere.csv"));
        Assert.Equal(0, TempMount.Run("mkfifo", dir.File("fifo")).Code);

        var link = Refused(dir.File("link.csv"));
        Assert.Equal($"{dir.File("link.csv")}: is a symbolic link (to {data}); only regular files are written, so give the file's own path or another name", link.Message);
        Assert.Equal("Out", link.RemedyOption);
        Assert.Contains("is a symbolic link", Refused(dir.File("dangling.csv")).Message, StringComparison.Ordinal);
        Assert.Equal("/dev/null: is a character device, not a regular file; only regular files are written", Refused("/dev/null").Message);
        Assert.Contains("is a symbolic link", Refused("/dev/stdout").Message, StringComparison.Ordinal);
        Assert.EndsWith("fifo: is a named pipe, not a regular file; only regular files are written", Refused(dir.File("fifo")).Message, StringComparison.Ordinal);
        Assert.EndsWith(": is a folder, not a file", Refused(dir.Path).Message, StringComparison.Ordinal);
        Assert.EndsWith("' does not exist", Refused(Path.Combine(dir.Path, "no", "d.csv")).Message, StringComparison.Ordinal);
        Assert.EndsWith($"'{data}' is a regular file, not a folder", Refused(Path.Combine(data, "d.csv")).Message, StringComparison.Ordinal);
        Assert.Equal("x\n1\n2\n", File.ReadAllText(data));
        Assert.Equal(["dangling.csv", "data.csv", "fifo", "link.csv"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/sys/d.csv", "/sys/d.csv: cannot write in the folder '/sys': ")]                     // sysfs: EACCES (EROFS where mounted read-only), even for root
    [InlineData("/proc/d.csv", "/proc/d.csv: cannot write in the folder '/proc': the file system takes no new files there")]
    public void AFolderThatTakesNoFilesIsFoundByProbing(string path, string expected)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/sys and /proc are Linux's");
        Assert.StartsWith(expected, Refused(path).Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, ".greatmodel-probe*"));
    }

    [Fact]
    public void PathsAreComparedWithLinksResolved()
    {
        using var dir = new TempFolder();
        string real = Directory.CreateDirectory(Path.Combine(dir.Path, "real")).FullName;
        string data = Path.Combine(real, "data.csv");
        File.WriteAllText(data, "1\n");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "alias"), real);
        File.CreateSymbolicLink(dir.File("data-link.csv"), "real/data.csv"); // relative to the link's folder
        string resolved = FilePaths.Resolve(data);
        Assert.Equal(resolved, FilePaths.Resolve(Path.Combine(dir.Path, "alias", "data.csv")));
        Assert.Equal(resolved, FilePaths.Resolve(dir.File("data-link.csv")));
        Assert.Equal(resolved, FilePaths.Resolve(Path.Combine(dir.Path, "alias", "..", "real", ".", "data.csv")));
        // `..` after a link leads to the parent of where the link points, as the system takes it.
        Directory.CreateDirectory(Path.Combine(real, "sub"));
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "deep"), Path.Combine(real, "sub"));
        Assert.Equal(resolved, FilePaths.Resolve(Path.Combine(dir.Path, "deep", "..", "data.csv")));
        // The part that does not exist yet is kept as written, after the resolved part.
        Assert.Equal(Path.Combine(FilePaths.Resolve(real), "new", "x.csv"), FilePaths.Resolve(Path.Combine(dir.Path, "alias", "new", "x.csv")));
        Assert.True(FilePaths.Same(data, Path.Combine(dir.Path, "alias", "data.csv")));
        Assert.False(FilePaths.Same(data, dir.File("other.csv")));
    }

    [Fact]
    public void FilesAreWrittenWhereTheSystemReadsTheirPath()
    {
        // deep/../x.csv, deep a link to real/sub, is real/x.csv to the system; the text's reading (./x.csv) wrote a file
        // the user never named.
        using var dir = new TempFolder();
        string sub = Directory.CreateDirectory(Path.Combine(dir.Path, "real", "sub")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "deep"), sub);
        string given = Path.Combine(dir.Path, "deep", "..", "x.csv");
        Assert.Equal(Path.Combine(FilePaths.Resolve(Path.Combine(dir.Path, "real")), "x.csv"), FilePaths.FullPath(given));
        AtomicFile.Write(given, w => w.Write("1\n"));
        Assert.True(File.Exists(Path.Combine(dir.Path, "real", "x.csv")));
        Assert.False(File.Exists(dir.File("x.csv")));
        // With no step up, the text's full path, a link in the last place kept as one (writers refuse to follow it).
        File.CreateSymbolicLink(dir.File("link.csv"), Path.Combine(sub, "target.csv"));
        Assert.Equal(dir.File("link.csv"), FilePaths.FullPath(dir.File("link.csv")));
        Assert.Equal(Path.GetFullPath("a/b.csv"), FilePaths.FullPath("a/b.csv"));
    }

    [Fact]
    public void AFailedWriteNamesTheFileAndLeavesNoTemporary()
    {
        using var dir = new TempFolder();
        string target = dir.File("out.csv", "precious");
        var e = Assert.Throws<FileWriteException>(() => AtomicFile.Write(target, w =>
        {
            w.Write("half");
            throw new IOException($"No space left on device : '{Path.Combine(dir.Path, ".out.csv.0123.tmp")}'");
        }));
        Assert.Equal(target, e.Path);
        Assert.Equal($"{target}: could not be written (No space left on device); an earlier file there is unchanged", e.Message);
        Assert.Equal("precious", File.ReadAllText(target));
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
        Assert.False(AtomicFile.IsFileFailure(new OptionOutOfRangeException("Chains", 0, "must be at least 1"))); // a bug stays a bug
    }

    [Fact]
    public void StaleTemporariesAreRemovedButNotLiveOnesNorOthers()
    {
        using var dir = new TempFolder();
        var hourAgo = DateTime.UtcNow.AddHours(-1);
        string stale = dir.File(".draws.csv.0123456789abcdef0123456789abcdef.tmp", "half");
        string live = dir.File(".draws_2.csv.body.fedcba9876543210fedcba9876543210.tmp", "half");
        string notOurs = dir.File(".draws.csv.tmp", "someone else's");
        string user = dir.File("notes.0123456789abcdef0123456789abcdef.tmp", "a user's file: no leading dot");
        foreach (var f in new[] { stale, live, notOurs, user }) File.SetLastWriteTimeUtc(f, hourAgo);
        string fresh = dir.File(".fresh.csv.0123456789abcdef0123456789abcdef.tmp", "perhaps a run that started with this one");

        using (new FileStream(live, FileMode.Open, FileAccess.Write, FileShare.Read)) // as a run writing it holds it
            Assert.Equal([stale], TemporaryFiles.RemoveStale(dir.Path));
        Assert.Equal(new[] { live, notOurs, fresh, user }.Order(StringComparer.Ordinal), Directory.GetFiles(dir.Path).Order(StringComparer.Ordinal));
        Assert.Equal([live], TemporaryFiles.RemoveStale(dir.Path));   // once its writer is gone, it is stale too
        Assert.Empty(TemporaryFiles.RemoveStale(Path.Combine(dir.Path, "missing")));
    }

}
