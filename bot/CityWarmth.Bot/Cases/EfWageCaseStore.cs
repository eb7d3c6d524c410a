using System.Text.Json;
using CityWarmth.Bot.Cluster;
using CityWarmth.Bot.Data;
using CityWarmth.Skills.WageDispute;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Cases;

/// <summary>Wage cases in the bot's database. Case numbers are the day's next sequence, taken inside the insert's transaction.</summary>
public sealed partial class EfWageCaseStore(IDbContextFactory<BotDbContext> dbFactory, TimeProvider clock, ILogger<EfWageCaseStore> logger) : IWageCaseStore
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

    /// <summary>Changes a case's status (claimed or closed by a caseworker), keeping the JSON in step.</summary>
    public async Task<bool> SetStatusAsync(string caseNumber, WageCaseStatus status, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Set<WageCaseRecord>().SingleOrDefaultAsync(c => c.CaseNumber == caseNumber, cancellationToken);
        if (record is null)
        {
            return false;
        }
        var wageCase = JsonSerializer.Deserialize<WageCase>(record.CaseJson, CaseJson)!;
        wageCase.Status = status;
        wageCase.UpdatedAt = clock.GetUtcNow();
        record.Status = status;
        record.UpdatedAt = wageCase.UpdatedAt;
        record.CaseJson = JsonSerializer.Serialize(wageCase, CaseJson);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Case number already taken; retrying (attempt {Attempt})")]
        public static partial void CaseNumberTaken(ILogger logger, int attempt);
    }
}
