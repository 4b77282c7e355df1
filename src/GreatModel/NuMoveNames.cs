namespace GreatModel;

/// <summary>
/// The spelling of each <see cref="NuMove"/> that people read and type (<c>ridge</c>, <c>walk</c>, <c>conditional</c>): the
/// summary JSON, shard manifests, the bench tables and the CLI's <c>--nu-move</c> use these. (A checkpoint's options are the
/// library's record, its enums written by their own names in kebab case: <c>random-walk</c>.)
/// </summary>
public static class NuMoveNames
{
    private static readonly (NuMove Move, string Name)[] Names = [(NuMove.Ridge, "ridge"), (NuMove.RandomWalk, "walk"), (NuMove.Conditional, "conditional")];

    /// <summary>Every name, in the enum's order, joined with <c>|</c> for help and messages: <c>ridge|walk|conditional</c>.</summary>
    public static string All => string.Join('|', Names.Select(n => n.Name));

    /// <summary>The name of <paramref name="move"/>.</summary>
    public static string Name(NuMove move) => Names.First(n => n.Move == move).Name;

    /// <summary>The move named <paramref name="name"/> (any case, surrounding spaces ignored); null when it names none.</summary>
    public static NuMove? Parse(string name)
    {
        string trimmed = name.Trim();
        foreach (var (move, spelled) in Names)
        {
            if (string.Equals(trimmed, spelled, StringComparison.OrdinalIgnoreCase)) return move;
        }
        return null;
    }
}
