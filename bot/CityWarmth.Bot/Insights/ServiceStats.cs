using System.Text.Json;
using CityWarmth.Bot.Conversations;
using CityWarmth.Bot.Data;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Skills.WageDispute;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Insights;

/// <summary>Message turns of one China day answered by one skill.</summary>
public sealed record SkillDayCount(DateOnly Day, string Skill, int Turns);

/// <summary>Policy questions: answered from the knowledge base, nothing found, or found too weakly to answer.</summary>
public sealed record AnswerCounts(int Answered, int NotFound, int LowConfidence);

/// <summary>One wording workers asked and the bot could not answer, with how often.</summary>
public sealed record UnansweredGroup(string Question, int Count);

public sealed record CaseAmounts(decimal ClaimedYuan, decimal RecoveredYuan);

/// <summary>How long workers waited for a caseworker to take their request, in minutes.</summary>
public sealed record HandoffWaits(int Requested, int Claimed, double? MedianMinutes, double? P90Minutes);

public sealed record FeedbackCounts(int Up, int Down);

/// <summary>How the service was used over the last <see cref="Days"/> China days (today included).</summary>
public sealed record ServiceStatsReport(
    int Days,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<SkillDayCount> TurnsByDay,
    AnswerCounts Answers,
    IReadOnlyList<UnansweredGroup> TopUnanswered,
    IReadOnlyDictionary<string, int> CasesByStatus,
    CaseAmounts Amounts,
    HandoffWaits HandoffWait,
    FeedbackCounts Feedback);

/// <summary>
/// Counts for the people who run the service, read from what the bot stores anyway: the transcript (turns by the
/// skill that answered, policy answers, 👍/👎), the unanswered-question log, wage cases and handoffs. Nothing is added
/// to a turn to make them. Rows are read for the window only and grouped here, the same on SQLite and PostgreSQL;
/// what the retention sweep or an erasure removed is not counted.
/// </summary>
public sealed class ServiceStats(IDbContextFactory<BotDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxDays = 90;
    public const int TopUnansweredCount = 10;
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    private static readonly JsonSerializerOptions CaseJson = new(JsonSerializerDefaults.Web);

    public async Task<ServiceStatsReport> ComputeAsync(int days, CancellationToken cancellationToken)
    {
        days = Math.Clamp(days, 1, MaxDays);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaOffset).DateTime);
        var firstDay = today.AddDays(1 - days);
        var from = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), ChinaOffset).ToUniversalTime();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var turns = await db.Database.SqlQuery<TurnRow>(
            $"""SELECT "Skill", "Timestamp" FROM transcript WHERE "Direction" = 'in' AND "Type" = 'message' AND "Timestamp" >= {from}""")
            .ToListAsync(cancellationToken);
        var turnsByDay = turns
            .GroupBy(t => (Day: ChinaDay(t.Timestamp), Skill: t.Skill ?? "none"))
            .Select(g => new SkillDayCount(g.Key.Day, g.Key.Skill, g.Count()))
            .OrderBy(c => c.Day).ThenBy(c => c.Skill, StringComparer.Ordinal)
            .ToList();

        // An answer from the knowledge base is a policy reply workers can rate (it carries an answerId).
        var answered = await db.Database.SqlQuery<int>(
            $"""SELECT COUNT(*) AS "Value" FROM transcript WHERE "Direction" = 'out' AND "Skill" = 'policy' AND "Timestamp" >= {from} AND "ActivityJson" LIKE '%"answerId"%'""")
            .SingleAsync(cancellationToken);
        var unanswered = await db.Database.SqlQuery<UnansweredRow>(
            $"""SELECT "Reason", "Text" FROM kb_unanswered_questions WHERE "At" >= {from}""")
            .ToListAsync(cancellationToken);
        var missed = unanswered.Where(u => u.Reason is "not-found" or "low").ToList();
        var top = missed.GroupBy(u => u.Text).Select(g => new UnansweredGroup(g.Key, g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Question, StringComparer.Ordinal).Take(TopUnansweredCount).ToList();

        var cases = (await db.Database.SqlQuery<string>($"""SELECT "CaseJson" AS "Value" FROM wage_cases WHERE "SubmittedAt" >= {from}""")
            .ToListAsync(cancellationToken)).Select(json => JsonSerializer.Deserialize<WageCase>(json, CaseJson)!).ToList();
        var byStatus = Enum.GetValues<WageCaseStatus>().ToDictionary(s => s.ToString(), s => cases.Count(c => c.Status == s));
        var amounts = new CaseAmounts(cases.Sum(c => c.AmountYuan ?? 0), cases.Sum(c => c.AmountRecoveredYuan ?? 0));

        var handoffs = await db.Database.SqlQuery<HandoffRow>(
            $"""SELECT "CreatedAt", "ClaimedAt" FROM handoffs WHERE "CreatedAt" >= {from}""")
            .ToListAsync(cancellationToken);
        var waits = handoffs.Where(h => h.ClaimedAt is not null).Select(h => (h.ClaimedAt!.Value - h.CreatedAt).TotalMinutes).Order().ToList();

        var feedback = await FeedbackAsync(db, from, cancellationToken);
        return new ServiceStatsReport(days, firstDay, today, turnsByDay,
            new AnswerCounts(answered, missed.Count(u => u.Reason == "not-found"), missed.Count(u => u.Reason == "low")),
            top, byStatus, amounts,
            new HandoffWaits(handoffs.Count, waits.Count, Percentile(waits, 0.5), Percentile(waits, 0.9)),
            feedback);
    }

    /// <summary>Ratings are the channel activities Teams and Web Chat send for 👍/👎, stored like any other.</summary>
    private static async Task<FeedbackCounts> FeedbackAsync(BotDbContext db, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<string>(
            $"""SELECT "ActivityJson" AS "Value" FROM transcript WHERE "Direction" = 'in' AND "Type" <> 'message' AND "Timestamp" >= {from}""")
            .ToListAsync(cancellationToken);
        int up = 0, down = 0;
        foreach (var json in rows)
        {
            if (JsonSerializer.Deserialize<Activity>(json, ProtocolJson.Options) is { } activity && FeedbackActivities.Read(activity) is { } rating)
            {
                if (rating.Helpful)
                {
                    up++;
                }
                else
                {
                    down++;
                }
            }
        }
        return new FeedbackCounts(up, down);
    }

    /// <summary>The nearest-rank percentile of sorted values, rounded to a tenth of a minute; null for none.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)], 1);
    }

    private static DateOnly ChinaDay(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ChinaOffset).DateTime);

    private sealed class TurnRow
    {
        public string? Skill { get; set; }
        public DateTimeOffset Timestamp { get; set; }
    }

    private sealed class UnansweredRow
    {
        public string Reason { get; set; } = "";
        public string Text { get; set; } = "";
    }

    private sealed class HandoffRow
    {
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? ClaimedAt { get; set; }
    }
}
