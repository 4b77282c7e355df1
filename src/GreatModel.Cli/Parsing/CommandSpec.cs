using System.Reflection;
using Spectre.Console.Cli;

namespace GreatModel.Cli.Parsing;

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
