using System.Reflection;
using Spectre.Console.Cli;

namespace GreatModel.Cli.Parsing;

/// <summary>A positional argument, as declared with <see cref="CommandArgumentAttribute"/>.</summary>
internal sealed record ArgumentSpec(int Position, string ValueName, bool IsRequired, Type Type)
{
    public bool TakesMany => Type.IsArray;

    public Type ValueType => Type.GetElementType() ?? Type;
}
