using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

/// <summary>CmdStan file sets: written whole or not at all, each file naming its run, and read only as one whole run.</summary>
[Collection(IlgpuCollection.Name)]
public class DrawsFileSetTests
{
    /// <summary>Runs <paramref name="chains"/> chains into CmdStan files at <paramref name="path"/>; returns the run id and the draws.</summary>
    private static (string RunId, Posterior Fit) Fit(string path, int chains, ulong seed = 5)
    {
        using var sink = (CmdStanCsvSink)DrawsFileSink.Create(DrawsFormat.CmdStan, path, chains);
        var fit = Sampler.Run(TestData.Outliers, new SamplerOptions { Chains = chains, BurnIn = 5, Samples = 20, Seed = seed, Backend = Backend.Cpu },
            new RunHooks { Sinks = [sink] });
        sink.Commit(fit);
        return (sink.RunId.ToString("D"), fit);
    }

    private static string Refusal(params string[] paths) =>
        Assert.Throws<InvalidInputException>(() => DrawsFileReader.Read(paths, "mu")).Message;

    [Fact]
    public void EveryFileNamesItsRunAndTheSetIsReadInChainOrder()
    {
        using var dir = new TempFolder();
        var (run, fit) = Fit(dir.File("fit.csv"), 3);
        string[] files = [dir.File("fit_3.csv"), dir.File("fit_1.csv"), dir.File("fit_2.csv")]; // as a glob may order draws_10 before draws_2
        foreach (var (file, id) in files.Zip([3, 1, 2]))
        {
            var header = File.ReadLines(file).TakeWhile(l => l.StartsWith('#')).ToArray();
            Assert.Contains($"# id = {id}", header);
            Assert.Contains($"# run_id = {run}", header);
            Assert.Contains("# run_chains = 3", header);
        }
        Assert.Equal(fit.Mu.ToChainArrays(), DrawsFileReader.Read(files, "mu")["mu"]);
        Assert.Equal(3, Directory.GetFiles(dir.Path).Length); // no temporary left
    }

    [Fact]
    public void FilesOfTwoRunsAreRefusedNamingEachFile()
    {
        using var dir = new TempFolder();
        var (first, _) = Fit(dir.File("fit.csv"), 4);
        var (second, _) = Fit(dir.File("fit.csv"), 2, seed: 6); // fit_3.csv and fit_4.csv stay from the first run
        Assert.Equal([dir.File("fit_3.csv"), dir.File("fit_4.csv")], DrawsFileSink.LeftoverChainFiles(DrawsFormat.CmdStan, dir.File("fit.csv"), 2));
        string[] all = [.. Enumerable.Range(1, 4).Select(c => dir.File($"fit_{c}.csv"))];
        Assert.Equal(
            $"draws files from different runs: run {second}: {all[0]}, {all[1]}; run {first}: {all[2]}, {all[3]}; give the files of one run " +
            "(a run with fewer chains leaves an earlier run's higher-numbered files in place)", Refusal(all));
    }

    [Fact]
    public void AnIncompleteSetARepeatedChainAndATidyFileAmongOthersAreRefused()
    {
        using var dir = new TempFolder();
        var (run, _) = Fit(dir.File("fit.csv"), 3);
        string one = dir.File("fit_1.csv"), two = dir.File("fit_2.csv"), three = dir.File("fit_3.csv");
        Assert.Equal($"{one}, {three}: an incomplete set: run {run} has 3 chains, and chain 2 is missing; give every file of the run", Refusal(one, three));
        Assert.Contains("chains 2, 3 are missing", Refusal(one), StringComparison.Ordinal);
        Assert.Equal($"{one}, {one}: each is chain 1 of run {run}; give each chain's file once", Refusal(one, two, three, one));
        string tidy = dir.File("tidy.csv", "chain,draw,mu\n1,1,0.5\n");
        Assert.StartsWith("draws files from different runs: run ", Refusal(one, two, three, tidy), StringComparison.Ordinal);
        Assert.Equal($"{tidy}: a tidy draws file holds a whole run, so give it alone (2 files were given)", Refusal(tidy, tidy));
    }

    [Fact]
    public void FilesWithoutARunIdAreReadAsGiven()
    {
        using var dir = new TempFolder();
        var (_, fit) = Fit(dir.File("fit.csv"), 2);
        foreach (var c in new[] { 1, 2 }) // as CmdStan itself writes them: no run id
        {
            string file = dir.File($"fit_{c}.csv");
            File.WriteAllLines(file, File.ReadAllLines(file).Where(l => !l.StartsWith("# run_", StringComparison.Ordinal)));
        }
        var read = DrawsFileReader.Read([dir.File("fit_2.csv"), dir.File("fit_1.csv")], "mu")["mu"];
        Assert.Equal([fit.Mu.Chain(1).ToArray(), fit.Mu.Chain(0).ToArray()], read);
        File.WriteAllText(dir.File("odd.csv"), "# run_id = x\n# run_chains = two\nlp__,mu\n0,1\n");
        Assert.Equal($"{dir.File("odd.csv")}, line 2: run_chains 'two' is not a whole number ≥ 1", Refusal(dir.File("odd.csv")));
    }

    [Fact]
    public void ACommitThatFailsBeforeItsRenamesLeavesTheEarlierSetWhole()
    {
        using var dir = new TempFolder();
        var (first, _) = Fit(dir.File("fit.csv"), 2);
        var before = Enumerable.Range(1, 2).Select(c => File.ReadAllText(dir.File($"fit_{c}.csv"))).ToArray();
        using (var sink = DrawsFileSink.Create(DrawsFormat.CmdStan, dir.File("fit.csv"), 2))
        {
            var fit = Sampler.Run(TestData.Outliers, new SamplerOptions { Chains = 2, BurnIn = 5, Samples = 20, Seed = 9, Backend = Backend.Cpu },
                new RunHooks { Sinks = [sink] });
            File.Move(dir.File("fit_2.csv"), dir.File("kept.csv"));
            File.CreateSymbolicLink(dir.File("fit_2.csv"), "kept.csv"); // chain 2's target turns into a link mid-run
            Assert.Contains("is a symbolic link", Assert.Throws<InvalidInputException>(() => sink.Commit(fit)).Message, StringComparison.Ordinal);
        }
        Assert.Equal(before[0], File.ReadAllText(dir.File("fit_1.csv")));    // chain 1 was written but never renamed into place
        Assert.Equal(before[1], File.ReadAllText(dir.File("kept.csv")));
        Assert.Equal(["fit_1.csv", "fit_2.csv", "kept.csv"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order());
        Assert.Contains($"# run_id = {first}", File.ReadLines(dir.File("fit_1.csv")));
    }
}
