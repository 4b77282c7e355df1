using System.Reflection;
using Spectre.Console.Cli;

namespace GreatModel.Cli.Parsing;

/// <summary>One option of a command, as its settings class declares it with <see cref="CommandOptionAttribute"/>.</summary>
internal sealed record OptionSpec(IReadOnlyList<string> LongNames, IReadOnlyList<string> ShortNames, string? ValueName, bool ValueIsOptional, Type Type)
{
    public bool IsFlag => ValueName is null;

    /// <summary>How messages and the normalized command line spell it: the first long name, else the short one.</summary>
    public string Name => LongNames.Count > 0 ? "--" + LongNames[0] : "-" + ShortNames[0];

    public IEnumerable<string> Spellings => LongNames.Select(n => "--" + n).Concat(ShortNames.Select(n => "-" + n));
}

/// <summary>A positional argument, as declared with <see cref="CommandArgumentAttribute"/>.</summary>
internal sealed record ArgumentSpec(int Position, string ValueName, bool IsRequired, Type Type)
{
    public bool TakesMany => Type.IsArray;

    public Type ValueType => Type.GetElementType() ?? Type;
}

/// <summary>A command's name and the options and arguments its settings class declares.</summary>
internal sealed record CommandSpec(string Name, IReadOnlyList<OptionSpec> Options, IReadOnlyList<ArgumentSpec> Arguments)
{
    public static CommandSpec FromSettings(string name, Type settings)
    {
        var properties = settings.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var options = properties
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<CommandOptionAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => new OptionSpec(x.Attribute!.LongNames, x.Attribute.ShortNames, x.Attribute.ValueName, x.Attribute.ValueIsOptional, x.Property.PropertyType))
            .ToArray();
        var arguments = properties
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<CommandArgumentAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => new ArgumentSpec(x.Attribute!.Position, x.Attribute.ValueName, x.Attribute.IsRequired, x.Property.PropertyType))
            .OrderBy(a => a.Position)
            .ToArray();
        return new CommandSpec(name, options, arguments);
    }
}

/// <summary>
/// The commands registered with Spectre.Console.Cli, kept so that <see cref="CommandLine"/> can check a command
/// line against their options before Spectre binds it.
/// </summary>
internal sealed class CommandCatalog
{
    private readonly Dictionary<string, CommandSpec> _commands = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, CommandSpec> Commands => _commands;

    public void Add<TCommand>(IConfigurator config, string name, string description)
        where TCommand : class, ICommand
    {
        config.AddCommand<TCommand>(name).WithDescription(description);
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
