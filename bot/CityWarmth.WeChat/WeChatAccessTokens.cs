using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityWarmth.WeChat;

public sealed record WeChatAccessToken(string Value, DateTimeOffset ExpiresAt);

/// <summary>
/// Where instances share the account's access token. WeChat keeps one token per account valid (fetching a new one
/// retires the old within minutes), so every instance must use the same one and only one may fetch at a time.
/// </summary>
public interface IWeChatTokenStore
{
    Task<WeChatAccessToken?> ReadAsync(string appId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the right to fetch a new token until <paramref name="claimUntil"/>. Refused while another instance's
    /// claim runs, and when the stored token is not <paramref name="staleToken"/> and still good (someone else has
    /// already refreshed it).
    /// </summary>
    Task<bool> TryClaimRefreshAsync(string appId, string? staleToken, DateTimeOffset now, DateTimeOffset goodUntil, DateTimeOffset claimUntil, CancellationToken cancellationToken);

    /// <summary>Stores a fetched token and ends the claim.</summary>
    Task SaveAsync(string appId, WeChatAccessToken token, CancellationToken cancellationToken);

    /// <summary>Ends a claim whose fetch failed, so the next caller need not wait it out.</summary>
    Task ReleaseClaimAsync(string appId, CancellationToken cancellationToken);
}

/// <summary>The token kept in this process only: enough for a single instance (and for the tests of the cache).</summary>
public sealed class InMemoryWeChatTokenStore : IWeChatTokenStore
{
    private readonly Lock _lock = new();
    private WeChatAccessToken? _token;
    private DateTimeOffset _claimedUntil;

    public Task<WeChatAccessToken?> ReadAsync(string appId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_token);
        }
    }

    public Task<bool> TryClaimRefreshAsync(string appId, string? staleToken, DateTimeOffset now, DateTimeOffset goodUntil, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var refreshedByOther = _token is not null && _token.Value != staleToken && _token.ExpiresAt > goodUntil;
            if (_claimedUntil > now || refreshedByOther)
            {
                return Task.FromResult(false);
            }
            _claimedUntil = claimUntil;
            return Task.FromResult(true);
        }
    }

    public Task SaveAsync(string appId, WeChatAccessToken token, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _token = token;
            _claimedUntil = DateTimeOffset.MinValue;
        }
        return Task.CompletedTask;
    }

    public Task ReleaseClaimAsync(string appId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _claimedUntil = DateTimeOffset.MinValue;
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// The account's access token: kept in memory, shared through the <see cref="IWeChatTokenStore"/>, fetched from
/// <c>/cgi-bin/token</c> only when none is good, and fetched again once when WeChat rejects it.
/// </summary>
public sealed partial class WeChatAccessTokens(
    IServiceProvider services,
    IWeChatTokenStore store,
    IOptions<WeChatOptions> options,
    TimeProvider clock,
    ILogger<WeChatAccessTokens> logger)
{
    /// <summary>A token this close to its end is renewed instead of used.</summary>
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ClaimFor = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan WaitForOther = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private WeChatAccessToken? _current;

    /// <summary>A good token: the one in memory, else the shared one, else a fresh one.</summary>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && IsGood(current))
        {
            return current.Value;
        }
        return await RenewAsync(_current?.Value, cancellationToken);
    }

    /// <summary>
    /// A token other than <paramref name="rejected"/>, which WeChat refused: the one another caller or instance has
    /// fetched meanwhile, or a fresh one.
    /// </summary>
    public Task<string> RefreshAsync(string rejected, CancellationToken cancellationToken) => RenewAsync(rejected, cancellationToken);

    private async Task<string> RenewAsync(string? stale, CancellationToken cancellationToken)
    {
        var appId = options.Value.AppId;
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } current && current.Value != stale && IsGood(current))
            {
                return current.Value;
            }
            var waitUntil = clock.GetUtcNow() + WaitForOther;
            while (true)
            {
                var stored = await store.ReadAsync(appId, cancellationToken);
                if (stored is not null && stored.Value != stale && IsGood(stored))
                {
                    _current = stored;
                    return stored.Value;
                }
                var now = clock.GetUtcNow();
                var claimed = await store.TryClaimRefreshAsync(appId, stale ?? stored?.Value, now, now + RenewBefore, now + ClaimFor, cancellationToken);
                if (claimed || now > waitUntil)
                {
                    // Past the wait the other instance is taken to have failed: fetching too beats having no token.
                    WeChatAccessToken fresh;
                    try
                    {
                        fresh = await services.GetRequiredService<WeChatApiClient>().FetchAccessTokenAsync(cancellationToken);
                    }
                    catch when (claimed)
                    {
                        await store.ReleaseClaimAsync(appId, CancellationToken.None);
                        throw;
                    }
                    await store.SaveAsync(appId, fresh, cancellationToken);
                    _current = fresh;
                    Log.Fetched(logger, fresh.ExpiresAt);
                    return fresh.Value;
                }
                await Task.Delay(Poll, clock, cancellationToken);
            }
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private bool IsGood(WeChatAccessToken token) => token.ExpiresAt - RenewBefore > clock.GetUtcNow();

    private static partial class Log
    {
        [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Fetched a WeChat access token valid until {ExpiresAt}")]
        public static partial void Fetched(ILogger logger, DateTimeOffset expiresAt);
    }
}
