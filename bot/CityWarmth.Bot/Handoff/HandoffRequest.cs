using CityWarmth.Skills.Handoff;
using System.Text.Json.Nodes;
using CityWarmth.Skills.Conversation;

namespace CityWarmth.Bot.Handoff;

/// <summary>
/// A skill's request for a person. A skill asks by putting a <c>handoff</c> object in a message reply's
/// <see cref="BotReply.Value"/>: <c>{"handoff": {"reason": "explicit|crisis|failedTurns|wageCase",
/// "priority": "normal|high|urgent", "offer": false, "summary": "...", "caseNumber": "..."}}</c>.
/// With <c>offer: true</c> the worker is only offered a person (a 转人工 button); otherwise the host queues the
/// conversation after the turn and sends handoff.initiate.
/// </summary>
public sealed record HandoffRequest(string Reason, HandoffPriority Priority, bool OfferOnly = false, string? Summary = null, string? CaseNumber = null)
{
    public const string MarkerKey = HandoffMarker.Key;

    public static HandoffRequest Explicit { get; } = new(HandoffReasons.Explicit, HandoffPriority.Normal);

    /// <summary>The strongest request among the replies: a real request beats an offer, then higher priority wins.</summary>
    public static HandoffRequest? FromReplies(IEnumerable<BotReply> replies)
    {
        // On a tie the first reply's request wins. A loop, not a sort: this runs on every turn, and nearly all have none.
        HandoffRequest? best = null;
        foreach (var reply in replies)
        {
            if (FromReply(reply) is not { } request)
            {
                continue;
            }
            if (best is null
                || (best.OfferOnly && !request.OfferOnly)
                || (best.OfferOnly == request.OfferOnly && request.Priority > best.Priority))
            {
                best = request;
            }
        }
        return best;
    }

    public static HandoffRequest? FromReply(BotReply reply)
    {
        if (reply.Value is not JsonObject value || value[MarkerKey] is not JsonObject marker)
        {
            return null;
        }
        var reason = Text(marker, "reason") ?? HandoffReasons.Explicit;
        var priority = Text(marker, "priority") switch
        {
            "urgent" => HandoffPriority.Urgent,
            "high" => HandoffPriority.High,
            "normal" => HandoffPriority.Normal,
            // A crisis is always top priority, whatever the skill wrote.
            _ => reason == HandoffReasons.Crisis ? HandoffPriority.Urgent : reason == HandoffReasons.WageCase ? HandoffPriority.High : HandoffPriority.Normal,
        };
        if (reason == HandoffReasons.Crisis)
        {
            priority = HandoffPriority.Urgent;
        }
        var offer = marker["offer"] is JsonValue o && o.TryGetValue<bool>(out var b) && b;
        return new HandoffRequest(reason, priority, offer, Text(marker, "summary"), Text(marker, "caseNumber"));
    }

    private static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
}
