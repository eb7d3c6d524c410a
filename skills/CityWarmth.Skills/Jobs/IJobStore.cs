namespace CityWarmth.Skills.Jobs;

/// <summary>Where the job skill reads postings, fairs and the offenders list (the bot's database in production).</summary>
public interface IJobStore
{
    /// <summary>Postings not yet expired on the store's clock (China local date).</summary>
    Task<IReadOnlyList<JobPosting>> GetActivePostingsAsync(CancellationToken cancellationToken);

    /// <summary>Fairs that have not ended yet, soonest first.</summary>
    Task<IReadOnlyList<JobFair>> GetUpcomingFairsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<WageOffender>> GetOffendersAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Tells the search index that postings or the offenders list changed, so the next search rebuilds it.
/// Writers (import, feed, admin edits) call <see cref="NotifyChanged"/> after they commit.
/// </summary>
public sealed class JobDataChanges
{
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public void NotifyChanged() => Interlocked.Increment(ref _version);
}

/// <summary>The calendar the postings use: dates are China local dates (UTC+8, no daylight saving).</summary>
public static class JobCalendar
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaOffset).DateTime);
}
