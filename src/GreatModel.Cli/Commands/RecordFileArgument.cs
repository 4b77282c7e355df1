namespace GreatModel.Cli.Commands;

/// <summary>
/// A run record named on the command line (a shard's manifest, a checkpoint): the file itself, or the folder holding exactly
/// one such file. Every way it can fail is one line naming what was given.
/// </summary>
internal static class RecordFileArgument
{
    /// <param name="given">The path as given.</param>
    /// <param name="shown">How messages name it (e.g. "--resume run", or the path alone).</param>
    /// <param name="pattern">The record's file pattern (e.g. <c>*.checkpoint.json</c>).</param>
    /// <param name="noun">What the record is, plural (e.g. "checkpoints").</param>
    /// <param name="missing">What is said when the path is neither (e.g. "no such checkpoint file or folder").</param>
    /// <param name="writer">Which command writes the record (e.g. "fit --checkpoint-every").</param>
    /// <param name="use">What the one file is named for (e.g. "resume").</param>
    /// <exception cref="InvalidInputException">The path is neither a file nor a folder, or the folder holds none or several.</exception>
    public static string Find(string given, string shown, string pattern, string noun, string missing, string writer, string use)
    {
        if (File.Exists(given)) return given;
        if (!Directory.Exists(given)) throw new InvalidInputException($"{shown}: {missing}");
        var found = Directory.GetFiles(given, pattern);
        return found.Length switch
        {
            1 => found[0],
            0 => throw new InvalidInputException($"{shown}: no {pattern} in it ({writer} writes one beside its draws)"),
            _ => throw new InvalidInputException($"{shown}: {found.Length} {noun} in it ({string.Join(", ", found.Select(Path.GetFileName))}); name the one to {use}"),
        };
    }
}
