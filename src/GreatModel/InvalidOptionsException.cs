using System.Collections.ObjectModel;

namespace GreatModel;

/// <summary>
/// Several options out of their ranges at once (<see cref="SamplerOptions.Validate"/>, <see cref="Sampler.Plan(Model.ObservedData, SamplerOptions, Sampling.RunHooks)"/>):
/// every one found, as its own <see cref="OptionOutOfRangeException"/>, so a user fixes them in one go rather than one per
/// attempt (as BenchmarkDotNet's validators report). A single problem is thrown as itself.
/// </summary>
public sealed class InvalidOptionsException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="problems"/> (two or more).</summary>
    /// <param name="problems">Each option out of range, in the options' order.</param>
    public InvalidOptionsException(IEnumerable<OptionOutOfRangeException> problems)
        : this(new ReadOnlyCollection<OptionOutOfRangeException>([.. problems ?? throw new ArgumentNullException(nameof(problems))]))
    {
    }

    private InvalidOptionsException(ReadOnlyCollection<OptionOutOfRangeException> problems)
        : base($"{problems.Count} options are out of range: {string.Join("; ", problems.Select(p => $"{p.ParamName} = {p.ActualValue}: {p.Rule}"))}")
    {
        Problems = problems;
    }

    /// <summary>Every option out of range, each naming its option (<see cref="ArgumentException.ParamName"/>) and rule.</summary>
    public IReadOnlyList<OptionOutOfRangeException> Problems { get; }
}
