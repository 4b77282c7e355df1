using System.Globalization;

namespace GreatModel.Cli.Commands;

/// <summary>The <c>--nu</c> option (a number, or <c>estimate</c>) and the options that only an estimated ν takes.</summary>
internal static class NuOptions
{
    /// <summary>The word that makes ν a parameter.</summary>
    public const string Estimate = "estimate";

    /// <summary>The options that only an estimated ν takes, as given (null: not given).</summary>
    /// <param name="Prior">--nu-prior.</param>
    /// <param name="Min">--nu-min.</param>
    /// <param name="Max">--nu-max.</param>
    /// <param name="Initial">--initial-nu.</param>
    /// <param name="Move">--nu-move: a <see cref="NuMoveNames"/> name.</param>
    public sealed record EstimateOnly(string? Prior, double? Min, double? Max, double? Initial, string? Move);

    /// <summary>
    /// <paramref name="options"/> with ν fixed at the number <paramref name="nu"/>, or estimated with the prior, range, start
    /// and moves given; any of those given with a fixed ν is refused (it would be ignored).
    /// </summary>
    /// <exception cref="InvalidInputException">--nu is neither a number nor 'estimate', --nu-prior is not a prior, --nu-move not a move, or an estimate-only option comes with a fixed ν.</exception>
    /// <exception cref="Parsing.CommandLineException">Several of those at once.</exception>
    public static SamplerOptions Apply(string nu, EstimateOnly given, SamplerOptions options)
    {
        if (string.Equals(nu.Trim(), Estimate, StringComparison.OrdinalIgnoreCase))
        {
            var prior = given.Prior is null ? NuPrior.Default : NuPrior.Parse(given.Prior);
            var move = given.Move is null ? NuMove.Ridge : NuMoveNames.Parse(given.Move);
            Refuse([
                .. prior is null ? [$"--nu-prior {given.Prior}: not a prior (gamma(SHAPE,RATE) or exponential(RATE), e.g. gamma(2,0.1))"] : Array.Empty<string>(),
                .. move is null ? [$"--nu-move {given.Move}: unknown move ({NuMoveNames.All.Replace("|", ", ", StringComparison.Ordinal)})"] : Array.Empty<string>(),
            ]);
            return options with
            {
                EstimateNu = true,
                NuPrior = prior!,
                NuMin = given.Min ?? SamplerOptions.DefaultNuMin,
                NuMax = given.Max ?? SamplerOptions.MaxNu,
                InitialNu = given.Initial,
                NuMove = move!.Value,
            };
        }
        if (!double.TryParse(nu, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new InvalidInputException($"--nu {nu}: not a number or '{Estimate}'");
        (string Flag, object? Value)[] estimateOnly =
            [("--nu-prior", given.Prior), ("--nu-min", given.Min), ("--nu-max", given.Max), ("--initial-nu", given.Initial), ("--nu-move", given.Move)];
        Refuse([.. estimateOnly.Where(o => o.Value is not null)
            .Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Flag} {o.Value}: needs --nu {Estimate} (nu is fixed at {value})"))]);
        return options with { Nu = value };
    }

    /// <summary>Every problem at once: one as itself, several as one <see cref="Parsing.CommandLineException"/>.</summary>
    private static void Refuse(string[] problems)
    {
        if (problems.Length == 1) throw new InvalidInputException(problems[0]);
        if (problems.Length > 1) throw new Parsing.CommandLineException(problems);
    }
}
