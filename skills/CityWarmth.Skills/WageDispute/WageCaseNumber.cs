using System.Globalization;
using System.Text.RegularExpressions;

namespace CityWarmth.Skills.WageDispute;

/// <summary>Case numbers <c>QX-YYYYMMDD-NNNN</c>: the China date of submission and that day's sequence.</summary>
public static partial class WageCaseNumber
{
    /// <summary>China Standard Time (no daylight saving), so the day does not depend on the server's zone.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static DateOnly ChinaDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(ChinaOffset).DateTime);

    public static DateOnly Today(TimeProvider time) => ChinaDate(time.GetUtcNow());

    public static string Format(DateOnly day, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 9999);
        return string.Create(CultureInfo.InvariantCulture, $"QX-{day:yyyyMMdd}-{sequence:D4}");
    }

    public static bool TryParse(string? value, out DateOnly day, out int sequence)
    {
        day = default;
        sequence = 0;
        var m = value is null ? Match.Empty : Pattern().Match(value.Trim());
        return m.Success
            && DateOnly.TryParseExact(m.Groups["d"].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
            && int.TryParse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && sequence >= 1;
    }

    /// <summary>
    /// The first case number written anywhere in a message, as stored ("qx 20261207 0003" and "QX－20261207－0003"
    /// read QX-20261207-0003); null when there is none.
    /// </summary>
    public static string? Find(string? text)
    {
        var m = text is null ? Match.Empty : Written().Match(text);
        return m.Success ? $"QX-{m.Groups["d"].Value}-{m.Groups["n"].Value}" : null;
    }

    [GeneratedRegex(@"^QX-(?<d>\d{8})-(?<n>\d{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?<![A-Za-z])[Qq][Xx]\s*[-_－—\s]?\s*(?<d>[0-9]{8})\s*[-_－—\s]?\s*(?<n>[0-9]{4})(?![0-9])")]
    private static partial Regex Written();
}
