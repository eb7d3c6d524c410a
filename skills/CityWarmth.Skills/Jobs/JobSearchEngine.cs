using Microsoft.Extensions.Logging;

namespace CityWarmth.Skills.Jobs;

/// <summary>
/// Searches active postings. Keeps an in-memory Lucene index and rebuilds it when the data changed
/// (<see cref="JobDataChanges"/>), when the day changed (postings expire at the end of their last day),
/// or after <see cref="MaxIndexAge"/> so changes written by another process (the import command) show up too.
/// </summary>
public sealed partial class JobSearchEngine : IDisposable
{
    public static readonly TimeSpan MaxIndexAge = TimeSpan.FromMinutes(5);

    private readonly IJobStore _store;
    private readonly JobDataChanges _changes;
    private readonly JobVocabulary _vocabulary;
    private readonly TimeProvider _clock;
    private readonly ILogger<JobSearchEngine> _logger;
    private readonly JobIndex _index;
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private long _builtVersion = -1;
    private DateOnly _builtDay;
    private DateTimeOffset _builtAt;

    public JobSearchEngine(IJobStore store, JobDataChanges changes, JobVocabulary vocabulary, TimeProvider clock, ILogger<JobSearchEngine> logger)
    {
        _store = store;
        _changes = changes;
        _vocabulary = vocabulary;
        _clock = clock;
        _logger = logger;
        _index = new JobIndex(vocabulary);
    }

    public JobVocabulary Vocabulary => _vocabulary;

    public async Task<JobSearchPage> SearchAsync(JobQuery query, int page, int pageSize, CancellationToken cancellationToken)
    {
        await EnsureCurrentAsync(cancellationToken);
        return _index.Search(query, Math.Max(0, page), Math.Clamp(pageSize, 1, 50));
    }

    public async Task<JobPosting?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await EnsureCurrentAsync(cancellationToken);
        return _index.Find(id);
    }

    /// <summary>Districts a worker can name: the shipped list and those of current postings.</summary>
    public async Task<IReadOnlyList<string>> DistrictsAsync(CancellationToken cancellationToken)
    {
        await EnsureCurrentAsync(cancellationToken);
        return [.. _vocabulary.Districts.Concat(_index.Districts).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Fairs not yet over, soonest first.</summary>
    public async Task<IReadOnlyList<JobFair>> UpcomingFairsAsync(int max, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var fairs = await _store.GetUpcomingFairsAsync(cancellationToken);
        return [.. fairs.Where(f => (f.EndsAt ?? f.StartsAt.AddHours(4)) > now).OrderBy(f => f.StartsAt).Take(max)];
    }

    public void Dispose()
    {
        _index.Dispose();
        _rebuild.Dispose();
    }

    private async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        if (IsCurrent())
        {
            return;
        }

        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            if (IsCurrent())
            {
                return;
            }
            // Read the version first: a change committed while we read makes the next search rebuild again.
            var version = _changes.Version;
            var today = JobCalendar.Today(_clock);
            var postings = await _store.GetActivePostingsAsync(cancellationToken);
            var offenders = await _store.GetOffendersAsync(cancellationToken);
            var active = postings.Where(p => p.IsActiveOn(today)).ToList();
            _index.Rebuild(active, offenders);
            _builtVersion = version;
            _builtDay = today;
            _builtAt = _clock.GetUtcNow();
            Log.IndexRebuilt(_logger, active.Count, offenders.Count);
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private bool IsCurrent() =>
        _builtVersion == _changes.Version && _builtDay == JobCalendar.Today(_clock) && _clock.GetUtcNow() - _builtAt < MaxIndexAge;

    private static partial class Log
    {
        [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Job index rebuilt with {PostingCount} active postings and {OffenderCount} listed offenders")]
        public static partial void IndexRebuilt(ILogger logger, int postingCount, int offenderCount);
    }
}
