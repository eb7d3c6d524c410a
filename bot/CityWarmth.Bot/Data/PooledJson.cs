using System.Buffers;
using System.Text.Json;

namespace CityWarmth.Bot.Data;

/// <summary>
/// JSON written into a buffer from the shared pool, for values that live only until their turn is written to the
/// database (the state, the conversation reference, the inbound activity). A turn's buffers are in flight while it
/// waits for its group commit, so as new arrays they outlived a collection or two and were copied each time; rented,
/// they are reused and never collected.
/// </summary>
internal sealed class PooledJson : IBufferWriter<byte>
{
    private byte[] _buffer;
    private int _written;

    private PooledJson(int sizeHint) => _buffer = ArrayPool<byte>.Shared.Rent(sizeHint);

    /// <summary>The JSON written; valid until <see cref="Return"/>.</summary>
    public ReadOnlyMemory<byte> Json => _buffer.AsMemory(0, _written);

    public static PooledJson Write<T>(T value, JsonSerializerOptions options, int sizeHint)
    {
        var json = new PooledJson(sizeHint);
        using var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true });
        JsonSerializer.Serialize(writer, value, options);
        return json;
    }

    /// <summary>Gives the buffer back to the pool; the JSON must not be read after this.</summary>
    public void Return()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Reserve(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
