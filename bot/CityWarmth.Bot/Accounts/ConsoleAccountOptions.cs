using System.ComponentModel.DataAnnotations;

namespace CityWarmth.Bot.Accounts;

/// <summary>Console sign-in settings, in the <c>Admin</c> section.</summary>
public sealed class ConsoleAccountOptions
{
    public const string SectionName = "Admin";

    /// <summary>A session ends after this many idle minutes (sliding).</summary>
    [Range(1, 24 * 60)]
    public int SessionMinutes { get; set; } = 30;

    /// <summary>Wrong passwords from one address for one name before that address must wait (LockoutMinutes).</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long an address waits after too many wrong passwords for one name; the account is never locked.</summary>
    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    [Range(8, 128)]
    public int MinPasswordLength { get; set; } = 10;
}
