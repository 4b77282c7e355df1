using System.Reflection;
using GreatModel.Cli;
using GreatModel.Cli.Commands;
using GreatModel.Cli.Parsing;
using GreatModel.Sampling;

namespace GreatModel.Tests.Cli;

/// <summary>
/// The CLI names a library option by the flag the command declares for it, never by guessing (#28 item 4): every option of
/// <see cref="SamplerOptions"/> and <see cref="RunHooks"/> the command line can set is spelled as one of <c>fit</c>'s
/// options, and a conflict between two options names both as flags.
/// </summary>
public class CliErrorsTests
{
    /// <summary>The library's options no command line sets (a library user's only): they have no flag.</summary>
    private static readonly string[] LibraryOnly =
    [
        nameof(SamplerOptions.InitialMu), nameof(SamplerOptions.InitialAlpha2), nameof(SamplerOptions.InitialTau2),
        nameof(RunHooks.Sinks), nameof(RunHooks.Progress), nameof(RunHooks.CpuThreads), nameof(RunHooks.KeepDrawsInMemory),
        nameof(RunHooks.OverlapHostDraws), nameof(RunHooks.Checkpoint), nameof(RunHooks.MaxSweepsPerBlock),
    ];

    public static TheoryData<string> LibraryOptions() =>
        [.. typeof(SamplerOptions).GetProperties().Concat(typeof(RunHooks).GetProperties())
            .Where(p => p.SetMethod is { IsPublic: true }).Select(p => p.Name).Except(LibraryOnly)];

    [Theory]
    [MemberData(nameof(LibraryOptions))]
    public void EveryLibraryOptionTheCommandLineSetsIsSpelledAsOneOfFitsOptions(string property)
    {
        string flag = CliErrors.Flag(property);
        Assert.True(OptionTable.Fit.Any(o => o.Name == flag), $"{property} is spelled {flag}, which fit does not declare");
    }

    [Fact]
    public void EverySpelledFlagIsACommandsOption()
    {
        var declared = CommandCatalog.AllOptions.Select(o => o.Name).ToHashSet();
        foreach (string property in CliErrors.SpelledProperties)
            Assert.Contains(CliErrors.Flag(property), declared);
    }

    [Theory]
    [InlineData("column", "--column")] // the library's argument names, as C# spells them
    [InlineData("sigma2", "--sigma2")]
    [InlineData("n", "--n")] // simulate's one-letter option, as its help's examples write it
    [InlineData("BurnIn", "--burn-in")]
    [InlineData("Out", "--out")]
    public void ArgumentAndPropertyNamesAreSpelledAsTheirOptions(string name, string flag) => Assert.Equal(flag, CliErrors.Flag(name));

    [Fact]
    public void AConflictNamesBothOptionsAsFlags()
    {
        var e = Assert.Throws<OptionOutOfRangeException>(() => new SamplerOptions { EstimateNu = true, InitialNu = 5, Inits = [new(1, 2)] }.Validate());
        Assert.Equal("--init 1: comes with a single starting value for every chain too; give one or the other (--initial-nu)", CliErrors.Describe(e));
        Assert.DoesNotContain("Initial", e.Rule, StringComparison.Ordinal);
    }
}
