using GreatModel.Diagnostics;

namespace GreatModel.Sampling;

/// <summary>
/// The stopping rule of a run with <see cref="SamplerOptions.TargetEss"/>: at draw counts per chain that depend on nothing
/// but the draws themselves it reads the draws held so far and says whether every parameter of interest in every group has
/// bulk and tail ESS ≥ the target and R̂ ≤ <see cref="SamplerOptions.TargetRhat"/>. The first check comes at
/// <see cref="FirstCheck"/> draws per chain; each later one where the ESS seen so far, growing in proportion to the draws,
/// would reach the target with 15% to spare (at least <see cref="MinGrowth"/>, at most <see cref="MaxGrowth"/> times the
/// last count), and at the cap <see cref="SamplerOptions.Samples"/>. So where a run stops is a function of (seed, options,
/// data) alone: determinism holds whatever the machine's speed. A check costs a few milliseconds at n = 500 (ranks, FFTs):
/// aiming at the target takes two or three of them where a fixed growth of a fifth took nine, which was three times the
/// sampling itself there.
/// </summary>
internal sealed class TargetEssRule
{
    /// <summary>Draws per chain at the first check.</summary>
    public const int FirstCheck = 100;

    /// <summary>The least growth from one check to the next (when the ESS seen is already near the target, or R̂ is not).</summary>
    public const double MinGrowth = 1.1;

    /// <summary>The most growth from one check to the next (an ESS estimate from few draws can be far too low).</summary>
    public const double MaxGrowth = 4;

    /// <summary>
    /// The margin aimed over the draws the ESS seen extrapolates to: an ESS estimate is noisy, and a check that falls just
    /// short costs another (at n = 500 a check of two parameters costs about as much as 200 sweeps; 1.05 fell short often).
    /// </summary>
    private const double Margin = 1.15;

    private readonly DrawCollector _draws;
    private readonly int _groups, _target, _cap;
    private readonly List<int> _checks = [];
    private int _next;

    /// <param name="draws">The run's draws as they are recorded (kept in memory).</param>
    /// <param name="groups">Groups in the run. Range: ≥ 1.</param>
    /// <param name="target">ESS to reach. Range: ≥ 1.</param>
    /// <param name="cap">Draws per chain at most (<see cref="SamplerOptions.Samples"/>). Range: ≥ 1.</param>
    public TargetEssRule(DrawCollector draws, int groups, int target, int cap)
    {
        (_draws, _groups, _target, _cap) = (draws, groups, target, cap);
        _next = Math.Min(FirstCheck, cap);
    }

    /// <summary>Whether the last check found the target reached.</summary>
    public bool Reached { get; private set; }

    /// <summary>Draws per chain at the next check: the least a run that has not stopped will draw (its progress aims there).</summary>
    public int NextCheck => _next;

    /// <summary>The draw counts per chain checked so far, in order.</summary>
    public IReadOnlyList<int> Checks => _checks;

    /// <summary>Called after each recorded draw (<paramref name="drawsPerChain"/> of them now): true when the run should stop here.</summary>
    public bool ShouldStop(int drawsPerChain)
    {
        if (drawsPerChain < _next) return false;
        _checks.Add(drawsPerChain);
        // Groups are checked in parallel when many (each group's diagnostics are its own; the answer does not depend on the
        // order); the smallest ratio ESS / target over them sets the next check.
        double worst = double.PositiveInfinity;
        bool rhatShort = false;
        var gate = new Lock();
        Parallel.For(0, _groups, new ParallelOptions { MaxDegreeOfParallelism = _groups >= 64 ? Environment.ProcessorCount : 1 }, g =>
        {
            var (ratio, rhatOk) = GroupProgress(g);
            lock (gate)
            {
                worst = Math.Min(worst, ratio);
                rhatShort |= !rhatOk;
            }
        });
        Reached = worst >= 1 && !rhatShort;
        _next = NextCheckAfter(drawsPerChain, worst, rhatShort, _cap);
        return Reached;
    }

    /// <summary>
    /// Where the check after one at <paramref name="drawsPerChain"/> falls: at the draws the smallest ESS seen over the target,
    /// <paramref name="worstRatio"/>, extrapolates to with 15% to spare, growing by <see cref="MinGrowth"/> to
    /// <see cref="MaxGrowth"/>; by <see cref="MinGrowth"/> when R̂ was short; never past <paramref name="cap"/>.
    /// </summary>
    public static int NextCheckAfter(int drawsPerChain, double worstRatio, bool rhatShort, int cap)
    {
        double growth = rhatShort || !(worstRatio > 0) || worstRatio >= 1 ? MinGrowth : Math.Clamp(Margin / worstRatio, MinGrowth, MaxGrowth);
        return (int)Math.Min(cap, Math.Ceiling(drawsPerChain * growth));
    }

    /// <summary>A group's smallest ESS (bulk or tail, over its parameters) over the target, and whether every R̂ is within bound.</summary>
    private (double Ratio, bool RhatOk) GroupProgress(int group)
    {
        var parameters = _draws.Parameters(group);
        var of = new List<ParameterDraws> { parameters[0], parameters[1] };
        if (_draws.Nu(group) is { } nu) of.Add(nu);
        double worst = double.PositiveInfinity;
        bool rhatOk = true;
        foreach (var p in of)
        {
            var chains = p.ToChainArrays();
            double ess = Math.Min(Convergence.EssBulk(chains), Convergence.EssTail(chains));
            worst = Math.Min(worst, double.IsNaN(ess) ? 0 : ess / _target);
            // R̂ only once the ESS is there: it costs as much again, and a run short of ESS goes on whatever it says.
            if (worst >= 1 && rhatOk) rhatOk = Convergence.Rhat(chains) <= SamplerOptions.TargetRhat;
        }
        return (worst, rhatOk);
    }
}
