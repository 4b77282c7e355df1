using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GreatModel.Files.Export;

/// <summary>
/// A Zarr v2 store written as plain files (the format xarray and ArviZ 1.x open: <c>xr.open_zarr</c>,
/// <c>xr.open_datatree(engine="zarr")</c>): groups with <c>.zgroup</c> and <c>.zattrs</c>, arrays with <c>.zarray</c>, their
/// dimension names in <c>_ARRAY_DIMENSIONS</c> (xarray's convention) and uncompressed little-endian chunks, and the
/// consolidated metadata (<c>.zmetadata</c>) written last. Arrays of doubles are written a chunk at a time
/// (<see cref="ZarrDoubles"/>), so a store larger than memory streams.
/// </summary>
internal sealed class ZarrStore
{
    private readonly string _root;
    private readonly JsonObject _metadata = [];

    /// <param name="root">The store's folder (made if new; the caller owns where it is and its commit).</param>
    public ZarrStore(string root)
    {
        _root = root;
        Directory.CreateDirectory(root);
        Group("", new JsonObject());
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private void WriteJson(string key, JsonNode value)
    {
        _metadata[key] = value.DeepClone();
        string path = Path.Combine(_root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, value.ToJsonString(Json));
    }

    private static string Key(string group, string name) => group.Length == 0 ? name : $"{group}/{name}";

    /// <summary>A group (its path under the root, "" for the root) with attributes.</summary>
    public void Group(string path, JsonObject attributes)
    {
        WriteJson(Key(path, ".zgroup"), new JsonObject { ["zarr_format"] = 2 });
        WriteJson(Key(path, ".zattrs"), attributes);
    }

    private void ArrayMetadata(string path, long[] shape, long[] chunks, string dtype, JsonNode? fill, string[] dimensions, JsonObject? attributes)
    {
        WriteJson(Key(path, ".zarray"), new JsonObject
        {
            ["chunks"] = new JsonArray([.. chunks.Select(c => (JsonNode)c)]),
            ["compressor"] = null,
            ["dtype"] = dtype,
            ["fill_value"] = fill,
            ["filters"] = null,
            ["order"] = "C",
            ["shape"] = new JsonArray([.. shape.Select(c => (JsonNode)c)]),
            ["zarr_format"] = 2,
        });
        var attrs = attributes?.DeepClone().AsObject() ?? [];
        attrs["_ARRAY_DIMENSIONS"] = new JsonArray([.. dimensions.Select(d => (JsonNode)d)]);
        WriteJson(Key(path, ".zattrs"), attrs);
    }

    /// <summary>A one-chunk array of 64-bit integers (a coordinate: chain, draw, an observation's index).</summary>
    public void Integers(string path, string dimension, IReadOnlyList<long> values)
    {
        ArrayMetadata(path, [values.Count], [Math.Max(1, values.Count)], "<i8", null, [dimension], null); // no fill value: xarray would mask a 0
        var bytes = new byte[values.Count * sizeof(long)];
        for (int i = 0; i < values.Count; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), values[i]);
        File.WriteAllBytes(Path.Combine(_root, path, "0"), bytes);
    }

    /// <summary>A one-chunk array of text (a coordinate: group labels), as NumPy's fixed-width UTF-32 (<c>&lt;U{n}</c>).</summary>
    public void Texts(string path, string dimension, IReadOnlyList<string> values)
    {
        int width = Math.Max(1, values.Max(v => v.EnumerateRunes().Count()));
        ArrayMetadata(path, [values.Count], [Math.Max(1, values.Count)], $"<U{width}", null, [dimension], null);
        var bytes = new byte[values.Count * width * 4];
        for (int i = 0; i < values.Count; i++)
        {
            int at = i * width * 4;
            foreach (var rune in values[i].EnumerateRunes())
            {
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), rune.Value);
                at += 4;
            }
        }
        File.WriteAllBytes(Path.Combine(_root, path, "0"), bytes);
    }

    /// <summary>
    /// An array of doubles of <paramref name="shape"/> cut into chunks of <paramref name="blockLength"/> along axis
    /// <paramref name="blockAxis"/> (the draw axis: rows arrive draw by draw), whole along the others; the caller fills each
    /// chunk in C order and hands it over with <see cref="ZarrDoubles.Flush"/> and its index.
    /// </summary>
    public ZarrDoubles Doubles(string path, long[] shape, int blockAxis, long blockLength, string[] dimensions, JsonObject? attributes = null)
    {
        long[] chunks = [.. shape];
        chunks[blockAxis] = Math.Max(1, blockLength);
        ArrayMetadata(path, shape, chunks, "<f8", "NaN", dimensions, attributes);
        return new ZarrDoubles(Path.Combine(_root, path), chunks, blockAxis);
    }

    /// <summary>The consolidated metadata (<c>.zmetadata</c>), written last: every group's and array's, as zarr.consolidate_metadata writes it.</summary>
    public void Consolidate() =>
        File.WriteAllText(Path.Combine(_root, ".zmetadata"), new JsonObject { ["metadata"] = _metadata.DeepClone(), ["zarr_consolidated_format"] = 1 }.ToJsonString(Json));
}
