using CityWarmth.Skills.Handoff;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using CityWarmth.Bot.Data;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Skills.Conversation;

namespace CityWarmth.Bot.Handoff;

/// <summary>
/// Builds the case packet that travels as the value of handoff.initiate and that the console shows beside the
/// conversation: what the case is about, how urgent, the intake's answers, the worker's own words, the policy
/// passages already cited, channel, language and times.
/// </summary>
public static class HandoffPacketBuilder
{
    private const int LastPhraseCount = 5;
    private const int PhraseMaxChars = 200;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record Result(JsonObject Packet, string Category, string Summary);

    public static Result Build(
        Guid caseId,
        Activity inbound,
        ConversationState state,
        HandoffRequest request,
        IReadOnlyList<Activity> transcript,
        DateTimeOffset conversationStartedAt,
        DateTimeOffset now)
    {
        var category = request.Reason == HandoffReasons.Crisis ? HandoffReasons.Crisis
            : (state.ActiveSkill ?? state.LastSkill) is SkillNames.WageDispute or SkillNames.Policy or SkillNames.JobSearch
                ? (state.ActiveSkill ?? state.LastSkill)!
                : request.Reason == HandoffReasons.WageCase ? SkillNames.WageDispute : "other";

        var intake = IntakeParts(state);
        var caseNumber = request.CaseNumber ?? intake?.Select(p => p.Value?["caseNumber"]).OfType<JsonValue>()
            .Select(v => v.TryGetValue<string>(out var s) ? s : null).FirstOrDefault(s => s is not null);

        var workerMessages = transcript.Append(inbound)
            .Where(a => a.Type == ActivityTypes.Message && a.From?.Role != RoleTypes.Bot && !string.IsNullOrWhiteSpace(a.Text)
                        && a.From?.Id == inbound.From?.Id)
            .ToList();
        var lastPhrases = workerMessages.TakeLast(LastPhraseCount)
            .Select(a => a.Text!.Length > PhraseMaxChars ? a.Text[..PhraseMaxChars] + "…" : a.Text!)
            .ToList();

        var summary = string.Join("｜", new[]
        {
            HandoffText.ReasonLabel(request.Reason),
            HandoffText.CategoryLabel(category),
            request.Summary,
            caseNumber is null ? null : "案件号 " + caseNumber,
        }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (summary.Length > 480)
        {
            summary = summary[..480];
        }

        var packet = new JsonObject
        {
            ["caseId"] = caseId.ToString(),
            ["conversationId"] = inbound.Conversation?.Id,
            ["category"] = category,
            ["priority"] = request.Priority.ToString().ToLowerInvariant(),
            ["reason"] = request.Reason,
            ["summary"] = summary,
            ["caseNumber"] = caseNumber,
            ["intake"] = intake,
            // The same answers as a person reads them (labels, amounts, dates, how far the worker got).
            ["intakeSummary"] = state.WageIntake is { } wage ? ReadableIntake(wage) : null,
            ["lastPhrases"] = new JsonArray([.. lastPhrases.Select(p => (JsonNode)JsonValue.Create(p))]),
            ["citedSections"] = new JsonArray([.. state.CitedSections.Select(s => (JsonNode)JsonValue.Create(s))]),
            ["channel"] = inbound.ChannelId,
            ["language"] = new JsonObject
            {
                ["locale"] = inbound.Locale ?? "zh-CN",
                ["script"] = state.PrefersTraditional ? "traditional" : "simplified",
            },
            ["worker"] = new JsonObject { ["id"] = inbound.From?.Id, ["name"] = inbound.From?.Name },
            ["timestamps"] = new JsonObject
            {
                ["conversationStarted"] = conversationStartedAt,
                ["lastWorkerMessage"] = workerMessages.LastOrDefault()?.Timestamp ?? now,
                ["requested"] = now,
            },
        };
        return new Result(packet, category, summary);
    }

    /// <summary>
    /// The skills keep each intake as a typed part of the state named "...Intake" (e.g. wageIntake); every such
    /// part that is in use goes into the packet as given, so new intakes need no change here.
    /// </summary>
    private static JsonObject? IntakeParts(ConversationState state)
    {
        if (JsonSerializer.SerializeToNode(state, EfConversationStore.StateJson) is not JsonObject all)
        {
            return null;
        }
        var parts = new JsonObject();
        foreach (var (name, value) in all)
        {
            if (name.EndsWith("Intake", StringComparison.OrdinalIgnoreCase) && value is JsonObject part)
            {
                parts[name] = part.DeepClone();
            }
        }
        return parts.Count == 0 ? null : parts;
    }

    public static JsonNode? ReadableIntake(Skills.WageDispute.WageIntakeState intake) =>
        JsonSerializer.SerializeToNode(Skills.WageDispute.WageFactSheet.Of(intake), Json);

    /// <summary>
    /// The intake of a packet as a person reads it: the packet's own summary, or for a packet made before packets
    /// carried one, the summary of its stored intake answers.
    /// </summary>
    public static Skills.WageDispute.WageFactSummary? ReadableIntake(JsonObject packet)
    {
        if (packet["intakeSummary"] is JsonObject summary)
        {
            return summary.Deserialize<Skills.WageDispute.WageFactSummary>(Json);
        }
        return packet["intake"]?["wageIntake"] is JsonObject stored
            && stored.Deserialize<Skills.WageDispute.WageIntakeState>(EfConversationStore.StateJson) is { } intake
            ? Skills.WageDispute.WageFactSheet.Of(intake)
            : null;
    }

    /// <summary>The Transcript attachment of handoff.initiate: <c>{"activities":[...]}</c>.</summary>
    public static Attachment TranscriptAttachment(IEnumerable<Activity> activities) => new()
    {
        ContentType = "application/json",
        Name = "Transcript",
        Content = new JsonObject
        {
            ["activities"] = new JsonArray([.. activities.Select(a => JsonSerializer.SerializeToNode(a, ProtocolJson.Options))]),
        },
    };
}
