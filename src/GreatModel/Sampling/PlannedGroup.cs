using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using GreatModel.Kernels;
using GreatModel.Model;

namespace GreatModel.Sampling;

/// <summary>
/// One group of a run as the engines and host draws read it: its data, standardized by its own robust centre and scale
/// (so a group's draws do not depend on the others' units), its tiles, where it sits in the run's data buffer and the
/// Philox key of all its streams. An ungrouped run is one group without a label, keyed by the seed itself. Immutable.
/// </summary>
internal sealed class PlannedGroup
{
    public PlannedGroup(string? label, ObservedData data, ulong seed, int dataOffset)
    {
        Label = label;
        Data = data;
        Standardization = Standardization.For(data);
        Values = Standardization.Apply(data.Values);
        Key = label is null ? seed : KeyOf(seed, label);
        TileCount = SweepLayout.TileCount(data.Count);
        DataOffset = dataOffset;
    }

    /// <summary>The group's label; null for an ungrouped run.</summary>
    public string? Label { get; }

    /// <summary>The observations, as given.</summary>
    public ObservedData Data { get; }

    /// <summary>The map between the group's data units and the standard units its sweeps run in.</summary>
    public Standardization Standardization { get; }

    /// <summary>The observations as the engines read them: standardized (a private array; never modified).</summary>
    public double[] Values { get; }

    /// <summary>n of the group.</summary>
    public int N => Values.Length;

    /// <summary>The Philox key of every stream of the group's chains.</summary>
    public ulong Key { get; }

    /// <summary>Tiles of <see cref="SweepLayout.TileSize"/> data (the last may be partial).</summary>
    public int TileCount { get; }

    /// <summary>Index of the group's first datum in the run's data buffer (groups end to end, in order).</summary>
    public int DataOffset { get; }

    /// <summary>
    /// The key of group <paramref name="label"/>'s streams: the first 8 bytes of SHA-256(seed, label). A function of the seed
    /// and the label only, so a group's draws are the same alone or among any others, and distinct labels' keys differ
    /// (a collision has probability 2^-64 per pair). Distinct keys are independent Philox streams: no counter need be shared.
    /// </summary>
    public static ulong KeyOf(ulong seed, string label)
    {
        var bytes = new byte[8 + Encoding.UTF8.GetByteCount(label)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, seed);
        Encoding.UTF8.GetBytes(label, bytes.AsSpan(8));
        return BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(bytes));
    }

    /// <summary>Chain <paramref name="chain"/>'s segment of the run's data buffer and its key.</summary>
    public ChainSegment SegmentOf(int chain) => new()
    {
        DataOffset = DataOffset,
        DataLength = N,
        TileCount = TileCount,
        Chain = chain,
        Key0 = (uint)Key,
        Key1 = (uint)(Key >> 32),
    };
}
