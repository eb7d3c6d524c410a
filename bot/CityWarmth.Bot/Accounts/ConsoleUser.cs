namespace CityWarmth.Bot.Accounts;

/// <summary>A caseworker or admin who signs in to the console.</summary>
public sealed class ConsoleUser
{
    public int Id { get; set; }

    /// <summary>Sign-in name, stored lower-case.</summary>
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>ASP.NET Core Identity's PasswordHasher format (PBKDF2 with salt).</summary>
    public required string PasswordHash { get; set; }
    public required string Role { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Changes whenever the account's sessions must end (sign-out, disabling, a new password); every console request
    /// compares its cookie's copy with this one.
    /// </summary>
    public string SecurityStamp { get; set; } = "";
}

/// <summary>Who saw or changed what, when; kept for every view of personal data.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public int? UserId { get; set; }
    public required string UserName { get; set; }
    public required string Action { get; set; }
    public required string Target { get; set; }
    public string? Detail { get; set; }
}

public static class ConsoleRoles
{
    public const string Caseworker = "caseworker";
    public const string Admin = "admin";

    public static bool IsValid(string role) => role is Caseworker or Admin;
}

public static class AuditActions
{
    public const string SignIn = "signin";
    public const string SignInFailed = "signin.failed";
    public const string SignOut = "signout";
    public const string CaseViewed = "case.view";
    public const string TranscriptViewed = "case.transcript";
    public const string CaseClaimed = "case.claim";
    public const string CaseTransferred = "case.transfer";
    public const string CaseClosed = "case.close";
    public const string UserCreated = "user.create";
    public const string UserDisabled = "user.disable";
    public const string UserEnabled = "user.enable";
}
