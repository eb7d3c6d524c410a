using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.Bot.DirectLine;

/// <summary>Direct Line 3.0 <c>Conversation</c>: what token, start and reconnect calls return.</summary>
public sealed record DirectLineConversationInfo(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string? StreamUrl = null);

/// <summary>Body of <c>tokens/generate</c> (all optional).</summary>
public sealed record DirectLineTokenParameters(ChannelAccount? User, IReadOnlyList<string>? TrustedOrigins);

/// <summary>Body DirectLineJS sends to start a conversation (all optional).</summary>
public sealed record DirectLineStartParameters(ChannelAccount? User, string? Locale);

public sealed record DirectLineErrorResponse(DirectLineError Error);

public sealed record DirectLineError(string Code, string Message);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DirectLineConversationInfo))]
[JsonSerializable(typeof(DirectLineTokenParameters))]
[JsonSerializable(typeof(DirectLineStartParameters))]
[JsonSerializable(typeof(DirectLineErrorResponse))]
internal sealed partial class DirectLineJsonContext : JsonSerializerContext;

internal static class DirectLineJson
{
    /// <summary>The wire settings of <see cref="ProtocolJson"/>, knowing the Direct Line shapes too.</summary>
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(ProtocolJson.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(ProtocolJson.Options.TypeInfoResolver, DirectLineJsonContext.Default),
        };
        options.MakeReadOnly();
        return options;
    }
}
