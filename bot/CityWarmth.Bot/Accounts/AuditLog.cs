using System.Security.Claims;
using CityWarmth.Bot.Data;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Accounts;

/// <summary>Writes and reads the audit log (who, when, what).</summary>
public sealed class AuditLog(IDbContextFactory<BotDbContext> dbFactory, TimeProvider clock)
{
    public Task WriteAsync(ClaimsPrincipal user, string action, string target, string? detail, CancellationToken cancellationToken) =>
        WriteAsync(ConsoleClaims.UserId(user), user.Identity?.Name ?? "", action, target, detail, cancellationToken);

    public async Task WriteAsync(int? userId, string userName, string action, string target, string? detail, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditLog.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = userId,
            UserName = userName.Length > 64 ? userName[..64] : userName,
            Action = action,
            Target = target,
            Detail = detail is { Length: > 500 } ? detail[..500] : detail,
        });
        // Not the request's token: an audit record is written even if the browser goes away.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(int max, string? target, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(target))
        {
            query = query.Where(a => a.Target == target);
        }
        return await query.OrderByDescending(a => a.Id).Take(max).ToListAsync(cancellationToken);
    }
}

/// <summary>The claims of a console session.</summary>
public static class ConsoleClaims
{
    public const string DisplayName = "display_name";

    /// <summary>The account's security stamp when the session began (see <see cref="ConsoleUser.SecurityStamp"/>).</summary>
    public const string SecurityStamp = "security_stamp";

    public static ClaimsPrincipal Create(ConsoleUser user, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, user.UserName),
        new Claim(DisplayName, user.DisplayName),
        new Claim(ClaimTypes.Role, user.Role),
        new Claim(SecurityStamp, user.SecurityStamp),
    ], scheme, ClaimTypes.Name, ClaimTypes.Role));

    public static int? UserId(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static Handoff.ConsoleActor Actor(ClaimsPrincipal user) => new(
        UserId(user) ?? throw new InvalidOperationException("Not a console session."),
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "",
        user.IsInRole(ConsoleRoles.Admin));
}
