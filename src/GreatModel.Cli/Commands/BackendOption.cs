using GreatModel.Backends;

namespace GreatModel.Cli.Commands;

/// <summary>Backend names on the command line, read from <see cref="BackendRegistry"/>.</summary>
internal static class BackendOption
{
    /// <summary>
    /// The backend named <paramref name="name"/> by option <paramref name="option"/>, or a one-line error listing
    /// the names (without auto where <paramref name="autoAllowed"/> is false: bench measures named backends).
    /// </summary>
    public static Backend Parse(string name, string option = "--backend", bool autoAllowed = true)
    {
        bool known = BackendRegistry.TryParse(name, out var backend);
        if (known && (autoAllowed || backend != Backend.Auto)) return backend;
        string names = autoAllowed ? BackendRegistry.Names : string.Join('|', BackendRegistry.All.Select(b => b.Name));
        string what = known ? "name the backends to measure (auto would repeat one of them)" : "unknown backend";
        throw new InvalidInputException($"{option} {name}: {what} (one of {names})");
    }
}
