using System.Text.Json.Nodes;

namespace CityWarmth.Skills.Conversation;

/// <summary>
/// A channel-neutral reply produced by a skill. The bot host turns it into a Bot Framework activity:
/// text, suggested actions, hero cards, the schema.org citation entity and <c>channelData.skill</c>.
/// </summary>
public sealed record BotReply
{
    /// <summary>Which skill answered (<see cref="SkillNames"/>).</summary>
    public required string Skill { get; init; }

    public ReplyKind Kind { get; init; } = ReplyKind.Message;

    /// <summary>Plain text shown to the worker (rendered as plain text, never markdown).</summary>
    public string? Text { get; init; }

    /// <summary>Next steps offered as suggested-action buttons.</summary>
    public IReadOnlyList<ReplyButton> Buttons { get; init; } = [];

    /// <summary>Hero cards (job postings, case summaries...).</summary>
    public IReadOnlyList<ReplyCard> Cards { get; init; } = [];

    /// <summary>Sources of the policy claims in <see cref="Text"/>, best first.</summary>
    public IReadOnlyList<Citation> Citations { get; init; } = [];

    /// <summary>True when the reply asks a question and waits for the answer (inputHint expectingInput).</summary>
    public bool ExpectingInput { get; init; }

    /// <summary>For <see cref="ReplyKind.Event"/>: the event name (e.g. handoff.initiate).</summary>
    public string? EventName { get; init; }

    /// <summary>For events: the value; for messages: extra fields merged into channelData.</summary>
    public JsonNode? Value { get; init; }

    /// <summary>Extra attachments for events (e.g. the handoff Transcript), as raw attachment JSON.</summary>
    public IReadOnlyList<JsonObject> RawAttachments { get; init; } = [];

    public static BotReply Say(string skill, string text, params ReplyButton[] buttons) =>
        new() { Skill = skill, Text = text, Buttons = buttons };

    public static BotReply Ask(string skill, string text, params ReplyButton[] buttons) =>
        new() { Skill = skill, Text = text, Buttons = buttons, ExpectingInput = true };
}

public enum ReplyKind
{
    Message,
    Typing,
    Event,
}

/// <summary>A button. <see cref="ButtonKind.ImBack"/> posts <see cref="Value"/> as the worker's next message.</summary>
public sealed record ReplyButton(string Title, string Value, ButtonKind Kind = ButtonKind.ImBack)
{
    public static ReplyButton Of(string titleAndValue) => new(titleAndValue, titleAndValue);
    public static ReplyButton Link(string title, string url) => new(title, url, ButtonKind.OpenUrl);
}

public enum ButtonKind
{
    ImBack,
    OpenUrl,
    Call,
}

public sealed record ReplyCard(string Title, string? Subtitle, string? Text, IReadOnlyList<ReplyButton> Buttons);

/// <summary>A cited source: the document title and section heading, an excerpt, and a page of the bot showing it.</summary>
public sealed record Citation(string Name, string Abstract, string Url);
