using GreatModel.Kernels;

namespace GreatModel.Random;

/// <summary>
/// Independent host streams carved out of the same Philox key space as the device draws: each member's value
/// is its counter word 3, which <see cref="CounterSpace"/> keeps apart from the device trials, the gamma
/// boost and the cpu-fast seeds, so no host draw can repeat another draw of the run.
/// </summary>
internal enum RandomStream : uint
{
    /// <summary>Each chain's sequential host stream of the fast backends: ν's moves and draws (α², μ, τ² are counter-addressed, HostConditionals).</summary>
    HostScalars = CounterSpace.HostScalarsStream,
    /// <summary>Every draw of the reference sampler.</summary>
    Reference = CounterSpace.ReferenceStream,
    /// <summary>Simulated data sets.</summary>
    Simulation = CounterSpace.SimulationStream,
    /// <summary>Each chain's dispersed starting values (three uniforms per chain, drawn once).</summary>
    InitialValues = CounterSpace.InitialValuesFirst,
    /// <summary>Posterior predictive replications y_rep (one stream per chain, drawn in recording order).</summary>
    PosteriorPredictive = CounterSpace.PosteriorPredictiveFirst,
}
