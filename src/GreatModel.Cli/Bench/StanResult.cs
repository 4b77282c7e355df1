namespace GreatModel.Cli.Bench;

/// <summary>
/// One rstan run (<see cref="StanBaseline"/>): its times, and bulk and tail ESS and R̂ per parameter.
/// </summary>
/// <param name="CompileSeconds">Compiling the model (0 when the compiled model was reused); excluded from every figure.</param>
/// <param name="WallSeconds">The <c>sampling()</c> call as a user waits for it: the chains, and R starting its worker processes.</param>
/// <param name="WarmupSeconds">Warm-up, summed over the chains (rstan's <c>get_elapsed_time</c>).</param>
/// <param name="SampleSeconds">Sampling after warm-up, summed over the chains.</param>
/// <param name="Draws">Draws kept, all chains.</param>
/// <param name="Ess">Per parameter: bulk ESS, tail ESS, R̂ (R's posterior).</param>
/// <param name="Cores">Cores the chains ran on in parallel.</param>
/// <param name="Raw">rstan's JSON line, kept for the results folder.</param>
internal sealed record StanResult(double CompileSeconds, double WallSeconds, double WarmupSeconds, double SampleSeconds, int Draws,
    IReadOnlyDictionary<string, (double Bulk, double Tail, double Rhat)> Ess, int Cores, string Raw)
{
    /// <summary>Chains rstan runs (its default, 4): never more run at once, whatever the cores.</summary>
    public const int Chains = 4;

    /// <summary>Chains running at once: the cores, at most the chains.</summary>
    private int Parallel => Math.Min(Cores, Chains);

    /// <summary>The smallest bulk or tail ESS over the parameters.</summary>
    public double MinEss => Ess.Values.Min(e => Math.Min(e.Bulk, e.Tail));

    /// <summary>
    /// The chains' own time to reach <paramref name="target"/> on every parameter, warm-up included, with the chains spread
    /// over min(<see cref="Cores"/>, 4) cores: (warm-up + sampling × target / smallest ESS), summed over the chains, / that. Linear in
    /// the draws beyond the run when its ESS fell short (<see cref="Extrapolated"/>). R's process start-up is left out:
    /// the fairest figure for Stan.
    /// </summary>
    public double SecondsToEss(double target) => (WarmupSeconds + (SampleSeconds * target / MinEss)) / Parallel;

    /// <summary>Whether <see cref="SecondsToEss"/> extrapolates past the draws made (the run's smallest ESS was below the target).</summary>
    public bool Extrapolated(double target) => MinEss < target;

    /// <summary>ESS per second of <paramref name="parameter"/> (bulk), over the chains' time on the cores (warm-up included).</summary>
    public double EssPerSecond(string parameter) => Ess[parameter].Bulk / ((WarmupSeconds + SampleSeconds) / Parallel);
}
