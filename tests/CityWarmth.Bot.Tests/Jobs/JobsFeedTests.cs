using System.Collections.Concurrent;
using System.Net;
using System.Text;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Jobs;
using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityWarmth.Bot.Tests.Jobs;

public sealed class JobsFeedTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string? IfNoneMatch, int Status)> _requests = new();
    private WebApplication? _feed;
    private BotApp? _app;
    private volatile string _body = Feed("电工（夜班）");
    private volatile string _etag = "\"v1\"";

    public async Task InitializeAsync()
    {
        // A stand-in for the external feed: real HTTP on a free loopback port, with ETag validation.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _feed = builder.Build();
        _feed.MapGet("/postings.json", (HttpContext http) =>
        {
            var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
            var unchanged = ifNoneMatch == _etag;
            _requests.Enqueue((ifNoneMatch.Length == 0 ? null : ifNoneMatch, unchanged ? 304 : 200));
            http.Response.Headers.ETag = _etag;
            return unchanged ? Results.StatusCode(304) : Results.Text(_body, "application/json", Encoding.UTF8);
        });
        await _feed.StartAsync();
        var address = _feed.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        _app = new BotApp(settings: new Dictionary<string, string?>
        {
            ["Jobs:LoadSamples"] = "false",
            ["Jobs:Feed:Url"] = address + "/postings.json",
            ["Jobs:Feed:Interval"] = "00:00:01",
            ["Jobs:Feed:SourceName"] = "测试源",
        });
        _ = _app.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        _app?.Dispose();
        _app?.DeleteData();
        if (_feed is not null)
        {
            await _feed.DisposeAsync();
        }
    }

    [Fact]
    public async Task FeedPostingsArriveAndUnchangedPollsAreAnsweredWith304()
    {
        var first = await WaitForAsync(rows => rows.Count == 2 ? rows : null);
        await Eventually.TrueAsync(() => _requests.Any(r => r.Status == 304));

        Assert.All(first, r => Assert.Equal("测试源", r.Source));
        Assert.Contains(first, r => r.SourceId == "X1" && r.Title == "电工（夜班）");
        Assert.Null(_requests.First().IfNoneMatch);
        Assert.Contains(_requests, r => r.IfNoneMatch == "\"v1\"" && r.Status == 304);
    }

    [Fact]
    public async Task ChangedFeedUpdatesPostingsBySourceId()
    {
        await WaitForAsync(rows => rows.Count == 2 ? rows : null);

        _body = Feed("电工（白班）");
        _etag = "\"v2\"";
        var updated = await WaitForAsync(rows => rows.Any(r => r.Title == "电工（白班）") ? rows : null);

        Assert.Equal(2, updated.Count);
        Assert.DoesNotContain(updated, r => r.Title == "电工（夜班）");
    }

    private static string Feed(string firstTitle) => $$"""
        [
          { "sourceId": "X1", "title": "{{firstTitle}}", "trade": "电工", "employer": "测试机电有限公司", "district": "高新区",
            "payMin": 7000, "payMax": 8000, "contactPhone": "13700003333", "postedOn": "2026-11-20" },
          { "sourceId": "X2", "title": "保洁员", "trade": "保洁", "employer": "测试物业有限公司", "district": "高新区",
            "payMin": 3500, "contactPhone": "13700003333", "postedOn": "2026-11-20" },
          { "title": "没有来源编号的岗位", "trade": "保洁", "employer": "测试物业有限公司", "district": "高新区",
            "payMin": 3500, "contactPhone": "13700003333", "postedOn": "2026-11-20" },
          { "sourceId": "X4", "title": "电话不对的岗位", "trade": "保洁", "employer": "测试物业有限公司", "district": "高新区",
            "payMin": 3500, "contactPhone": "123", "postedOn": "2026-11-20" }
        ]
        """;

    private async Task<List<JobPostingRecord>> WaitForAsync(Func<List<JobPostingRecord>, List<JobPostingRecord>?> done)
    {
        var dbFactory = _app!.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        for (var i = 0; i < 100; i++)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            if (done(await db.JobPostings.AsNoTracking().ToListAsync()) is { } rows)
            {
                return rows;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The feed's postings did not arrive.");
    }
}
