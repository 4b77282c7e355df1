using System.ComponentModel;
using System.Globalization;
using GreatModel.Data;
using Spectre.Console.Cli;

namespace GreatModel.Cli.Commands;

internal sealed class SimulateCommand : Command<SimulateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-n <N>")]
        [Description("Number of observations (also spelled --n).")]
        [DefaultValue(500)]
        public int N { get; init; } = 500;

        [CommandOption("--nu <NU>")]
        [DefaultValue(6.0)]
        public double Nu { get; init; } = 6;

        [CommandOption("--mu <MU>")]
        [DefaultValue(-3.14)]
        public double Mu { get; init; } = -3.14;

        [CommandOption("--sigma2 <SIGMA2>")]
        [DefaultValue(30.0)]
        public double Sigma2 { get; init; } = 30;

        [CommandOption("--seed <N>")]
        [DefaultValue(1UL)]
        public ulong Seed { get; init; } = 1;

        [CommandOption("--out <FILE>")]
        [Description("Output CSV. Default: standard output.")]
        public string? Out { get; init; }
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var x = Simulation.StudentT(s.N, s.Nu, s.Mu, s.Sigma2, s.Seed);
        string provenance = string.Create(CultureInfo.InvariantCulture,
            $"greatmodel simulate --n {s.N} --nu {s.Nu} --mu {s.Mu} --sigma2 {s.Sigma2} --seed {s.Seed}");
        if (s.Out is null) Simulation.WriteCsv(Console.Out, x, provenance);
        else AtomicFile.Write(s.Out, w => Simulation.WriteCsv(w, x, provenance));
        return 0;
    }
}
