using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CityWarmth.Bot.Data;

namespace CityWarmth.Bot.Accounts;

public enum SignInOutcome
{
    Succeeded,
    Invalid,
    LockedOut,
}

public sealed record SignInResult(SignInOutcome Outcome, ConsoleUser? User);

/// <summary>Console accounts: creation with hashed passwords, password checks with lockout.</summary>
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
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.ConsoleUsers.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        Log.Created(logger, user.Id, role);
        return (user, null);
    }

    public async Task<SignInResult> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var name = NormalizeUserName(userName);
        var user = await db.ConsoleUsers.SingleOrDefaultAsync(u => u.UserName == name, cancellationToken);
        var now = clock.GetUtcNow();
        if (user is null || user.Disabled)
        {
            // Same work as a real check, so timing does not tell which names exist.
            hasher.VerifyHashedPassword(new ConsoleUser { UserName = "", DisplayName = "", PasswordHash = "", Role = "" }, DummyHash.Value, password);
            return new SignInResult(SignInOutcome.Invalid, null);
        }
        if (user.LockedUntil is { } until && until > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, user);
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            user.FailedSignIns++;
            if (user.FailedSignIns >= options.Value.MaxFailedSignIns)
            {
                user.LockedUntil = now.AddMinutes(options.Value.LockoutMinutes);
                user.FailedSignIns = 0;
                Log.LockedOut(logger, user.Id);
            }
            await db.SaveChangesAsync(cancellationToken);
            return new SignInResult(user.LockedUntil > now ? SignInOutcome.LockedOut : SignInOutcome.Invalid, user);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
        }
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        return new SignInResult(SignInOutcome.Succeeded, user);
    }

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

    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<ConsoleUser>().HashPassword(new ConsoleUser { UserName = "", DisplayName = "", PasswordHash = "", Role = "" }, Guid.NewGuid().ToString()));

    private static partial class Log
    {
        [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Console user {UserId} created with role {Role}")]
        public static partial void Created(ILogger logger, int userId, string role);

        [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Console user {UserId} locked out after repeated failed sign-ins")]
        public static partial void LockedOut(ILogger logger, int userId);
    }
}
