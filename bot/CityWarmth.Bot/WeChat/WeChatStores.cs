using CityWarmth.Bot.Data;
using CityWarmth.Bot.Privacy;
using CityWarmth.WeChat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.WeChat;

/// <summary>The access token in the bot's database, so every instance on it uses the same one.</summary>
public sealed class EfWeChatTokenStore(IDbContextFactory<BotDbContext> dbFactory) : IWeChatTokenStore
{
    public async Task<WeChatAccessToken?> ReadAsync(string appId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<WeChatAccessTokenRecord>().AsNoTracking().SingleOrDefaultAsync(t => t.AppId == appId, cancellationToken);
        return row?.AccessToken is { Length: > 0 } token ? new WeChatAccessToken(token, DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAtMs)) : null;
    }

    public async Task<bool> TryClaimRefreshAsync(string appId, string? staleToken, DateTimeOffset now, DateTimeOffset goodUntil, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Both SQLite and PostgreSQL take this form; the row exists from the first claim on.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO wechat_access_tokens ("AppId", "AccessToken", "ExpiresAtMs", "RefreshClaimedUntilMs") VALUES ({appId}, NULL, 0, 0)
            ON CONFLICT ("AppId") DO NOTHING
            """, cancellationToken);
        long nowMs = now.ToUnixTimeMilliseconds(), goodMs = goodUntil.ToUnixTimeMilliseconds(), claimMs = claimUntil.ToUnixTimeMilliseconds();
        // One statement decides: no live claim, and the stored token is missing, the stale one, or about to expire.
        var claimed = await db.Set<WeChatAccessTokenRecord>()
            .Where(t => t.AppId == appId && t.RefreshClaimedUntilMs <= nowMs
                && (t.AccessToken == null || t.AccessToken == staleToken || t.ExpiresAtMs <= goodMs))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RefreshClaimedUntilMs, claimMs), cancellationToken);
        return claimed == 1;
    }

    public async Task SaveAsync(string appId, WeChatAccessToken token, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expires = token.ExpiresAt.ToUnixTimeMilliseconds();
        await db.Set<WeChatAccessTokenRecord>().Where(t => t.AppId == appId).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.AccessToken, token.Value)
            .SetProperty(t => t.ExpiresAtMs, expires)
            .SetProperty(t => t.RefreshClaimedUntilMs, 0L), cancellationToken);
    }

    public async Task ReleaseClaimAsync(string appId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<WeChatAccessTokenRecord>().Where(t => t.AppId == appId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RefreshClaimedUntilMs, 0L), cancellationToken);
    }
}

/// <summary>
/// The pushed messages of the last minutes (<see cref="WeChatInboundRecord"/>): who handles each one, and what a retry
/// is answered with.
/// </summary>
public sealed class WeChatInboundLog(IDbContextFactory<BotDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How long a message is remembered: WeChat retries within about 15 seconds.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>True when this call is the first for the key (it handles the message); false for a retry.</summary>
    public async Task<bool> TryClaimAsync(string key, string openId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var status = WeChatInboundStatus.Handling;
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO wechat_inbound ("Key", "OpenId", "ReceivedAtMs", "Status", "ReplyXml") VALUES ({key}, {openId}, {now}, {status}, NULL)
            ON CONFLICT ("Key") DO NOTHING
            """, cancellationToken);
        return inserted == 1;
    }

    /// <summary>Records how the message was answered: a passive reply, nothing, or later through the API.</summary>
    public async Task RecordAsync(string key, string status, string? replyXml, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<WeChatInboundRecord>().Where(r => r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.ReplyXml, replyXml), cancellationToken);
    }

    /// <summary>
    /// For a retry: waits (up to <paramref name="wait"/>) until the first delivery was answered, and returns the passive
    /// reply it got, or null when there is nothing to repeat (it was answered with nothing, or is still running and will
    /// reach the worker through the customer-service API).
    /// </summary>
    public async Task<string?> WaitForAnswerAsync(string key, TimeSpan wait, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow() + wait;
        while (true)
        {
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                var row = await db.Set<WeChatInboundRecord>().AsNoTracking().Where(r => r.Key == key)
                    .Select(r => new { r.Status, r.ReplyXml }).SingleOrDefaultAsync(cancellationToken);
                if (row is null || row.Status != WeChatInboundStatus.Handling)
                {
                    return row?.ReplyXml;
                }
            }
            if (clock.GetUtcNow() >= until)
            {
                return null;
            }
            await Task.Delay(Poll, clock, cancellationToken);
        }
    }

    /// <summary>Forgets messages older than <see cref="KeepFor"/>; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cutoff = (clock.GetUtcNow() - KeepFor).ToUnixTimeMilliseconds();
        return await db.Set<WeChatInboundRecord>().Where(r => r.ReceivedAtMs < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>
/// Erasing a WeChat worker's data also drops the copies of the bot's recent replies kept for retries. The keys stay
/// until swept, so a retry still is not handled twice.
/// </summary>
public sealed class WeChatInboundEraser : IConversationDataEraser
{
    public Task<int> EraseAsync(BotDbContext db, string conversationId, CancellationToken cancellationToken) =>
        WeChatActivities.OpenIdOf(conversationId) is { } openId
            ? db.Set<WeChatInboundRecord>().Where(r => r.OpenId == openId && r.ReplyXml != null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReplyXml, (string?)null), cancellationToken)
            : Task.FromResult(0);
}

/// <summary>Sweeps the inbound log every few minutes.</summary>
public sealed partial class WeChatInboundSweeper(WeChatInboundLog log, IOptions<WeChatOptions> options, TimeProvider clock, ILogger<WeChatInboundSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await log.SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next sweep tries again; the rows only take a little room meanwhile.
                Log.SweepFailed(logger, ex);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2651, Level = LogLevel.Warning, Message = "Sweeping the WeChat inbound log failed")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
