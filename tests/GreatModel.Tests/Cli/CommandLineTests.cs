using GreatModel.Cli.Commands;
using GreatModel.Cli.Parsing;

namespace GreatModel.Tests.Cli;

/// <summary>The command line read by the option table's rows: values, defaults, spellings, and every problem by name.</summary>
public class CommandLineTests
{
    private static CommandSettings Read(string line) => CommandLine.Parse(line.Split(' '), CommandCatalog.All).Settings!;

    [Fact]
    public void ValuesReachTheirPropertiesWhateverTheirSpelling()
    {
        var simulate = (SimulateCommand.Settings)Read("simulate --n 5 --out=--n --mu -3.5 --seed:2");
        Assert.Equal((5, "--n", -3.5, 2UL), (simulate.N, simulate.Out, simulate.Mu, simulate.Seed));
        Assert.Equal(6, simulate.Nu); // the row's default
        Assert.Equal(5, ((SimulateCommand.Settings)Read("simulate -n 5")).N);

        var fit = (FitCommand.Settings)Read("fit --data - --seed 3 -q --nu 0.5");
        Assert.Equal(("-", 3UL, true, "0.5", 4, "draws.csv"), (fit.Data, fit.Seed, fit.Quiet, fit.Nu, fit.Chains, fit.Out));
        Assert.Equal(["--data", "--nu", "--quiet", "--seed"], fit.Given.Order());
        Assert.False(((FitCommand.Settings)Read("fit --quiet false")).Quiet);
        Assert.True(((FitCommand.Settings)Read("fit -q --wide")).Wide);

        var plot = (PlotCommand.Settings)Read("plot a.csv -5 --true-mu -3.14 --out:plots -- --b.csv");
        Assert.Equal(["a.csv", "-5", "--b.csv"], plot.Draws); // after "--", a name that starts with '-' is a file
        Assert.Equal((-3.14, "plots"), (plot.TrueMu, plot.Out));
    }

    [Theory]
    [InlineData("fit --bogus --help")] // help wins
    [InlineData("bogus --help")] // an unknown command's: the program's help
    [InlineData("fit -qh")] // in a cluster of flags
    [InlineData("fit --help=true")]
    [InlineData("fit --out --help")] // where it would be a value
    [InlineData("fit -h")]
    [InlineData("--help")]
    [InlineData("")]
    public void HelpWinsOverEveryProblem(string line) =>
        Assert.True(CommandLine.Parse(line.Length == 0 ? [] : line.Split(' '), CommandCatalog.All).Help);

    [Theory]
    [InlineData("fit --Data x", "--Data: unknown option; did you mean --data?")]
    [InlineData("fit --sample 5", "--sample: unknown option; did you mean --samples?")]
    [InlineData("fit -x", "-x: unknown option")]
    [InlineData("fit --data", "--data: missing value (FILE)")]
    [InlineData("fit --data --seed 1", "--data: missing value (FILE); if '--seed' is the value, write --data=--seed")]
    [InlineData("fit --data=", "--data: empty value (FILE)")]
    [InlineData("fit --quiet=maybe", "--quiet: 'maybe' is not true or false")]
    [InlineData("fit --seed 18446744073709551616", "--seed: '18446744073709551616' is too large (at most 18446744073709551615)")]
    [InlineData("fit --thin 2.5", "--thin: '2.5' is not an integer")]
    [InlineData("fit @args.txt", "@args.txt: unexpected argument (fit takes options only)")] // no response files
    [InlineData("simulate -n 3 --n 4", "--n: given more than once")]
    [InlineData("fit --out= --data mine.csv", "--out: empty value (FILE)")] // not --out "--data" and the example's data
    [InlineData("simulate --mu= 5", "--mu: empty value (MU)")]
    [InlineData("fit --log-lik yes", "--log-lik: 'yes' is not true or false (a flag needs no value)")]
    [InlineData("fit --h", "--h: unknown option; did you mean --help?")]
    [InlineData("fit --q", "--q: unknown option; did you mean --quiet?")] // the one option it begins
    [InlineData("fit --chian 3", "--chian: unknown option; did you mean --chains?")] // a swap is one edit
    [InlineData("--version bogus", "bogus: unexpected argument (--version takes none)")]
    [InlineData("merge shard1", "--out: give the folder the merged run goes into")] // a required option, with the other problems
    [InlineData("fit --chains \u001b[2J", "--chains: '\\u001B[2J' is not an integer")] // a control character is shown, not sent to the terminal
    [InlineData("fit --out --chians 8 --quiet", "--out: missing value (FILE); if '--chians' is the value, write --out=--chians")] // not a file named --chians
    [InlineData("fit --out -v", "--out: missing value (FILE); if '-v' is the value, write --out=-v")]
    [InlineData("simulate --n 5 5", "5: unexpected argument (simulate takes options only)")] // a stray word equal to a value is still stray
    [InlineData("simulate -n5 stray", "stray: unexpected argument (simulate takes options only)")]
    [InlineData("summary --wdie d.csv", "--wdie: unknown option; did you mean --wide?")] // d.csv may be its value: no "missing argument"
    [InlineData("plot", "plot: missing argument <DRAWS>")]
    [InlineData("plot -", "-: plot does not read standard input; name the file")]
    [InlineData("export a.csv b.csv --out x.zarr", "b.csv: unexpected argument (export takes 1 argument)")]
    [InlineData("--seed 1", "--seed: unknown option; give a command first (commands: fit, simulate, plot, summary, export, merge, bench, devices)")]
    [InlineData("fitt", "fitt: unknown command; did you mean fit? (commands: fit, simulate, plot, summary, export, merge, bench, devices)")]
    public void BadCommandLinesAreRefusedByName(string line, string expected)
    {
        var e = Assert.Throws<CommandLineException>(() => CommandLine.Parse(line.Split(' '), CommandCatalog.All));
        Assert.Equal([expected], e.Problems);
    }

