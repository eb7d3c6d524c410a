using CityWarmth.Skills.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CityWarmth.Skills.Tests.Jobs;

/// <summary>An <see cref="IJobStore"/> over lists, honouring expiry on its clock like the database store.</summary>
public sealed class InMemoryJobStore(TimeProvider clock) : IJobStore
{
    public List<JobPosting> Postings { get; } = [];
    public List<JobFair> Fairs { get; } = [];
    public List<WageOffender> Offenders { get; } = [];

    public Task<IReadOnlyList<JobPosting>> GetActivePostingsAsync(CancellationToken cancellationToken)
    {
        var today = JobCalendar.Today(clock);
        return Task.FromResult<IReadOnlyList<JobPosting>>([.. Postings.Where(p => p.IsActiveOn(today))]);
    }

    public Task<IReadOnlyList<JobFair>> GetUpcomingFairsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return Task.FromResult<IReadOnlyList<JobFair>>([.. Fairs.Where(f => (f.EndsAt ?? f.StartsAt) > now).OrderBy(f => f.StartsAt)]);
    }

    public Task<IReadOnlyList<WageOffender>> GetOffendersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WageOffender>>([.. Offenders]);
}

/// <summary>A job search over the shipped samples on a fixed clock (10:00 China time on the samples' reference date).</summary>
public sealed class JobWorld : IDisposable
{
    public static readonly DateOnly ReferenceDay = new(2026, 11, 25);

    public JobWorld(bool withSamples = true)
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        Store = new InMemoryJobStore(Clock);
        if (withSamples)
        {
            var samples = JobSampleData.LoadSamples(ReferenceDay);
            Store.Postings.AddRange(samples.Postings);
            Store.Fairs.AddRange(samples.Fairs);
        }
        Engine = new JobSearchEngine(Store, Changes, JobVocabulary.Default, Clock, NullLogger<JobSearchEngine>.Instance);
        Parser = new JobQueryParser(JobVocabulary.Default);
        Skill = new JobSearchSkill(Engine, Parser);
    }

    public FakeTimeProvider Clock { get; }
    public InMemoryJobStore Store { get; }
    public JobDataChanges Changes { get; } = new();
    public JobSearchEngine Engine { get; }
    public JobQueryParser Parser { get; }
    public JobSearchSkill Skill { get; }

    public DateOnly Today => JobCalendar.Today(Clock);

    /// <summary>Active sample postings, computed without the index, to check search results against.</summary>
    public IEnumerable<JobPosting> Active => Store.Postings.Where(p => p.IsActiveOn(Today));

    public JobQuery Parse(string text) => Parser.Parse(CityWarmth.Knowledge.Text.TextNormalizer.ForMatching(text)).Filters;

    public void Dispose() => Engine.Dispose();

    public static JobPosting Posting(string id, string trade = "电工", string employer = "测试机电有限公司", string district = "东湖区",
        DateOnly? posted = null, DateOnly? expires = null, decimal pay = 7000) => new()
    {
        Id = id,
        Title = trade + "（测试）",
        Trade = trade,
        Employer = employer,
        District = district,
        City = "示例市",
        PayMin = pay,
        PayMax = pay + 1000,
        ContactPhone = "0000-1234567",
        PostedOn = posted ?? ReferenceDay.AddDays(-1),
        ExpiresOn = expires,
        Source = "测试",
    };
}
