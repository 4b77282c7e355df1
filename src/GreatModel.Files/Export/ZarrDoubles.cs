using System.Buffers.Binary;
using System.Globalization;

namespace GreatModel.Files.Export;

/// <summary>One Zarr array of doubles being written (<see cref="ZarrStore.Doubles"/>), a chunk along its block axis at a time.</summary>
internal sealed class ZarrDoubles
{
    private readonly string _folder;
    private readonly int _blockAxis, _dimensions;

    public ZarrDoubles(string folder, long[] chunkShape, int blockAxis)
    {
        _folder = folder;
        _blockAxis = blockAxis;
        _dimensions = chunkShape.Length;
        ChunkShape = chunkShape;
        Chunk = new double[chunkShape.Aggregate(1L, (a, b) => a * b)];
        Array.Fill(Chunk, double.NaN);
    }

    /// <summary>The chunk's extent along each axis.</summary>
    public IReadOnlyList<long> ChunkShape { get; }

    /// <summary>The chunk being filled, in C order; an edge chunk is padded with NaN, as Zarr stores it.</summary>
    public double[] Chunk { get; }

    /// <summary>Writes <see cref="Chunk"/> as chunk <paramref name="block"/> along the block axis and clears it.</summary>
    public void Flush(long block)
    {
        var bytes = new byte[Chunk.Length * sizeof(double)];
        for (int i = 0; i < Chunk.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), Chunk[i]);
        var key = new string[_dimensions];
        for (int d = 0; d < _dimensions; d++) key[d] = d == _blockAxis ? block.ToString(CultureInfo.InvariantCulture) : "0";
        File.WriteAllBytes(Path.Combine(_folder, string.Join('.', key)), bytes);
        Array.Fill(Chunk, double.NaN);
    }
}
