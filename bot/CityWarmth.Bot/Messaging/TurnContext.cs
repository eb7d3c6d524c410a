using CityWarmth.Bot.Data;
using CityWarmth.BotFramework.Schema;
using CityWarmth.BotFramework.Replies;

namespace CityWarmth.Bot.Messaging;

/// <summary>One turn: the inbound activity, the conversation as loaded, and where the bot's pages live.</summary>
public sealed class TurnContext(Activity activity, ConversationSnapshot conversation, string publicBaseUrl, IReplySink sink)
{
    public Activity Activity { get; } = activity;
    public ConversationSnapshot Conversation { get; } = conversation;

    /// <summary>The bot's own base URL (no trailing slash), for links to its pages such as /kb/....</summary>
    public string PublicBaseUrl { get; } = publicBaseUrl;

    internal IReplySink Sink { get; } = sink;
}

/// <summary>The bot's behaviour for one turn; returns the activities to send. Knows nothing of HTTP or storage.</summary>
public interface ITurnHandler
{
    Task<IReadOnlyList<Activity>> OnTurnAsync(TurnContext turn, CancellationToken cancellationToken);
}
