using System.Reflection;
using Spectre.Console.Cli;

namespace GreatModel.Cli.Parsing;

/// <summary>
/// The commands registered with Spectre.Console.Cli, kept so that <see cref="CommandLine"/> can check a command
/// line against their options before Spectre binds it.
/// </summary>
internal sealed class CommandCatalog
{
    private readonly Dictionary<string, CommandSpec> _commands = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, CommandSpec> Commands => _commands;

    /// <param name="config">Spectre's configurator.</param>
    /// <param name="name">The command's name.</param>
    /// <param name="description">One line on what it does.</param>
    /// <param name="examples">Command lines shown under EXAMPLES in its help (each without the program's name).</param>
    public void Add<TCommand>(IConfigurator config, string name, string description, params string[][] examples)
        where TCommand : class, ICommand
    {
        var command = config.AddCommand<TCommand>(name).WithDescription(description);
        foreach (var example in examples) command.WithExample(example);
        _commands.Add(name, CommandSpec.FromSettings(name, SettingsType(typeof(TCommand))));
    }

    private static Type SettingsType(Type command)
    {
        for (var t = command; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericArguments() is [var settings] && settings.IsAssignableTo(typeof(CommandSettings)))
                return settings;
        }
        return typeof(EmptyCommandSettings); // a plain Command: no options
    }
}
