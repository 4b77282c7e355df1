namespace GreatModel.Files.Input;

/// <summary>Tells a data file's format from its first and last bytes, once, for every reader (<see cref="DataFileReader"/>).</summary>
internal static class DataFileFormats
{
    /// <summary>
    /// The format of <paramref name="path"/>: Parquet (PAR1 at both ends: a CSV whose header starts "PAR1," is text), an Arrow
    /// file (ARROW1) or stream (FF FF FF FF), else text. Only a regular file is looked into: opening a pipe to look (bash's
    /// &lt;(…), a named pipe, standard input) would take its writer's bytes, or the writer itself, from the text reader after;
    /// a file that cannot be opened is text, and the text reader says why.
    /// </summary>
    public static DataFileFormat Of(string path)
    {
        if (path == DataFileReader.StandardInputPath || FileKinds.OfTarget(path) != FileKind.Regular) return DataFileFormat.Text;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            if (!file.CanSeek) return DataFileFormat.Text;
            Span<byte> head = stackalloc byte[6], tail = stackalloc byte[4];
            int read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (read >= 4 && head[..4].SequenceEqual("PAR1"u8) && file.Length >= 8)
            {
                file.Seek(-4, SeekOrigin.End);
                if (file.ReadAtLeast(tail, 4, throwOnEndOfStream: false) == 4 && tail.SequenceEqual("PAR1"u8)) return DataFileFormat.Parquet;
            }
            if (read == 6 && head.SequenceEqual("ARROW1"u8)) return DataFileFormat.ArrowFile;
            if (read == 6 && head[..4].SequenceEqual((ReadOnlySpan<byte>)[0xFF, 0xFF, 0xFF, 0xFF])) return DataFileFormat.ArrowStream;
            return DataFileFormat.Text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DataFileFormat.Text;
        }
    }
}
