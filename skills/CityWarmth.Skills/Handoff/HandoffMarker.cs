using System.Text.Json.Nodes;

namespace CityWarmth.Skills.Handoff;

/// <summary>
/// How a skill asks the host for a person: a marker in the reply's <see cref="Conversation.BotReply.Value"/>,
/// <c>{"handoff": {"reason", "priority", "offer", "summary", "caseNumber"}}</c>. The host queues the conversation
/// for a caseworker (or, with <c>offer</c>, only shows a 转人工 button) and sends the Bot Framework handoff event.
/// </summary>
public static class HandoffMarker
{
    public const string Key = "handoff";

    public static JsonObject Create(string reason, string? priority = null, bool offer = false, string? summary = null, string? caseNumber = null) =>
        new() { [Key] = Details(reason, priority, offer, summary, caseNumber) };

    /// <summary>The marker's body, for a reply whose value carries other fields too.</summary>
    public static JsonObject Details(string reason, string? priority = null, bool offer = false, string? summary = null, string? caseNumber = null)
    {
        var marker = new JsonObject { ["reason"] = reason, ["offer"] = offer };
        if (priority is not null)
        {
            marker["priority"] = priority;
        }
        if (summary is not null)
        {
            marker["summary"] = summary;
        }
        if (caseNumber is not null)
        {
            marker["caseNumber"] = caseNumber;
        }
        return marker;
    }

    /// <summary>The marker in a reply's value, if any.</summary>
    public static JsonObject? Find(Conversation.BotReply reply) => reply.Value is JsonObject value ? value[Key] as JsonObject : null;
}

/// <summary>Why a person is needed; the host's queue sorts and labels cases by it.</summary>
public static class HandoffReasons
{
    public const string Explicit = "explicit";
    public const string Crisis = "crisis";

    /// <summary>Danger to body or freedom (violence, injury, detention, papers taken, threats): urgent.</summary>
    public const string Danger = "danger";
    public const string FailedTurns = "failedTurns";
    public const string WageCase = "wageCase";
}
