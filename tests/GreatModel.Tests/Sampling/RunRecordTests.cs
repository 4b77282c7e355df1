using System.Reflection;
using System.Text.Json;
using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Sampling;

namespace GreatModel.Tests.Sampling;

/// <summary>
/// The run record (#28 item 1) is the one description of a run: every option of <see cref="SamplerOptions"/> is in it (a
/// new option that is not fails here), a change of any option changes it, and its views (checkpoint, manifest, summary,
/// CmdStan header) are made from it.
/// </summary>
public class RunRecordTests
{
    private static readonly ObservedData Data = new([1.0, 2.5, 3.0, 4.75, 10.0], "test data");

    /// <summary>The record of a run of <paramref name="options"/>, auto resolved to cpu (a record names the backend that ran).</summary>
    private static RunRecord Record(SamplerOptions options) =>
        RunRecord.Of([(null, Data)], grouped: false, Data.Source, options, options.Backend == Backend.Auto ? Backend.Cpu : options.Backend);

    /// <summary>The options a user can set: public properties with a setter (init), not the derived ones.</summary>
    private static PropertyInfo[] SettableOptions() =>
        [.. typeof(SamplerOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true })];

    [Fact]
    public void EveryOptionIsAFieldOrARowOfTheSettingsTable()
    {
        var recorded = RunRecord.OptionsRecordedAsFields.Concat(RunRecord.OptionsRecordedAsSettings).ToHashSet();
        foreach (var option in SettableOptions())
            Assert.True(recorded.Contains(option.Name), $"SamplerOptions.{option.Name} is not in the run record: add it to RunRecord's settings table (or its fields)");
        Assert.Empty(recorded.Except(SettableOptions().Select(p => p.Name))); // and the table names no option that is gone
    }

    public static TheoryData<string> Options() => [.. SettableOptions().Select(p => p.Name)];

    /// <summary>Each option changed alone, from ν fixed and from ν estimated: the record differs in at least one of the two.</summary>
    [Theory]
    [MemberData(nameof(Options))]
    public void ChangingAnOptionChangesTheRecord(string name)
    {
        var property = typeof(SamplerOptions).GetProperty(name)!;
        var fixedNu = new SamplerOptions { Seed = 5, Chains = 3 };
        var estimated = fixedNu with { EstimateNu = true };
        bool changed = false;
        foreach (var options in new[] { fixedNu, estimated })
        {
            var other = options with { };
            property.SetValue(other, Changed(property.PropertyType, property.GetValue(options)));
            if (Record(options).FirstDifference(Record(other)) is not null) changed = true;
        }
        Assert.True(changed, $"changing SamplerOptions.{name} leaves the run record as it was");
    }

    /// <summary>Another value of an option's type than <paramref name="value"/>.</summary>
    private static object Changed(Type type, object? value)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(double)) return value is double d ? d + 1.5 : 3.25;
        if (underlying == typeof(int)) return value is int i ? i + 1 : 7;
        if (underlying == typeof(ulong)) return value is ulong u ? u + 1 : 9UL;
        if (underlying == typeof(bool)) return value is not true;
        if (underlying.IsEnum) return Enum.GetValues(underlying).Cast<object>().First(v => !v.Equals(value));
        if (underlying == typeof(NuPrior)) return new NuPrior(3, 0.25);
        if (underlying == typeof(IReadOnlyList<ChainInit>)) return new List<ChainInit> { new(1, 2, 4) };
        throw new InvalidOperationException($"no other value of {type} known to this test: teach Changed one");
    }

    [Fact]
    public void TheRecordRoundTripsThroughEveryFileThatHoldsIt()
    {
        using var dir = new Support.TempFolder();
        var options = new SamplerOptions { Seed = 11, EstimateNu = true, NuPrior = NuPrior.Exponential(0.05), Thin = 2, Inits = [new(1, 2, 3)], Chains = 1 };
        var record = Record(options);
        var manifest = new ShardManifest { Run = record, DrawsFile = "d.csv", Columns = "a,b", DrawsPerChain = 3, DrawsSha256 = "" };
        string path = dir.File("d.manifest.json");
        manifest.Write(path);
        Assert.Null(ShardManifest.Read(path).Run.FirstDifference(record));
        // The summary's entry: flat, typed.
        var json = JsonDocument.Parse(record.ToJson().ToJsonString()).RootElement;
        Assert.Equal(11UL, json.GetProperty("seed").GetUInt64());
        Assert.Equal("estimated", json.GetProperty("nu").GetString());
        Assert.Equal("exponential(0.05)", json.GetProperty("nu_prior").GetString());
        Assert.Equal(2, json.GetProperty("thin").GetInt32());
        Assert.Equal(record.DataSha256, json.GetProperty("data_sha256").GetString());
    }

    [Fact]
    public void ADifferenceIsNamedByItsEntry()
    {
        var options = new SamplerOptions { Seed = 5 };
        Assert.Equal(("thin", "1", "2"), Record(options).FirstDifference(Record(options with { Thin = 2 })));
        Assert.Null(Record(options).FirstDifference(Record(options with { Samples = 9 }), "samples"));
        Assert.Equal("setting thin = 2", RunRecord.Describe("thin", "2"));
        Assert.Equal("seed 6", RunRecord.Describe("seed", "6"));
        // The data: one value changed is another hash.
        var other = RunRecord.Of([(null, new ObservedData([1.0, 2.5, 3.0, 4.75, 10.5], "x"))], grouped: false, "x", options, Backend.Cpu);
        Assert.Equal("data_sha256", Record(options).FirstDifference(other, "data_source")!.Value.Key);
    }

    [Fact]
    public void AResumedRunThatDiffersIsRefusedNamingTheSetting()
    {
        var options = new SamplerOptions { Seed = 3, Chains = 2, BurnIn = 4, Samples = 6, Backend = Backend.CpuFast };
        RunCheckpoint? last = null;
        Sampler.Run(Data, options, new RunHooks { Checkpoint = c => last = c, CheckpointEvery = TimeSpan.FromTicks(1), MaxSweepsPerBlock = 1 });
        Assert.NotNull(last);
        var e = Assert.Throws<OptionOutOfRangeException>(() => Sampler.Run(Data, options with { Thin = 2, Samples = 3 }, new RunHooks { ResumeFrom = last }));
        Assert.Contains("was made by another run: its setting thin = 1, this run's setting thin = 2", e.Message, StringComparison.Ordinal);
        // More samples extend it.
        Assert.Equal(8, Sampler.Run(Data, options with { Samples = 8 }, new RunHooks { ResumeFrom = last }).DrawsPerChain);
    }

    [Fact]
    public void ACmdStanFileCarriesTheRecordLineByLine()
    {
        using var dir = new Support.TempFolder();
        var options = new SamplerOptions { Seed = 3, Chains = 1, BurnIn = 4, Samples = 6, Backend = Backend.CpuFast };
        using var sink = DrawsFileSink.Create(DrawsFormat.CmdStan, dir.File("c.csv"), 1);
        var fit = Sampler.Run(Data, options, new RunHooks { Sinks = [sink] });
        sink.Commit(fit);
        var header = File.ReadLines(dir.File("c_1.csv")).TakeWhile(l => l.StartsWith('#')).ToList();
        foreach (var (key, value) in fit.Record.Entries()) Assert.Contains($"# greatmodel_{key} = {value}", header);
    }
}
