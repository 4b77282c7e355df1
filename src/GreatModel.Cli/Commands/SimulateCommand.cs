using System.ComponentModel;
using System.Globalization;
using GreatModel.Files.Draws;
using GreatModel.Files.Durability;
using GreatModel.Files.Export;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;
using GreatModel.Model;
using Spectre.Console.Cli;

namespace GreatModel.Cli.Commands;

internal sealed class SimulateCommand : Command<SimulateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-n <N>")]
        [Description("Number of observations (also spelled --n).")]
        [DefaultValue(ExampleData.N)]
        public int N { get; init; } = ExampleData.N;

        [CommandOption("--nu <NU>")]
        [DefaultValue(ExampleData.Nu)]
        public double Nu { get; init; } = ExampleData.Nu;

        [CommandOption("--mu <MU>")]
        [DefaultValue(ExampleData.TrueMu)]
        public double Mu { get; init; } = ExampleData.TrueMu;

        [CommandOption("--sigma2 <SIGMA2>")]
        [DefaultValue(ExampleData.TrueSigma2)]
        public double Sigma2 { get; init; } = ExampleData.TrueSigma2;

        [CommandOption("--seed <N>")]
        [DefaultValue(ExampleData.Seed)]
        public ulong Seed { get; init; } = ExampleData.Seed;

        [CommandOption("--out <FILE>")]
        [Description("Output CSV (a regular file). Default, or -: standard output.")]
        public string? Out { get; init; }
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        if (s.Nu > SamplerOptions.MaxNu) // fit would refuse it: simulate never writes data only for a ν fit cannot take
            throw new OptionOutOfRangeException(nameof(s.Nu), s.Nu, "must be at most 1e6, the largest nu fit takes (beyond it the t is the normal to about 1e-6)");
        var x = Simulation.StudentT(s.N, s.Nu, s.Mu, s.Sigma2, s.Seed);
        string provenance = string.Create(CultureInfo.InvariantCulture,
            $"greatmodel simulate --n {s.N} --nu {s.Nu} --mu {s.Mu} --sigma2 {s.Sigma2} --seed {s.Seed}");
        if (s.Out is null or DataFileReader.StandardInputPath)
        {
            try
            {
                using var output = StandardOutputStream.Open();
                Simulation.WriteCsv(output, x, provenance);
            }
            catch (IOException e)
            {
                throw new IOException($"standard output: {e.Message.TrimEnd('.')} (its reader closed it before the data were all written)", e); // exit 4
            }
            return 0;
        }
        new OutputPlan().File(nameof(s.Out), s.Out).Check();
        AtomicFile.Write(s.Out, w => Simulation.WriteCsv(w, x, provenance));
        return 0;
    }
}
