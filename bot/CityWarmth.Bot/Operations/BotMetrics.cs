using System.Diagnostics.Metrics;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Policy;

namespace CityWarmth.Bot.Operations;

/// <summary>
/// The bot's own instruments (meter <c>CityWarmth.Bot</c>), exported with ASP.NET Core's on /metrics. Each is a counter
/// added to with a tag or two, so counting a turn costs next to nothing; with no listener it costs less still.
/// </summary>
public sealed class BotMetrics
{
    public const string MeterName = "CityWarmth.Bot";

    private readonly Counter<long> _turns;
    private readonly Counter<long> _answers;
    private readonly Counter<long> _intakesCompleted;
    private readonly Counter<long> _handoffs;
    private readonly Counter<long> _deliveryFailures;
    private readonly Counter<long> _caseChanges;

    public BotMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _turns = meter.CreateCounter<long>("citywarmth.turns", "{turn}", "Message turns, by the skill that answered.");
        _answers = meter.CreateCounter<long>("citywarmth.policy.answers", "{answer}",
            "Policy questions, by outcome (answered, low, not-found, unclear) and confidence bucket.");
        _intakesCompleted = meter.CreateCounter<long>("citywarmth.wage.intakes_completed", "{case}", "Wage intakes filed as cases.");
        _handoffs = meter.CreateCounter<long>("citywarmth.handoffs", "{handoff}", "Requests for a person, by reason.");
        _deliveryFailures = meter.CreateCounter<long>("citywarmth.delivery.failures", "{message}",
            "Messages the worker's channel did not take, by kind (reply, notice).");
        _caseChanges = meter.CreateCounter<long>("citywarmth.wage.case_changes", "{change}", "Wage case status changes, by new status.");
    }

    /// <summary>A message turn answered by <paramref name="replies"/>; the first reply's skill names it.</summary>
    public void TurnCompleted(Activity inbound, IReadOnlyList<Activity> replies, ConversationState state, string? questionBefore)
    {
        if (inbound.Type != ActivityTypes.Message)
        {
            return;
        }
        var skill = replies.Count > 0 && replies[0].ChannelData?["skill"] is System.Text.Json.Nodes.JsonValue value
            && value.TryGetValue<string>(out var name) ? name : "none";
        _turns.Add(1, new KeyValuePair<string, object?>("skill", skill));

        // The policy skill notes each question it tried in the state; a new note is this turn's.
        if (state.LastQuestionId is { } id && id != questionBefore && state.RecentQuestions.Count > 0 && state.RecentQuestions[^1] is { } note && note.Id == id)
        {
            _answers.Add(1, new KeyValuePair<string, object?>("outcome", note.Outcome),
                new KeyValuePair<string, object?>("confidence", ConfidenceBucket(note.Confidence)));
        }
    }

    /// <summary>Tenths of confidence as a label ("0.7-0.8"), so the buckets stay few.</summary>
    public static string ConfidenceBucket(double confidence)
    {
        var tenth = Math.Clamp((int)Math.Floor(confidence * 10), 0, 9);
        return tenth switch
        {
            0 => "0.0-0.1",
            1 => "0.1-0.2",
            2 => "0.2-0.3",
            3 => "0.3-0.4",
            4 => "0.4-0.5",
            5 => "0.5-0.6",
            6 => "0.6-0.7",
            7 => "0.7-0.8",
            8 => "0.8-0.9",
            _ => "0.9-1.0",
        };
    }

    public void IntakeCompleted() => _intakesCompleted.Add(1);

    public void HandoffRequested(string reason) => _handoffs.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <param name="kind"><c>reply</c> (a turn's answer) or <c>notice</c> (a message outside a turn).</param>
    public void DeliveryFailed(string kind, int count = 1) => _deliveryFailures.Add(count, new KeyValuePair<string, object?>("kind", kind));

    public void CaseChanged(string status) => _caseChanges.Add(1, new KeyValuePair<string, object?>("status", status));
}
