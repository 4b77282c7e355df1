using System.Globalization;

namespace GreatModel;

/// <summary>
/// A run option (a property of <see cref="SamplerOptions"/> or <see cref="Sampling.RunHooks"/>, or an
/// argument of a library call) outside its range. <see cref="ArgumentException.ParamName"/> is the
/// property's name (e.g. <c>Nu</c>); <see cref="Rule"/> says what it must be, so a front end can
/// phrase the error in its own words (the CLI prints <c>--nu 0: must be a finite number &gt; 0</c>).
/// </summary>
public sealed class OptionOutOfRangeException : ArgumentOutOfRangeException
{
    /// <summary>Creates the exception for option <paramref name="option"/> holding <paramref name="value"/>.</summary>
    /// <param name="option">The property or argument name, as written in C# (e.g. <c>Nu</c>, <c>BurnIn</c>).</param>
    /// <param name="value">The value given.</param>
    /// <param name="rule">What the value must be, as a phrase ("must be at least 1").</param>
    public OptionOutOfRangeException(string option, object? value, string rule)
        : base(option, value, string.Create(CultureInfo.InvariantCulture, $"{option} = {value}: {rule}"))
    {
        Rule = rule;
    }

    /// <summary>What the value must be, as a phrase (e.g. "must be a finite number &gt; 0").</summary>
    public string Rule { get; }

    /// <summary>
    /// The option this one cannot be given with, when that is the problem (e.g. <c>InitialNu</c> beside <c>Inits</c>), by
    /// property name, for a front end to name in its own spelling; null otherwise.
    /// </summary>
    public string? ConflictsWith { get; init; }
}
