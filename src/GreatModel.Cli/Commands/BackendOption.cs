using GreatModel.Backends;

namespace GreatModel.Cli.Commands;

/// <summary>Backend names on the command line, read from <see cref="BackendRegistry"/>.</summary>
internal static class BackendOption
{
    /// <summary>The backend named <paramref name="name"/> by option <paramref name="option"/>, or a one-line error listing the names.</summary>
    public static Backend Parse(string name, string option = "--backend") =>
        BackendRegistry.TryParse(name, out var backend)
            ? backend
            : throw new InvalidInputException($"{option} {name}: unknown backend (one of {BackendRegistry.Names})");
}
