using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace CityWarmth.BotFramework.Schema;

/// <summary>
/// JSON settings for the wire: camelCase, case-insensitive reads, nulls omitted (as the SDK writes),
/// ISO-8601 dates, and Chinese written as-is rather than \u escapes.
/// </summary>
public static class ProtocolJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            MaxDepth = 128,
            TypeInfoResolver = ProtocolJsonContext.Default,
        };
        options.MakeReadOnly();
        return options;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ExpectedReplies))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ActivitySet))]
[JsonSerializable(typeof(HeroCard))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(List<Activity>))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
