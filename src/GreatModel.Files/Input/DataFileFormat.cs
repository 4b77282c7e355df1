namespace GreatModel.Files.Input;

/// <summary>What a data file holds, told by its bytes, not its name (<see cref="DataFileFormats.Of"/>).</summary>
internal enum DataFileFormat
{
    /// <summary>CSV, TSV or one value a line (also standard input, a pipe, and any file that cannot be looked into).</summary>
    Text,

    /// <summary>Apache Parquet: PAR1 at both ends.</summary>
    Parquet,

    /// <summary>An Arrow IPC file (Feather v2): ARROW1 first.</summary>
    ArrowFile,

    /// <summary>An Arrow IPC stream: the continuation marker FF FF FF FF first.</summary>
    ArrowStream,
}
