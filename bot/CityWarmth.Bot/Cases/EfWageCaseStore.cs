using System.Text.Json;
using CityWarmth.Bot.Cluster;
using CityWarmth.Bot.Data;
using CityWarmth.Skills.WageDispute;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Cases;

/// <summary>Wage cases in the bot's database. Case numbers are the day's next sequence, taken inside the insert's transaction.</summary>
public sealed partial class EfWageCaseStore(IDbContextFactory<BotDbContext> dbFactory, TimeProvider clock, ILogger<EfWageCaseStore> logger,
    Operations.BotMetrics? metrics = null) : IWageCaseStore
{
    private static readonly JsonSerializerOptions CaseJson = new(JsonSerializerDefaults.Web);
    private const int MaxAttempts = 5;

    public async Task<WageCaseReceipt> SubmitAsync(WageCase draft, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var day = WageCaseNumber.ChinaDate(now);
            var dayKey = day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await AlreadySubmittedAsync(db, draft, cancellationToken) is { } earlier)
            {
                return earlier;
            }
            if (db.Database.IsNpgsql())
            {
                // Instances sharing the database take the day's numbers one at a time, so none collide (SQLite has one
                // writer anyway). The lock ends with the transaction.
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockSpaces.CaseNumbers}, {int.Parse(dayKey, System.Globalization.CultureInfo.InvariantCulture)})", cancellationToken);
            }
            var last = await db.Set<WageCaseRecord>().Where(c => c.Day == dayKey).MaxAsync(c => (int?)c.Sequence, cancellationToken) ?? 0;

            draft.CaseNumber = WageCaseNumber.Format(day, last + 1);
            draft.Status = WageCaseStatus.Submitted;
            draft.SubmittedAt = now;
            draft.UpdatedAt = now;
            db.Set<WageCaseRecord>().Add(new WageCaseRecord
            {
                Id = draft.Id,
                CaseNumber = draft.CaseNumber,
                Day = dayKey,
                Sequence = last + 1,
                Status = draft.Status,
                ConversationId = draft.ConversationId,
                SubmittedAt = now,
                UpdatedAt = now,
                CaseJson = JsonSerializer.Serialize(draft, CaseJson),
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                metrics?.IntakeCompleted();
                return new WageCaseReceipt(draft.CaseNumber, now);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another instance took the same number first (unique index); take the next one.
                Log.CaseNumberTaken(logger, attempt);
            }
        }
    }

    /// <summary>
    /// The case this intake already became, if any. A turn that submitted a case but then could not save its own state
    /// (database locked or full) is sent again on the old state; it must get the same case back, not a second one.
    /// </summary>
    private static async Task<WageCaseReceipt?> AlreadySubmittedAsync(BotDbContext db, WageCase draft, CancellationToken cancellationToken)
    {
        if (draft.StartedAt == default)
        {
            return null;
        }
        // Few cases per conversation: compare times in memory (SQLite cannot order DateTimeOffset columns).
        var cases = await db.Set<WageCaseRecord>().AsNoTracking()
            .Where(c => c.ConversationId == draft.ConversationId)
            .Select(c => new { c.Id, c.CaseNumber, c.Status, c.SubmittedAt, c.CaseJson })
            .ToListAsync(cancellationToken);
        var earlier = cases.Where(c => c.SubmittedAt >= draft.StartedAt).MinBy(c => c.SubmittedAt);
        if (earlier is null)
        {
            return null;
        }
        draft.Id = earlier.Id;
        draft.CaseNumber = earlier.CaseNumber;
        draft.Status = earlier.Status;
        draft.SubmittedAt = earlier.SubmittedAt;
        // The printable sheet's link must open the stored case.
        draft.SheetKey = JsonSerializer.Deserialize<WageCase>(earlier.CaseJson, CaseJson)?.SheetKey ?? draft.SheetKey;
        return new WageCaseReceipt(earlier.CaseNumber, earlier.SubmittedAt);
    }

    public async Task<WageCase?> GetAsync(string caseNumber, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var json = await db.Set<WageCaseRecord>().AsNoTracking()
            .Where(c => c.CaseNumber == caseNumber).Select(c => c.CaseJson).SingleOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<WageCase>(json, CaseJson);
    }

    public async Task<IReadOnlyList<WageCase>> ListAsync(WageCaseStatus? status, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<WageCaseRecord>().AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(c => c.Status == s);
        }
        var rows = await query.OrderByDescending(c => c.Day).ThenByDescending(c => c.Sequence).Select(c => c.CaseJson).ToListAsync(cancellationToken);
        return [.. rows.Select(json => JsonSerializer.Deserialize<WageCase>(json, CaseJson)!)];
    }

    public async Task<IReadOnlyList<WageCaseProgress>> ProgressOfConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<WageCaseRecord>().AsNoTracking()
            .Where(c => c.ConversationId == conversationId)
            .OrderByDescending(c => c.Day).ThenByDescending(c => c.Sequence)
            .Select(c => c.CaseJson).ToListAsync(cancellationToken);
        return [.. rows.Select(json => JsonSerializer.Deserialize<WageCase>(json, CaseJson)!).Select(c => new WageCaseProgress(c, c.NoteForWorker))];
    }

    /// <summary>
    /// Changes a case: <paramref name="change"/> edits the stored case and says whether to keep the edit (null keeps
    /// nothing). The write only lands if nobody changed the case since it was read (two caseworkers at once, two
    /// instances); otherwise the change is applied again to the fresh case.
    /// </summary>
    /// <returns>The case as stored after the change, or as it was when <paramref name="change"/> kept nothing; null when no such case.</returns>
    public async Task<(WageCase? Case, T Result)> UpdateAsync<T>(string caseNumber, Func<WageCase, (bool Keep, T Result)> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var record = await db.Set<WageCaseRecord>().AsNoTracking().SingleOrDefaultAsync(c => c.CaseNumber == caseNumber, cancellationToken);
            if (record is null)
            {
                return (null, default!);
            }
            var wageCase = JsonSerializer.Deserialize<WageCase>(record.CaseJson, CaseJson)!;
            var (keep, result) = change(wageCase);
            if (!keep)
            {
                return (wageCase, result);
            }
            // Strictly later than the stored time, so the next writer's check tells the two versions apart.
            var now = clock.GetUtcNow();
            wageCase.UpdatedAt = now > record.UpdatedAt ? now : record.UpdatedAt.AddTicks(1);
            var json = JsonSerializer.Serialize(wageCase, CaseJson);
            var written = await db.Set<WageCaseRecord>()
                .Where(c => c.Id == record.Id && c.UpdatedAt == record.UpdatedAt)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(c => c.Status, wageCase.Status)
                    .SetProperty(c => c.UpdatedAt, wageCase.UpdatedAt)
                    .SetProperty(c => c.CaseJson, json), cancellationToken);
            if (written == 1)
            {
                return (wageCase, result);
            }
            if (attempt >= MaxAttempts)
            {
                throw new DbUpdateConcurrencyException($"Case {caseNumber} kept changing under this update.");
            }
            Log.CaseChangedMeanwhile(logger, caseNumber, attempt);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Case number already taken; retrying (attempt {Attempt})")]
        public static partial void CaseNumberTaken(ILogger logger, int attempt);

        [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Case {CaseNumber} changed while being updated; applying the change again (attempt {Attempt})")]
        public static partial void CaseChangedMeanwhile(ILogger logger, string caseNumber, int attempt);
    }
}
