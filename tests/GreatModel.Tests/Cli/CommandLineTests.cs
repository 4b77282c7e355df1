using GreatModel.Cli.Commands;
using GreatModel.Cli.Parsing;

namespace GreatModel.Tests.Cli;

/// <summary>What the command-line check hands Spectre.Console.Cli: every value attached to its option.</summary>
public class CommandLineTests
{
    private static readonly Dictionary<string, CommandSpec> Commands = new()
    {
        ["fit"] = CommandSpec.FromSettings("fit", typeof(FitCommand.Settings)),
        ["simulate"] = CommandSpec.FromSettings("simulate", typeof(SimulateCommand.Settings)),
        ["plot"] = CommandSpec.FromSettings("plot", typeof(PlotCommand.Settings)),
    };

    [Theory]
    [InlineData("simulate --n 5 --out=--n", "simulate -n=5 --out=--n")]
    [InlineData("simulate --n=5 --seed 2", "simulate -n=5 --seed=2")]
    [InlineData("fit --data - --seed 3 -q", "fit --data=- --seed=3 --quiet")]
    [InlineData("fit --quiet false --nu 0.5", "fit --quiet=false --nu=0.5")]
    [InlineData("plot a.csv -5 --true-mu -3.14 --out:plots", "plot a.csv -5 --true-mu=-3.14 --out=plots")]
    [InlineData("fit --bogus --help", "fit --bogus --help")] // help wins, as Spectre shows it
    public void ValuesAreAttachedToTheirOptions(string line, string expected) =>
        Assert.Equal(expected.Split(' '), CommandLine.Normalize(line.Split(' '), Commands));

    [Theory]
    [InlineData("fit --Data x", "--Data: unknown option; did you mean --data?")]
    [InlineData("fit --sample 5", "--sample: unknown option; did you mean --samples?")]
    [InlineData("fit -x", "-x: unknown option")]
    [InlineData("fit --data", "--data: missing value (FILE)")]
    [InlineData("fit --data=", "--data: empty value (FILE)")]
    [InlineData("fit --quiet=maybe", "--quiet: 'maybe' is not true or false")]
    [InlineData("fit --seed 18446744073709551616", "--seed: '18446744073709551616' is too large (at most 18446744073709551615)")]
    [InlineData("fit --thin 2.5", "--thin: '2.5' is not an integer")]
    [InlineData("simulate -n 3 --n 4", "-n: given more than once")]
    [InlineData("plot", "plot: missing argument <DRAWS>")]
    [InlineData("plot -", "-: plot does not read standard input; name the file")]
    [InlineData("--seed 1", "--seed: unknown option; give a command first (commands: fit, simulate, plot)")]
    public void BadCommandLinesAreRefusedByName(string line, string expected)
    {
        var e = Assert.Throws<InvalidInputException>(() => CommandLine.Normalize(line.Split(' '), Commands));
        Assert.Equal(expected, e.Message);
    }
}
