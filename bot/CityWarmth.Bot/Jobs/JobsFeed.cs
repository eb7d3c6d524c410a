using System.Net;
using System.Net.Http.Headers;
using CityWarmth.Skills.Jobs;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Jobs;

/// <summary>The validators of the last feed response, kept between polls (typed clients are short-lived).</summary>
public sealed class JobsFeedCache
{
    public EntityTagHeaderValue? ETag { get; set; }
    public DateTimeOffset? LastModified { get; set; }
}

/// <summary>Fetches the postings feed, asking the server to answer 304 when nothing changed since the last poll.</summary>
public sealed class JobsFeedClient(HttpClient http, JobsFeedCache cache)
{
    /// <summary>The feed body, or null when the server says it has not changed.</summary>
    public async Task<byte[]?> FetchIfChangedAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/json");
        if (cache.ETag is { } etag)
        {
            request.Headers.IfNoneMatch.Add(etag);
        }
        else if (cache.LastModified is { } modified)
        {
            request.Headers.IfModifiedSince = modified;
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        cache.ETag = response.Headers.ETag;
        cache.LastModified = response.Content.Headers.LastModified;
        return body;
    }
}

/// <summary>One poll of the feed: fetch, check each posting, upsert the good ones by source id.</summary>
public sealed partial class JobsFeedSync(
    IServiceScopeFactory scopes, EfJobStore store, JobRowValidator validator, IOptions<JobsOptions> options, ILogger<JobsFeedSync> logger)
{
    /// <summary>Returns the number of postings saved (0 when the feed has not changed).</summary>
    public async Task<int> SyncOnceAsync(CancellationToken cancellationToken)
    {
        var feed = options.Value.Feed;
        if (string.IsNullOrWhiteSpace(feed.Url))
        {
            return 0;
        }

        using var scope = scopes.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<JobsFeedClient>();
        var body = await client.FetchIfChangedAsync(new Uri(feed.Url), cancellationToken);
        if (body is null)
        {
            Log.FeedUnchanged(logger);
            return 0;
        }

        var rows = JobFileReader.Read(body, JobFileFormat.Json);
        var postings = new List<JobPosting>();
        var skipped = 0;
        foreach (var row in rows)
        {
            var (posting, errors) = validator.Validate(row, feed.SourceName);
            // A feed posting without a source id could never be updated, only duplicated.
            if (posting is null || errors.Count > 0 || posting.SourceId is null)
            {
                skipped++;
                continue;
            }
            postings.Add(posting with { Source = feed.SourceName, IsSample = false });
        }

        var distinct = postings.GroupBy(p => p.SourceId).Select(g => g.Last()).ToList();
        var result = distinct.Count == 0 ? new JobUpsertResult(0, 0) : await store.UpsertPostingsAsync(distinct, cancellationToken);
        Log.FeedSynced(logger, result.Inserted, result.Updated, skipped);
        return result.Inserted + result.Updated;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1611, Level = LogLevel.Information, Message = "Job feed synced: {Inserted} new, {Updated} updated, {Skipped} invalid postings skipped")]
        public static partial void FeedSynced(ILogger logger, int inserted, int updated, int skipped);

        [LoggerMessage(EventId = 1612, Level = LogLevel.Debug, Message = "Job feed not modified")]
        public static partial void FeedUnchanged(ILogger logger);
    }
}

/// <summary>Polls the feed at Jobs:Feed:Interval while Jobs:Feed:Url is set; a failed poll is logged and retried next time.</summary>
public sealed partial class JobsFeedPoller(JobsFeedSync sync, IOptions<JobsOptions> options, TimeProvider clock, ILogger<JobsFeedPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var feed = options.Value.Feed;
        if (string.IsNullOrWhiteSpace(feed.Url))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sync.SyncOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Log.FeedFailed(logger, ex);
            }

            try
            {
                await Task.Delay(feed.Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1613, Level = LogLevel.Warning, Message = "Job feed poll failed")]
        public static partial void FeedFailed(ILogger logger, Exception exception);
    }
}
