using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CityWarmth.BotFramework.Schema;

/// <summary>
/// A JSON value kept as the UTF-8 text it is written as. For parts of activities that read the same every time they
/// are sent (a cited claim) it is encoded once, and every activity carrying it writes those bytes as they are, instead
/// of checking and escaping each of its characters again; a small part made per activity (the feedback actions) is
/// written straight to bytes with <see cref="Write{TState}"/> rather than built as nodes.
/// </summary>
public sealed class PreEncodedJson
{
    private static readonly JsonTypeInfo<PreEncodedJson> AsIs =
        JsonMetadataServices.CreateValueInfo<PreEncodedJson>(ProtocolJson.Options, new Converter());

    private PreEncodedJson(byte[] utf8) => Utf8 = utf8;

    /// <summary>The value as written with <see cref="ProtocolJson.Options"/>.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    public static PreEncodedJson Encode(JsonNode value) => new(JsonSerializer.SerializeToUtf8Bytes(value, ProtocolJson.Options));

    /// <summary>A value written directly, as <see cref="ProtocolJson.Options"/> would write it.</summary>
    public static PreEncodedJson Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ProtocolJson.Options.Encoder }))
        {
            write(writer, state);
        }
        return new(buffer.WrittenSpan.ToArray());
    }

    /// <summary>A node of its own that writes this value: a node has one parent, so each activity takes a new one.</summary>
    public JsonValue ToNode() => JsonValue.Create(this, AsIs)!;

    private sealed class Converter : JsonConverter<PreEncodedJson>
    {
        public override PreEncodedJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Encode(JsonNode.Parse(ref reader) ?? throw new JsonException("A pre-encoded value cannot be null."));

        // The bytes came from the serializer itself, so they need no second check.
        public override void Write(Utf8JsonWriter writer, PreEncodedJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
    }
}
