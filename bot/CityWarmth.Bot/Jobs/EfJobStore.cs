using CityWarmth.Bot.Data;
using CityWarmth.Skills.Jobs;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Jobs;

/// <summary>Counts of one write to the postings table.</summary>
public sealed record JobUpsertResult(int Inserted, int Updated);

/// <summary>The jobs tables in the bot's database: what the job skill reads, and the writes of import, feed and samples.</summary>
public sealed class EfJobStore(IDbContextFactory<BotDbContext> dbFactory, JobDataChanges changes, TimeProvider clock) : IJobStore
{
    public async Task<IReadOnlyList<JobPosting>> GetActivePostingsAsync(CancellationToken cancellationToken)
    {
        var today = JobCalendar.Today(clock);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.JobPostings.AsNoTracking()
            .Where(p => p.ExpiresOn == null || p.ExpiresOn >= today)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToPosting())];
    }

    public async Task<IReadOnlyList<JobFair>> GetUpcomingFairsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Few rows; compared in memory because SQLite cannot compare DateTimeOffset values in SQL.
        var rows = await db.JobFairs.AsNoTracking().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return [.. rows.Where(f => (f.EndsAt ?? f.StartsAt) > now).OrderBy(f => f.StartsAt).Select(f => f.ToFair())];
    }

    public async Task<IReadOnlyList<WageOffender>> GetOffendersAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.WageOffenders.AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToOffender())];
    }

    /// <summary>
    /// Inserts the postings, or updates those whose (source, source id) is already stored, in one transaction:
    /// either all are saved or none.
    /// </summary>
    public async Task<JobUpsertResult> UpsertPostingsAsync(IReadOnlyList<JobPosting> postings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var inserted = 0;
        var updated = 0;
        foreach (var group in postings.GroupBy(p => p.Source))
        {
            var sourceIds = group.Select(p => p.SourceId).OfType<string>().ToList();
            var existing = await db.JobPostings
                .Where(r => r.Source == group.Key && r.SourceId != null && sourceIds.Contains(r.SourceId))
                .ToDictionaryAsync(r => r.SourceId!, StringComparer.Ordinal, cancellationToken);
            foreach (var posting in group)
            {
                if (posting.SourceId is { } sourceId && existing.TryGetValue(sourceId, out var row))
                {
                    row.CopyFrom(posting, now);
                    updated++;
                }
                else
                {
                    var record = new JobPostingRecord
                    {
                        Id = posting.Id,
                        Source = posting.Source,
                        SourceId = posting.SourceId,
                        Title = posting.Title,
                        Trade = posting.Trade,
                        Employer = posting.Employer,
                        District = posting.District,
                        ContactPhone = posting.ContactPhone,
                    };
                    record.CopyFrom(posting, now);
                    db.JobPostings.Add(record);
                    inserted++;
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        changes.NotifyChanged();
        return new JobUpsertResult(inserted, updated);
    }

    /// <summary>Loads the shipped samples, dated for today, when there are no postings and no fairs yet.</summary>
    public async Task<int> SeedSamplesIfEmptyAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Instances starting together on a fresh PostgreSQL database: one loads the samples, the others find them.
        var shared = db.Database.IsNpgsql();
        if (shared)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.WaitForAdvisoryLockAsync(Cluster.AdvisoryLockSpaces.SampleJobs, transactionScoped: false, cancellationToken);
        }
        try
        {
            if (await db.JobPostings.AnyAsync(cancellationToken) || await db.JobFairs.AnyAsync(cancellationToken))
            {
                return 0;
            }
            var samples = JobSampleData.LoadSamples(JobCalendar.Today(clock));
            db.JobFairs.AddRange(samples.Fairs.Select(JobFairRecord.From));
            await db.SaveChangesAsync(cancellationToken);
            var result = await UpsertPostingsAsync(samples.Postings, cancellationToken);
            return result.Inserted;
        }
        finally
        {
            if (shared)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({Cluster.AdvisoryLockSpaces.SampleJobs}, 0)", CancellationToken.None);
            }
        }
    }

    public async Task AddOffenderAsync(WageOffender offender, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.WageOffenders.Add(new WageOffenderRecord
        {
            EmployerName = offender.EmployerName,
            CreditCode = offender.CreditCode,
            ListedOn = offender.ListedOn,
            Source = offender.Source,
        });
        await db.SaveChangesAsync(cancellationToken);
        changes.NotifyChanged();
    }

    /// <summary>Takes an employer off the offenders list; false when no entry has that id.</summary>
    public async Task<bool> RemoveOffenderAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var removed = await db.WageOffenders.Where(o => o.Id == id).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            changes.NotifyChanged();
        }
        return removed > 0;
    }

    /// <summary>The offenders list with the ids admins need to remove entries.</summary>
    public async Task<IReadOnlyList<WageOffenderRecord>> ListOffenderRecordsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WageOffenders.AsNoTracking().OrderBy(o => o.EmployerName).ToListAsync(cancellationToken);
    }
}
