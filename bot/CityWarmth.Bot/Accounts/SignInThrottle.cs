using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Accounts;

/// <summary>
/// Counts failed console sign-ins per client address and name. Past the limit that address may not try that name
/// again until the window ends; the account itself is never locked, so a stranger elsewhere cannot lock a caseworker
/// out, and a name that does not exist is throttled the same way as one that does.
/// </summary>
public sealed class SignInThrottle(IOptions<ConsoleAccountOptions> options, TimeProvider clock)
{
    private const int MaxTracked = 100_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    private sealed record Failures(int Count, DateTimeOffset WindowEnds);

    /// <summary>Whether this address may try this name now.</summary>
    public bool IsThrottled(string address, string userName) =>
        _failures.TryGetValue(Key(address, userName), out var failures)
        && failures.WindowEnds > clock.GetUtcNow()
        && failures.Count >= options.Value.MaxFailedSignIns;

    public void RecordFailure(string address, string userName)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count >= MaxTracked)
        {
            foreach (var (key, value) in _failures)
            {
                if (value.WindowEnds <= now)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }
        var window = TimeSpan.FromMinutes(options.Value.LockoutMinutes);
        _failures.AddOrUpdate(Key(address, userName),
            _ => new Failures(1, now + window),
            (_, old) => old.WindowEnds <= now ? new Failures(1, now + window) : old with { Count = old.Count + 1 });
    }

    public void RecordSuccess(string address, string userName) => _failures.TryRemove(Key(address, userName), out _);

    private static string Key(string address, string userName) => address + "|" + AccountService.NormalizeUserName(userName);
}
