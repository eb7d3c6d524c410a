using System.Globalization;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Handoff;

/// <summary>When caseworkers are at their desks, in the office's own time zone.</summary>
public sealed class OfficeHours
{
    private static readonly string[] DayNames = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    private readonly TimeZoneInfo _zone;
    private readonly HashSet<DayOfWeek> _days;
    private readonly TimeOnly _opens;
    private readonly TimeOnly _closes;

    public OfficeHours(IOptions<HandoffOptions> options)
    {
        var o = options.Value;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(o.TimeZone);
        _days = [.. o.OpenDays];
        _opens = TimeOnly.ParseExact(o.OpensAt, "HH:mm", CultureInfo.InvariantCulture);
        _closes = TimeOnly.ParseExact(o.ClosesAt, "HH:mm", CultureInfo.InvariantCulture);
    }

    public bool IsOpen(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, _zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return _days.Contains(local.DayOfWeek) && time >= _opens && time < _closes;
    }

    /// <summary>The next opening after <paramref name="now"/>, in local time.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, _zone);
        for (var day = 0; day <= 7; day++)
        {
            var date = DateOnly.FromDateTime(local.DateTime).AddDays(day);
            if (!_days.Contains(date.DayOfWeek))
            {
                continue;
            }
            var opening = date.ToDateTime(_opens);
            if (opening > local.DateTime)
            {
                return new DateTimeOffset(opening, _zone.GetUtcOffset(opening));
            }
        }
        return local;
    }

    /// <summary>"周一至周五 09:00-17:30" for the worker.</summary>
    public string Describe()
    {
        var days = _days.OrderBy(d => ((int)d + 6) % 7).ToList();
        var contiguous = days.Count > 1 && days.Zip(days.Skip(1)).All(p => ((int)p.Second + 6) % 7 - ((int)p.First + 6) % 7 == 1);
        var dayText = days.Count == 7 ? "每天"
            : contiguous ? $"{DayNames[(int)days[0]]}至{DayNames[(int)days[^1]]}"
            : string.Join("、", days.Select(d => DayNames[(int)d]));
        return $"{dayText} {_opens:HH\\:mm}-{_closes:HH\\:mm}";
    }

    /// <summary>"6月3日（周一）09:00" for the worker.</summary>
    public static string Format(DateTimeOffset local) =>
        $"{local.Month}月{local.Day}日（{DayNames[(int)local.DayOfWeek]}）{local:HH\\:mm}";
}
