using GreatModel.Diagnostics;

namespace GreatModel.Sampling;

/// <summary>
/// The stopping rule of a run with <see cref="SamplerOptions.TargetEss"/>: at fixed draw counts per chain — 100, then each
/// ⌈1.2 × the last⌉, and the cap <see cref="SamplerOptions.Samples"/> — it reads the draws held so far and says whether
/// every parameter of interest in every group has bulk and tail ESS ≥ the target and R̂ ≤ <see cref="SamplerOptions.TargetRhat"/>.
/// The counts depend on nothing but the options, so where a run stops is a function of (seed, options, data) alone:
/// determinism holds whatever the machine's speed. Checking at counts growing by a fifth costs at most about five times one
/// final summary, and overshoots the draws needed by at most a fifth.
/// </summary>
internal sealed class TargetEssRule
{
    /// <summary>Draws per chain at the first check.</summary>
    public const int FirstCheck = 100;

    /// <summary>Each check after the first comes at this many times the last one's draws (rounded up).</summary>
    public const double Growth = 1.2;

    private readonly DrawCollector _draws;
    private readonly int _groups, _target, _cap;
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

    /// <summary>Called after each recorded draw (<paramref name="drawsPerChain"/> of them now): true when the run should stop here.</summary>
    public bool ShouldStop(int drawsPerChain)
    {
        if (drawsPerChain < _next) return false;
        _next = (int)Math.Min(_cap, Math.Ceiling(drawsPerChain * Growth));
        // Groups are checked in parallel when many (each group's diagnostics are its own; the answer does not depend on the order).
        int failing = 0;
        Parallel.For(0, _groups, new ParallelOptions { MaxDegreeOfParallelism = _groups >= 64 ? Environment.ProcessorCount : 1 }, (g, state) =>
        {
            if (!GroupReached(g))
            {
                Interlocked.Exchange(ref failing, 1);
                state.Stop();
            }
        });
        Reached = failing == 0;
        return Reached;
    }

    private bool GroupReached(int group)
    {
        var parameters = _draws.Parameters(group);
        var of = new List<ParameterDraws> { parameters[0], parameters[1] };
        if (_draws.Nu(group) is { } nu) of.Add(nu);
        foreach (var p in of)
        {
            var chains = p.ToChainArrays();
            if (!(Convergence.EssBulk(chains) >= _target && Convergence.EssTail(chains) >= _target && Convergence.Rhat(chains) <= SamplerOptions.TargetRhat))
                return false;
        }
        return true;
    }
}
