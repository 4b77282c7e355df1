using System.Text.Json;
using System.Text.Json.Serialization;

namespace GreatModel.Files.Runs;

/// <summary>
/// The JSON layout of the run records this library writes beside draws files (shard manifests, checkpoints): snake_case
/// names, indented for people, numbers in round-trip form, enums by name; written whole or not at all, and read back with
/// every failure one line naming the file.
/// </summary>
internal static class JsonRecordFile
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "0.1.0+abc", not "0.1.0\u002Babc": a file for people too
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> whole, or not at all (<see cref="AtomicFile"/>).</summary>
    public static void Write<T>(string path, T value) => AtomicFile.Write(path, w => w.Write(JsonSerializer.Serialize(value, Options)));

    /// <summary>Reads a <typeparamref name="T"/> called <paramref name="kind"/> (for messages) whose <paramref name="format"/> must be <paramref name="formatName"/>.</summary>
    /// <exception cref="InvalidInputException">The file is missing, unreadable, empty, of another format, or malformed (named with the reason).</exception>
    public static T Read<T>(string path, string kind, Func<T, string> format, string formatName)
        where T : class
    {
        string text;
        ReadableFile.RequireRegular(path, kind); // `merge /dev/zero` read a gigabyte before it said so
        using (var reader = ReadableFile.Open(path, kind))
        {
            try
            {
                text = new LineLengthGuard(reader, path, LineLengthGuard.RecordText, LineLengthGuard.RecordText).ReadToEnd(); // not /dev/zero for ever
            }
            catch (IOException e)
            {
                throw ReadableFile.CannotRead(path, e);
            }
        }
        // The layout first: a record of another layout (an older GreatModel's) is named as such, not as malformed for lacking
        // what this layout requires ("missing required properties including 'run'").
        if (FormatOf(text) is { } written && written != formatName)
            throw new InvalidInputException($"{path}: format '{written}', not {formatName}; it was written by another GreatModel");
        try
        {
            var value = JsonSerializer.Deserialize<T>(text, Options) ?? throw new InvalidInputException($"{path}: empty {kind}");
            return format(value) == formatName ? value
                : throw new InvalidInputException($"{path}: format '{format(value)}', not {formatName}; it was written by another GreatModel");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{path}, line {(e.LineNumber ?? 0) + 1}: not a {kind} ({e.Message.Split(". ")[0].TrimEnd('.')})");
        }
    }

    /// <summary>The record's "format" when the text is a JSON object that has one as a string; else null (the full read says what is wrong).</summary>
    private static string? FormatOf(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("format", out var format)
                && format.ValueKind == JsonValueKind.String ? format.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
