using GreatModel.Data;

namespace GreatModel.Cli.Commands;

/// <summary>The run record that sits beside a tidy draws file (a shard's or a merge's manifest, or a checkpoint), read by the commands that take written draws.</summary>
internal static class RunRecordBeside
{
    /// <summary>The manifest beside <paramref name="draws"/>, or one made of the checkpoint's record there; null when neither is.</summary>
    public static ShardManifest? Of(string draws)
    {
        string manifest = ShardManifest.PathFor(draws);
        if (File.Exists(manifest)) return ShardManifest.Read(manifest);
        string checkpoint = CheckpointFile.PathFor(draws);
        if (!File.Exists(checkpoint)) return null;
        var state = CheckpointFile.Read(checkpoint);
        return new ShardManifest { Run = state.State.Run, DrawsFile = state.DrawsFile, Columns = "", DrawsPerChain = state.DrawsPerChain, DrawsSha256 = "" };
    }
}
