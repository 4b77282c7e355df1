namespace GreatModel.Model;

/// <summary>
/// Many data sets fitted in one run: one robust (μ, σ², ν) per group, every group with its own chains, all groups'
/// chains swept together (ragged sizes allowed). Each group is an <see cref="ObservedData"/>, so each is validated on its
/// own and a bad one is refused naming it. Groups keep the order given; labels are unique. Immutable.
/// </summary>
public sealed class GroupedData
{
    private readonly string[] _labels;
    private readonly ObservedData[] _groups;

    /// <summary>Groups from (label, data) pairs, in the order given.</summary>
    /// <param name="groups">The groups. Range: at least one; labels non-empty and unique (ordinal comparison).</param>
    /// <param name="source">Where they came from, for messages (a file path).</param>
    /// <exception cref="InvalidInputException">No groups, an empty label, a label twice, or more data than one run holds.</exception>
    public GroupedData(IEnumerable<KeyValuePair<string, ObservedData>> groups, string source = "data")
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(source);
        var list = groups.ToList();
        Source = source;
        if (list.Count == 0) throw new InvalidInputException($"{source}: no groups");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (label, data) in list)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (string.IsNullOrEmpty(label)) throw new InvalidInputException($"{source}: a group has an empty label");
            if (!seen.Add(label)) throw new InvalidInputException($"{source}: group '{DisplayText.Printable(label)}' is given twice");
            // A label names files and header lines (CmdStan's "# greatmodel: group = …"): a line break in it broke the header.
            if (label.Any(char.IsControl))
                throw new InvalidInputException($"{source}: group '{DisplayText.Printable(label)}': {ControlCharacterInLabel}");
        }
        _labels = [.. list.Select(g => g.Key)];
        _groups = [.. list.Select(g => g.Value)];
        TotalCount = _groups.Sum(g => (long)g.Count);
        // One buffer holds every group's data on a device, indexed by int.
        if (TotalCount > Array.MaxLength)
            throw new InvalidInputException($"{source}: {TotalCount} observations in all; one run holds at most {Array.MaxLength}: split the groups over several runs");
    }

    /// <summary>
    /// Groups from long-format rows (a group label and a value per observation): rows of a group need not be adjacent;
    /// groups are ordered by first appearance and each keeps its rows' order.
    /// </summary>
    /// <param name="rows">The observations with their groups.</param>
    /// <param name="source">Where they came from, for messages.</param>
    /// <returns>The groups.</returns>
    /// <exception cref="InvalidInputException">A group's data are invalid (<see cref="ObservedData"/>; the message names the group), or as the constructor.</exception>
    public static GroupedData FromRows(IEnumerable<(string Group, double Value)> rows, string source = "data")
    {
        ArgumentNullException.ThrowIfNull(rows);
        var values = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (group, value) in rows)
        {
            if (string.IsNullOrEmpty(group)) throw new InvalidInputException($"{source}: observation {value} has an empty group label");
            if (!values.TryGetValue(group, out var list))
            {
                values[group] = list = [];
                order.Add(group);
            }
            list.Add(value);
        }
        return new GroupedData(order.Select(g => KeyValuePair.Create(g, new ObservedData(values[g], $"{source}, group '{g}'"))), source);
    }

    /// <summary>Where the groups came from (a file path).</summary>
    public string Source { get; }

    /// <summary>Why a label with a control character is refused.</summary>
    internal const string ControlCharacterInLabel = "its label holds a control character (a line break, tab or NUL), which no file name or header line can carry";

    /// <summary>The groups' labels, in order.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>The groups' data, in the order of <see cref="Labels"/>.</summary>
    public IReadOnlyList<ObservedData> Groups => _groups;

    /// <summary>The number of groups (≥ 1).</summary>
    public int Count => _groups.Length;

    /// <summary>Observations over all groups.</summary>
    public long TotalCount { get; }
}
