using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CityWarmth.Bot.Data;

namespace CityWarmth.Bot.Accounts;

public enum SignInOutcome
{
    Succeeded,
    Invalid,
    /// <summary>Too many failures from this address for this name: not checked at all.</summary>
    Throttled,
}

public sealed record SignInResult(SignInOutcome Outcome, ConsoleUser? User);

/// <summary>Console accounts: creation with hashed passwords, password checks, sessions and disabling.</summary>
public sealed partial class AccountService(
    IDbContextFactory<BotDbContext> dbFactory,
    IPasswordHasher<ConsoleUser> hasher,
    IOptions<ConsoleAccountOptions> options,
    TimeProvider clock,
    ILogger<AccountService> logger)
{
    public static string NormalizeUserName(string userName) => userName.Trim().ToLowerInvariant();

    /// <summary>Returns the problem in Chinese, or null when the input is acceptable.</summary>
    public string? Validate(string userName, string displayName, string password, string role)
    {
        var name = NormalizeUserName(userName);
        if (name.Length is < 2 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            return "用户名需2-64位，只能用字母、数字和 . _ -";
        }
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 64)
        {
            return "请填写显示名（64字以内）";
        }
        if (password.Length < options.Value.MinPasswordLength || password.Length > 128)
        {
            return $"密码至少{options.Value.MinPasswordLength}位";
        }
        return ConsoleRoles.IsValid(role) ? null : "角色只能是 caseworker 或 admin";
    }

    public async Task<(ConsoleUser? User, string? Error)> CreateAsync(string userName, string displayName, string password, string role, CancellationToken cancellationToken)
    {
        if (Validate(userName, displayName, password, role) is { } error)
        {
            return (null, error);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var name = NormalizeUserName(userName);
        if (await db.ConsoleUsers.AnyAsync(u => u.UserName == name, cancellationToken))
        {
            return (null, "用户名已存在");
        }
        var user = new ConsoleUser
        {
            UserName = name,
            DisplayName = displayName.Trim(),
            PasswordHash = "",
            Role = role,
            CreatedAt = clock.GetUtcNow(),
            SecurityStamp = NewStamp(),
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.ConsoleUsers.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        Log.Created(logger, user.Id, role);
        return (user, null);
    }

    /// <summary>
    /// Checks a name and password. A wrong password, an unknown name and a disabled account answer alike and take the
    /// same work (one password hash), so neither the answer nor its time tells which names exist. Repeated failures are
    /// throttled per address and name by <see cref="SignInThrottle"/>, never by locking the account.
    /// </summary>
    public async Task<SignInResult> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var name = NormalizeUserName(userName);
        var user = await db.ConsoleUsers.SingleOrDefaultAsync(u => u.UserName == name, cancellationToken);
        if (user is null || user.Disabled)
        {
            hasher.VerifyHashedPassword(new ConsoleUser { UserName = "", DisplayName = "", PasswordHash = "", Role = "" }, DummyHash.Value, password);
            return new SignInResult(SignInOutcome.Invalid, null);
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            return new SignInResult(SignInOutcome.Invalid, user);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
        }
        // Counters of the lockout older releases kept are cleared on the way.
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        return new SignInResult(SignInOutcome.Succeeded, user);
    }

    /// <summary>Whether a session's cookie still speaks for an enabled account whose sessions were not ended since.</summary>
    public async Task<bool> IsSessionValidAsync(int userId, string? stamp, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.ConsoleUsers.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Disabled, u.SecurityStamp }).SingleOrDefaultAsync(cancellationToken);
        return user is { Disabled: false } && stamp is not null
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(user.SecurityStamp), System.Text.Encoding.UTF8.GetBytes(stamp));
    }

    /// <summary>Ends every session of the account (a copied cookie included).</summary>
    public async Task EndSessionsAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stamp = NewStamp();
        await db.ConsoleUsers.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, stamp), cancellationToken);
    }

    /// <summary>Disables or enables an account; disabling ends its sessions. False when there is no such account.</summary>
    public async Task<bool> SetDisabledAsync(int userId, bool disabled, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stamp = NewStamp();
        var changed = await db.ConsoleUsers.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Disabled, disabled).SetProperty(u => u.SecurityStamp, stamp), cancellationToken);
        if (changed == 1)
        {
            Log.DisabledChanged(logger, userId, disabled);
        }
        return changed == 1;
    }

    private static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public async Task<ConsoleUser?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ConsoleUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
    }

    public async Task<IReadOnlyList<ConsoleUser>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ConsoleUsers.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
    }

    // Made with the service's own hasher (its iteration count), so checking against it costs what a real check costs.
    private Lazy<string> DummyHash => _dummyHash ??= new(() =>
        hasher.HashPassword(new ConsoleUser { UserName = "", DisplayName = "", PasswordHash = "", Role = "" }, Guid.NewGuid().ToString()));

    private Lazy<string>? _dummyHash;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Console user {UserId} created with role {Role}")]
        public static partial void Created(ILogger logger, int userId, string role);

        [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "Console user {UserId} disabled: {Disabled}")]
        public static partial void DisabledChanged(ILogger logger, int userId, bool disabled);
    }
}