    [Fact]
    public void AnArgumentEqualToAnOptionsValueIsStillAnArgument()
    {
        Assert.Equal("d.csv", ((ExportCommand.Settings)Read("export --data d.csv d.csv --out x.zarr")).Draws);
        Assert.Equal(["d.csv", "d.csv"], ((SummaryCommand.Settings)Read("summary --summary d.csv d.csv d.csv")).Draws);
    }

    [Fact]
    public void ARowWithoutADefaultForAPropertyThatCannotBeEmptyIsAnError()
    {
        var table = CommandTable.Of<NeedsAValue, NeedsAValue.Settings>("needs", "A command whose row has no default.",
            [new OptionRow { Name = "--count", ValueName = "N", Property = nameof(NeedsAValue.Settings.Count), Help = "A count." }]);
        Assert.Equal(3, ((NeedsAValue.Settings)CommandLine.Parse(["needs", "--count", "3"], [table]).Settings!).Count);
        var e = Assert.Throws<InvalidOperationException>(() => CommandLine.Parse(["needs"], [table])); // not a silent 0
        Assert.Contains("--count", e.Message, StringComparison.Ordinal);
    }

    private sealed class NeedsAValue : CliCommand<NeedsAValue.Settings>
    {
        public sealed class Settings : CommandSettings
        {
            public int Count { get; init; }
        }

        public override int Execute(Settings settings, CancellationToken cancellationToken) => 0;
    }

    [Fact]
    public void EveryProblemIsToldAtOnceInTheLinesOrder()
    {
        var e = Assert.Throws<CommandLineException>(() => CommandLine.Parse("fit --dat x --seed -1 --quiet=maybe --chains 2 --chains 3 extra".Split(' '), CommandCatalog.All));
        Assert.Equal(
            ["--dat: unknown option; did you mean --data?", "--seed: '-1' is not a non-negative integer", "--quiet: 'maybe' is not true or false",
             "--chains: given more than once", "extra: unexpected argument (fit takes options only)"],
            e.Problems);
    }

    [Fact]
    public void EveryRowFillsAPropertyOfItsCommandsSettingsAndItsDefaultReadsAsItsType()
    {
        foreach (var command in CommandCatalog.All)
        {
            string[] line = [command.Name, .. command.Argument is null ? [] : new[] { "x.csv" },
                .. command.Options.Where(o => o.Required is not null).SelectMany(o => new[] { o.Name, "x" })];
            Assert.NotNull(CommandLine.Parse(line, CommandCatalog.All).Settings); // every default binds to its property's type
            foreach (var row in command.Options)
                Assert.True(command.Settings.GetProperty(row.Property) is not null, $"{command.Name} {row.Name}: no property {row.Property}");
            var spellings = command.Options.SelectMany(o => o.Spellings).Append("--help").Append("-h").ToList();
            Assert.Equal(spellings.Count, spellings.Distinct().Count()); // no spelling means two options
        }
    }
}
