namespace GreatModel.Cli.Parsing;

/// <summary>A command's positional argument(s), as <see cref="OptionTable"/> declares them.</summary>
/// <param name="ValueName">How help and messages name it ("DRAWS").</param>
/// <param name="Property">The settings property it fills: a string, or a string array when it takes several.</param>
/// <param name="Help">One paragraph of help.</param>
/// <param name="Many">Whether it takes one or more values.</param>
internal sealed record ArgumentRow(string ValueName, string Property, string Help, bool Many);
