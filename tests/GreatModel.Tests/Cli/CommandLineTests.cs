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
            string[] line = command.Argument is null ? [command.Name] : [command.Name, "x.csv"];
            Assert.NotNull(CommandLine.Parse(line, CommandCatalog.All).Settings); // every default binds to its property's type
            foreach (var row in command.Options)
                Assert.True(command.Settings.GetProperty(row.Property) is not null, $"{command.Name} {row.Name}: no property {row.Property}");
            var spellings = command.Options.SelectMany(o => o.Spellings).Append("--help").Append("-h").ToList();
            Assert.Equal(spellings.Count, spellings.Distinct().Count()); // no spelling means two options
        }
    }
}
