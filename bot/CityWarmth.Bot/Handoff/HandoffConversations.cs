using System.Text.Json;
using System.Text.Json.Nodes;
using CityWarmth.Bot.Data;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Skills.Conversation;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Handoff;

/// <summary>A line of the conversation as the console shows it.</summary>
/// <param name="Sender"><c>worker</c>, <c>bot</c> or <c>agent</c>.</param>
public sealed record ChatMessage(long Id, DateTimeOffset At, string Sender, string SenderName, string Text);

/// <summary>
/// Reaching a worker outside a turn: addressing activities from the stored conversation reference, recording
/// them in the transcript, and reading the transcript back as chat lines.
/// </summary>
public sealed class HandoffConversations(IDbContextFactory<BotDbContext> dbFactory, IWorkerDelivery delivery, TimeProvider clock)
{
    public const string BotDisplayName = "城暖助手";

    /// <summary>A message to the worker, from the bot or (with <paramref name="agent"/>) from a caseworker.</summary>
    public static Activity ToWorker(ConversationReference reference, string text, ChannelAccount? agent = null, IReadOnlyList<string>? buttons = null)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl,
            Conversation = reference.Conversation is null ? null : new ConversationAccount { Id = reference.Conversation.Id, IsGroup = reference.Conversation.IsGroup, ConversationType = reference.Conversation.ConversationType, TenantId = reference.Conversation.TenantId },
            From = agent ?? new ChannelAccount { Id = reference.Bot?.Id, Name = reference.Bot?.Name, Role = RoleTypes.Bot },
            Recipient = reference.User is null ? null : new ChannelAccount { Id = reference.User.Id, Name = reference.User.Name, Role = RoleTypes.User },
            Locale = reference.Locale,
            Text = text,
            TextFormat = "plain",
            InputHint = InputHints.AcceptingInput,
            ChannelData = new JsonObject { ["skill"] = SkillNames.Handoff },
        };
        if (buttons is { Count: > 0 })
        {
            activity.SuggestedActions = new SuggestedActions { Actions = [.. buttons.Select(b => new CardAction { Type = CardActionTypes.ImBack, Title = b, Value = b })] };
        }
        return activity;
    }

    public static ChannelAccount AgentAccount(int userId, string displayName) =>
        new() { Id = HandoffOwners.AgentAccountId(userId), Name = displayName, Role = RoleTypes.Bot };

    public async Task<ConversationReference?> GetReferenceAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var json = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId).Select(c => c.ReferenceJson).SingleOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<ConversationReference>(json, ProtocolJson.Options);
    }

    /// <summary>Records the activity in the transcript, then delivers it; returns whether the channel took it.</summary>
    public async Task<(bool Delivered, ChatMessage Line)> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var entry = new TranscriptEntry
        {
            ConversationId = activity.Conversation?.Id ?? "",
            Direction = "out",
            Type = activity.Type ?? ActivityTypes.Message,
            Skill = SkillNames.Handoff,
            ActivityJson = JsonSerializer.Serialize(activity, ProtocolJson.Options),
            Timestamp = now,
        };
        await TranscriptChain.AppendAsync(dbFactory, entry, cancellationToken);
        var delivered = await delivery.SendAsync(activity, cancellationToken);
        return (delivered, ToLine(entry.Id, now, "out", activity)!);
    }

    /// <summary>The conversation's messages as chat lines, oldest first.</summary>
    public async Task<IReadOnlyList<ChatMessage>> GetLinesAsync(string conversationId, int max, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await TranscriptChain.LatestAsync(db, conversationId, max, messagesOnly: true, cancellationToken);
        return [.. rows.Select(r => ToLine(r.Id, r.Timestamp, r.Direction, JsonSerializer.Deserialize<Activity>(r.ActivityJson, ProtocolJson.Options)!)).OfType<ChatMessage>()];
    }

    public static ChatMessage? ToLine(long id, DateTimeOffset at, string direction, Activity activity)
    {
        if (activity.Type != ActivityTypes.Message)
        {
            return null;
        }
        var text = activity.Text ?? "";
        if (direction == "in")
        {
            return new ChatMessage(id, at, "worker", string.IsNullOrWhiteSpace(activity.From?.Name) ? "工友" : activity.From.Name!, text);
        }
        var isAgent = activity.From?.Id?.StartsWith("agent-", StringComparison.Ordinal) == true;
        return new ChatMessage(id, at, isAgent ? "agent" : "bot", isAgent ? activity.From!.Name ?? "工作人员" : BotDisplayName, text);
    }
}
