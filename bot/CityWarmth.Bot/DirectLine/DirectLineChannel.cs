using CityWarmth.Bot.Messaging;
using CityWarmth.BotFramework.Schema;
using Microsoft.Extensions.Options;
using CityWarmth.BotFramework.Replies;

namespace CityWarmth.Bot.DirectLine;

/// <summary>
/// The embedded Direct Line as a channel: addresses activities as the Direct Line service does, echoes the user's
/// own activities into the list (Web Chat waits for that echo), runs turns in-process and lists the bot's replies.
/// </summary>
public sealed class DirectLineChannel(DirectLineStore store, TurnRunner runner, IOptions<DirectLineOptions> options, TimeProvider clock)
{
    public ChannelAccount BotAccount => new() { Id = options.Value.BotId, Name = options.Value.BotName, Role = RoleTypes.Bot };

    /// <summary>Tells the bot that the user and the bot joined (the bot answers with its welcome).</summary>
    public async Task StartAsync(string conversationId, ChannelAccount user, string? locale, string publicBaseUrl, CancellationToken cancellationToken)
    {
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = DirectLineTokens.NewId(),
            Timestamp = clock.GetUtcNow(),
            ChannelId = Channels.DirectLine,
            ServiceUrl = ServiceUrl(publicBaseUrl),
            Conversation = new ConversationAccount { Id = conversationId },
            From = new ChannelAccount { Id = user.Id, Name = user.Name, Role = RoleTypes.User },
            Recipient = BotAccount,
            MembersAdded = [new ChannelAccount { Id = user.Id, Name = user.Name }, new ChannelAccount { Id = options.Value.BotId, Name = options.Value.BotName }],
            Locale = locale,
        };
        await runner.RunAsync(update, new DirectLineReplySink(this), publicBaseUrl, cancellationToken);
    }

    /// <summary>
    /// Appends the user's activity (the echo) with its server id and timestamp, then runs the bot's turn on it.
    /// Returns the assigned id.
    /// </summary>
    public async Task<string> PostFromUserAsync(string conversationId, Activity activity, ChannelAccount user, string publicBaseUrl, CancellationToken turnCancellation)
    {
        activity.ChannelId = activity.ChannelId == Channels.WebChat ? Channels.WebChat : Channels.DirectLine;
        activity.ServiceUrl = ServiceUrl(publicBaseUrl);
        activity.Conversation = new ConversationAccount { Id = conversationId };
        activity.From = new ChannelAccount { Id = user.Id, Name = user.Name, Role = RoleTypes.User, AadObjectId = activity.From?.AadObjectId };
        activity.Recipient = BotAccount;
        activity.ReplyToId = null;
        // Clients cannot choose how the bot delivers, nor claim a caller.
        activity.DeliveryMode = null;
        activity.CallerId = null;

        // The echo is listed under the turn's lock, so messages posted at once (to any instance) are listed in the
        // order they are answered, each followed by its own replies.
        await using var turnLock = await runner.LockAsync(conversationId, turnCancellation);
        var echoed = await store.AppendAsync(conversationId, activity, turnCancellation);
        var sink = new DirectLineReplySink(this);
        var outcome = await runner.RunHoldingLockAsync(echoed, sink, publicBaseUrl, turnCancellation);
        if (outcome.StorageFault is { } fault && sink.Delivered == 0)
        {
            // Not even the apology could be listed: the client must hear of it (503) rather than wait for a reply.
            throw fault;
        }
        return echoed.Id!;
    }

    /// <summary>
    /// Appends an activity from the bot (a reply, or a proactive message through the connector endpoint).
    /// Returns the assigned id.
    /// </summary>
    public async Task<string> SendFromBotAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        activity.Conversation = new ConversationAccount { Id = conversationId };
        activity.ChannelId ??= Channels.DirectLine;
        var from = activity.From;
        activity.From = new ChannelAccount
        {
            Id = string.IsNullOrEmpty(from?.Id) ? options.Value.BotId : from.Id,
            Name = string.IsNullOrEmpty(from?.Name) ? options.Value.BotName : from.Name,
            Role = RoleTypes.Bot,
        };
        if (activity.Recipient is { } recipient)
        {
            recipient.Role = RoleTypes.User;
        }
        var stored = await store.AppendAsync(conversationId, activity, cancellationToken);
        return stored.Id!;
    }

    private static string ServiceUrl(string publicBaseUrl) => publicBaseUrl.TrimEnd('/') + "/";
}

/// <summary>Lists a turn's replies in the Direct Line conversation, where Web Chat polls for them.</summary>
public sealed class DirectLineReplySink(DirectLineChannel channel) : IReplySink
{
    public bool IsInline => false;

    /// <summary>Replies listed so far.</summary>
    public int Delivered { get; private set; }

    public async Task SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        if (reply.Type is ActivityTypes.Typing or ActivityTypes.InvokeResponse)
        {
            // Polling clients never get typing from Direct Line (a stored one would replay on every reload), nor invoke responses.
            return;
        }
        await channel.SendFromBotAsync(reply.Conversation?.Id ?? throw new InvalidOperationException("The reply has no conversation."), reply, cancellationToken);
        Delivered++;
    }
}
