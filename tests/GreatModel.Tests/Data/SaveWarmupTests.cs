using System.Globalization;
using GreatModel.Files.Draws;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Data;

/// <summary>
/// --save-warmup (#16): the burn-in's draws, thinned as CmdStan thins them (sweeps 0, thin, 2·thin, …: ⌈burn-in/thin⌉),
/// lead each CmdStan file with save_warmup = 1 in the header; saving them changes no draw; every reader (ours, and
/// CmdStan's own files with save_warmup = true) leaves them out; the tidy layout refuses them.
/// </summary>
public class SaveWarmupTests
{
    private static readonly ObservedData Data = new(Simulation.StudentT(200, 6, 1, 2, seed: 3), "d");

    private static SamplerOptions Options => new() { Chains = 2, BurnIn = 10, Samples = 20, Thin = 3, Seed = 31, Backend = Backend.CpuFast };

    [Fact]
    public void WarmUpRowsLeadEachFileAndTheDrawsAreUnchanged()
    {
        using var dir = new TempFolder();
        using var sink = DrawsFileSink.Create(DrawsFormat.CmdStan, dir.File("fit.csv"), Options.Chains, new DrawsFileOptions { SaveWarmup = true });
        var warm = new WarmupRecorder();
        var fit = Sampler.Run(Data, Options, new RunHooks { Sinks = [sink, warm] });
        sink.Commit(fit);
        var lines = File.ReadAllLines(dir.File("fit_2.csv"));
        Assert.Contains("#     save_warmup = 1", lines);
        var rows = lines.Where(l => !l.StartsWith('#')).Skip(1).ToArray();
        Assert.Equal(4 + 20, rows.Length); // ⌈10 / 3⌉ warm-up rows (sweeps 0, 3, 6, 9), then the draws
        double Mu(string row) => double.Parse(row.Split(',')[2], CultureInfo.InvariantCulture);
        Assert.Equal(warm.Mu[1], rows[..4].Select(Mu));
        Assert.Equal(fit.Mu.Chain(1).ToArray(), rows[4..].Select(Mu));
        Assert.Equal(Sampler.Run(Data, Options).Mu.ToArray(), fit.Mu.ToArray()); // saving warm-up draws nothing
        Assert.Equal(fit.Mu.Chain(1).ToArray(), sink.ReadBack("mu")["mu"][1]); // the reader leaves warm-up out
    }

    /// <summary>Collects warm-up μ per chain, as a sink that asks for them sees it.</summary>
    private sealed class WarmupRecorder : IDrawSink
    {
        public List<double>[] Mu { get; } = [[], []];

        public bool RecordsWarmup => true;

        public void RecordWarmup(int draw, ReadOnlySpan<ChainDraw> chains)
        {
            Assert.Equal(Mu[0].Count, draw);
            for (int c = 0; c < chains.Length; c++) Mu[c].Add(chains[c].Mu);
        }

        public void Record(int draw, ReadOnlySpan<ChainDraw> chains) => Assert.Equal(4, Mu[0].Count); // all warm-up first
    }

    [Fact]
    public void CmdStansOwnFilesWithWarmupAreReadWithoutIt()
    {
        // As CmdStan 2.33+ writes it: save_warmup = true, a value with "(Default)", the adaptation comment between.
        using var dir = new TempFolder();
        string path = dir.File("stan.csv", """
            # model = m
            # method = sample (Default)
            #   sample
            #     num_samples = 2
            #     num_warmup = 3 (Default)
            #     save_warmup = true
            #     thin = 1 (Default)
            lp__,accept_stat__,mu,sigma2
            0,1,100,1
            0,1,101,1
            0,1,102,1
            # Adaptation terminated
            0,1,1.5,2
            0,1,2.5,3
            #  Elapsed Time: 0.001 seconds (Warm-up)
            """ + "\n");
        var draws = DrawsFileReader.Read([path], "mu", "sigma2");
        Assert.Equal([1.5, 2.5], draws["mu"][0]);
    }

    [Fact]
    public void AHeaderPromisingMoreWarmupRowsThanTheFileHoldsIsRefused()
    {
        using var dir = new TempFolder();
        string path = dir.File("short.csv", "#     num_warmup = 10\n#     save_warmup = 1\nlp__,accept_stat__,mu,sigma2\n0,0,1,1\n");
        var e = Assert.Throws<InvalidInputException>(() => DrawsFileReader.Read([path], "mu"));
        Assert.Contains("10 warm-up rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTidyLayoutRefusesWarmup()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<OptionOutOfRangeException>(() =>
            DrawsFileSink.Create(DrawsFormat.Tidy, dir.File("d.csv"), 2, new DrawsFileOptions { SaveWarmup = true }));
        Assert.Equal("SaveWarmup", e.ParamName);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
