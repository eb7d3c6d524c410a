using System.Buffers;
using System.Text.Json;
using CommunityToolkit.HighPerformance.Buffers;

namespace CityWarmth.Bot.Data;

/// <summary>
/// JSON written into a buffer from the shared pool, for values that live only until their turn is written to the
/// database (the state, the conversation reference, the inbound activity). A turn's buffers are in flight while it
/// waits for its group commit, so as new arrays they would outlive a collection or two and be copied each time;
/// rented, they are reused and never collected.
/// </summary>
internal sealed class PooledJson
{
    private ArrayPoolBufferWriter<byte>? _buffer;

    private PooledJson(ArrayPoolBufferWriter<byte> buffer) => _buffer = buffer;

    /// <summary>The JSON written; empty after <see cref="Return"/>.</summary>
    public ReadOnlyMemory<byte> Json => _buffer?.WrittenMemory ?? default;

    public static PooledJson Write<T>(T value, JsonSerializerOptions options, int sizeHint)
    {
        var buffer = new ArrayPoolBufferWriter<byte>(sizeHint);
        Serialize(buffer, value, options);
        return new PooledJson(buffer);
    }

    /// <summary>Appends <paramref name="value"/> to <paramref name="output"/> as <paramref name="options"/> write it.</summary>
    public static void Serialize<T>(IBufferWriter<byte> output, T value, JsonSerializerOptions options)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true });
        JsonSerializer.Serialize(writer, value, options);
    }

    /// <summary>Gives the buffer back to the pool; the JSON must not be read after this.</summary>
    public void Return()
    {
        _buffer?.Dispose();
        _buffer = null;
    }

    /// <summary>Gives every one of <paramref name="buffers"/> back to the pool.</summary>
    public static void ReturnAll(PooledJson[] buffers)
    {
        foreach (var buffer in buffers)
        {
            buffer.Return();
        }
    }
}

/// <summary>
/// The JSON (UTF-8) stored for a turn's replies, in order, in pooled buffers: the caller sends the replies exactly as
/// recorded and then disposes this to give the buffers back. A reply's JSON is the largest thing a turn writes, and
/// as a new array it would live through the group commit and be copied by the collections that come meanwhile.
/// </summary>
public sealed class StoredReplies : IDisposable
{
    private readonly PooledJson[] _json;

    internal StoredReplies(PooledJson[] json) => _json = json;

    public int Count => _json.Length;

    /// <summary>The stored JSON of reply <paramref name="index"/>; not to be read after <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> this[int index] => _json[index].Json;

    public void Dispose() => PooledJson.ReturnAll(_json);
}
