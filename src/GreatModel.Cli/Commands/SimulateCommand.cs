using System.Globalization;
using GreatModel.Files.Draws;
using GreatModel.Files.Durability;
using GreatModel.Files.Export;
using GreatModel.Files.Input;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Cli.Parsing;

namespace GreatModel.Cli.Commands;

internal sealed class SimulateCommand : CliCommand<SimulateCommand.Settings>
{
    /// <summary>The values of <see cref="OptionTable.Simulate"/>'s rows (each property's option, default and help are there).</summary>
    public sealed class Settings : CommandSettings
    {
        public int N { get; init; }

        public double Nu { get; init; }

        public double Mu { get; init; }

        public double Sigma2 { get; init; }

        public ulong Seed { get; init; }

        public string? Out { get; init; }
    }

    public override int Execute(Settings s, CancellationToken cancellationToken)
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
