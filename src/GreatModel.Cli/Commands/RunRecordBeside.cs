using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;

namespace GreatModel.Cli.Commands;

/// <summary>The run record that sits beside a tidy draws file (a shard's or a merge's manifest, or a checkpoint), read by the commands that take written draws.</summary>
internal static class RunRecordBeside
{
    /// <summary>The manifest beside <paramref name="draws"/>, or one made of the checkpoint's record there; null when neither is (or it cannot be read: said on stderr).</summary>
    public static ShardManifest? Of(string draws)
    {
        string manifest = ShardManifest.PathFor(draws), checkpoint = CheckpointFile.PathFor(draws);
        try
        {
            if (File.Exists(manifest)) return ShardManifest.Read(manifest);
            if (!File.Exists(checkpoint)) return null;
            var state = CheckpointFile.Read(checkpoint);
            return new ShardManifest { Run = state.State.Run, DrawsFile = state.DrawsFile, Columns = "", DrawsPerChain = state.DrawsPerChain, DrawsSha256 = "" };
        }
        catch (InvalidInputException e)
        {
            // The record is optional here: one of another version, or damaged, is passed over with a word, not fatal.
            Console.Error.WriteLine($"note: the run record beside {draws} was not read ({e.Message}); going on without it");
            return null;
        }
    }
}
