using CityWarmth.Skills.Text;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CityWarmth.Skills.WageDispute;

/// <summary>
/// The period wages are owed for: a date range (<see cref="From"/>..<see cref="To"/>, <see cref="Ongoing"/> when
/// "至今"), or only a length in <see cref="Months"/> ("三个月", "半年").
/// </summary>
public sealed record WagePeriod(DateOnly? From, DateOnly? To, int? Months, bool Ongoing, bool Approximate)
{
    /// <summary>Months covered, from the range when there is one.</summary>
    public int? EstimatedMonths => Months ?? (From is { } f && To is { } t
        ? Math.Max(1, ((t.Year - f.Year) * 12) + t.Month - f.Month + 1)
        : null);

    public string Display
    {
        get
        {
            var approx = Approximate ? "约" : string.Empty;
            if (From is { } from)
            {
                if (Ongoing)
                {
                    return $"{approx}{Point(from)}至今";
                }
                if (To is { } to)
                {
                    var wholeMonth = from.Day == 1 && to.Day == DateTime.DaysInMonth(to.Year, to.Month);
                    if (wholeMonth && from.Year == to.Year && from.Month == to.Month)
                    {
                        return $"{approx}{from.Year}年{from.Month}月";
                    }
                    return wholeMonth
                        ? $"{approx}{from.Year}年{from.Month}月至{to.Year}年{to.Month}月"
                        : $"{approx}{Day(from)}至{Day(to)}";
                }
            }
            return Months is { } m ? $"{approx}{m}个月" : "不详";
        }
    }

    private static string Point(DateOnly d) => d.Day == 1 ? $"{d.Year}年{d.Month}月" : Day(d);

    private static string Day(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";
}

/// <summary>
/// Reads periods: "今年3月到6月", "三个月", "去年腊月", "从5月份开始", "半年", "2024年10月至今", "2024.3-2024.6",
/// resolved against today's date. Pure and culture-invariant; never throws.
/// </summary>
public static partial class PeriodParser
{
    private static readonly ChineseLunisolarCalendar Lunar = new();

    public static WagePeriod? Parse(string? input, DateOnly today)
    {
        try
        {
            // "过完年就没发" counts from the first lunar month, which the point rules read ("正月起").
            return ParseCore(AfterSpringFestival().Replace(WageText.Normalize(input), "正月起"), today);
        }
        catch (ArgumentException)
        {
            return null; // a date outside the calendars' range
        }
    }

    private static WagePeriod? ParseCore(string text, DateOnly today)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var points = PointRegex().Matches(text).Where(m => m.Length > 0).ToList();
        if (points.Count > 0)
        {
            var first = points[0];
            if (ResolvePoint(first, today, null) is not { } a)
            {
                return null;
            }
            var after = text[(first.Index + first.Length)..];
            if (points.Count > 1)
            {
                var second = points[1];
                var between = text[(first.Index + first.Length)..second.Index];
                if (RangeSeparator().IsMatch(between) && ResolvePoint(second, today, a.Start) is { } b)
                {
                    var to = b.End > today ? today : b.End;
                    return a.Start <= to ? new WagePeriod(a.Start, to, null, false, a.Approximate || b.Approximate) : null;
                }
            }
            if (OngoingCue().IsMatch(after))
            {
                return a.Start <= today ? new WagePeriod(a.Start, null, null, true, a.Approximate) : null;
            }
            var end = a.End > today ? today : a.End;
            return a.Start <= end ? new WagePeriod(a.Start, end, null, false, a.Approximate) : null;
        }

        if (WholeYear().Match(text) is { Success: true } whole)
        {
            var year = today.Year + YearOffset(whole.Groups["y"].Value);
            var end = new DateOnly(year, 12, 31);
            return new WagePeriod(new DateOnly(year, 1, 1), end > today ? today : end, null, false, false);
        }

        if (RelativeMonth().Match(text) is { Success: true } rel)
        {
            var back = rel.Groups["w"].Value switch { "上上" => 2, "上" => 1, _ => 0 };
            var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-back);
            var last = first.AddMonths(1).AddDays(-1);
            var ongoing = OngoingCue().IsMatch(text[(rel.Index + rel.Length)..]);
            return new WagePeriod(first, ongoing ? null : (last > today ? today : last), null, ongoing, false);
        }

        if (HalfYear().IsMatch(text))
        {
            return new WagePeriod(null, null, 6, false, text.Contains('多'));
        }

        if (Duration().Match(text) is { Success: true } dur
            && ChineseNumber.TryParse(dur.Groups["n"].ValueSpan, out var n) && n is >= 1 and <= 20 && n == decimal.Truncate(n))
        {
            var perUnit = dur.Groups["unit"].Value.Contains('年') ? 12 : 1;
            var months = (int)n * perUnit + (dur.Groups["half"].Success ? perUnit / 2 : 0);
            var approximate = dur.Groups["more"].Success || (dur.Groups["half"].Success && perUnit == 1);
            return months is >= 1 and <= 240 ? new WagePeriod(null, null, months, false, approximate) : null;
        }

        if (HalfMonth().IsMatch(text))
        {
            return new WagePeriod(null, null, 1, false, true);
        }

        return null;
    }

    private readonly record struct PointRange(DateOnly Start, DateOnly End, bool Approximate);

    private static PointRange? ResolvePoint(Match m, DateOnly today, DateOnly? after)
    {
        int? year = null;
        if (m.Groups["y2"].Success)
        {
            year = int.Parse(m.Groups["y2"].Value, CultureInfo.InvariantCulture);
            return MonthRange(year.Value, int.Parse(m.Groups["m2"].Value, CultureInfo.InvariantCulture), null);
        }

        var y = m.Groups["y"].Value;
        if (y.Length == 4 || y.Length == 2)
        {
            var v = int.Parse(y, CultureInfo.InvariantCulture);
            year = y.Length == 2 ? 2000 + v : v;
        }
        else if (y.Length == 1)
        {
            year = today.Year + YearOffset(y);
        }

        if (m.Groups["e"].Success)
        {
            var month = m.Groups["e"].Value.Contains('初') ? 1 : 12;
            var ey = year ?? (month == 12 && today.Month < 12 ? today.Year - 1 : today.Year);
            return MonthRange(ey, month, null) is { } r ? r with { Approximate = true } : null;
        }

        var mText = m.Groups["m"].Value;
        var lunarMonth = mText switch { "正" => 1, "冬" => 11, "腊" => 12, _ => 0 };
        if (lunarMonth > 0)
        {
            var lunarYear = year ?? Lunar.GetYear(today.ToDateTime(TimeOnly.MinValue));
            var range = LunarMonthRange(lunarYear, lunarMonth);
            if (year is null && range is { } lr && lr.Start > today)
            {
                range = LunarMonthRange(lunarYear - 1, lunarMonth);
            }
            return range;
        }

        if (!ChineseNumber.TryParse(mText.AsSpan(), out var mv) || mv is < 1 or > 12)
        {
            return null;
        }
        var monthNumber = (int)mv;
        int? day = null;
        if (m.Groups["d"].Success && ChineseNumber.TryParse(m.Groups["d"].ValueSpan, out var dv) && dv is >= 1 and <= 31)
        {
            day = (int)dv;
        }

        if (year is null)
        {
            if (after is { } start)
            {
                year = monthNumber < start.Month ? start.Year + 1 : start.Year;
            }
            else
            {
                year = monthNumber > today.Month ? today.Year - 1 : today.Year;
            }
        }
        return MonthRange(year.Value, monthNumber, day);
    }

    private static PointRange? MonthRange(int year, int month, int? day)
    {
        if (year is < 1990 or > 2100 || month is < 1 or > 12)
        {
            return null;
        }
        var days = DateTime.DaysInMonth(year, month);
        if (day is { } d)
        {
            var date = new DateOnly(year, month, Math.Min(d, days));
            return new PointRange(date, date, false);
        }
        return new PointRange(new DateOnly(year, month, 1), new DateOnly(year, month, days), false);
    }

    /// <summary>The Gregorian days of a lunar month ("腊月" is month 12), skipping a leap month before it.</summary>
    private static PointRange? LunarMonthRange(int lunarYear, int month)
    {
        if (lunarYear < 1901 || lunarYear > 2100)
        {
            return null;
        }
        var leap = Lunar.GetLeapMonth(lunarYear);
        var index = leap > 0 && month >= leap ? month + 1 : month;
        var start = Lunar.ToDateTime(lunarYear, index, 1, 0, 0, 0, 0);
        var days = Lunar.GetDaysInMonth(lunarYear, index);
        return new PointRange(DateOnly.FromDateTime(start), DateOnly.FromDateTime(start.AddDays(days - 1)), true);
    }

    internal static int YearOffset(string word) => word switch
    {
        "去" => -1,
        "前" => -2,
        "明" => 1,
        _ => 0,
    };

    [GeneratedRegex(@"(?<!\d)(?:(?<y2>(?:19|20)\d{2})[./-](?<m2>1[0-2]|0?[1-9])(?!\d)|(?<y>(?:19|20)\d{2}|\d{2}|今|去|前|明|本)年(?<e>年?底|年?末|年?初)|(?<e>年底|年末|年初)|(?:(?<y>(?:19|20)\d{2}|\d{2}|今|去|前|明|本)年)?(?<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|正|冬|腊)月份?(?:(?<d>[12]\d|3[01]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?)")]
    private static partial Regex PointRegex();

    [GeneratedRegex(@"^\s*(份|底|初|中)?\s*(到|至|-|~|—|一直到|直到|到了)\s*$")]
    private static partial Regex RangeSeparator();

    [GeneratedRegex(@"^\s*(份|底|初|中)?\s*(到|至|一直到|直到)?\s*(至今|今天|现在|目前|如今|开始|起|以来|之后|以后)")]
    private static partial Regex OngoingCue();

    [GeneratedRegex(@"(?<y>今|去|前|本)年(一整年|全年|整年|一年|都|的工资|的工钱|一直)")]
    private static partial Regex WholeYear();

    [GeneratedRegex(@"(?<w>上上|上|这|本|当)个?月")]
    private static partial Regex RelativeMonth();

    [GeneratedRegex(@"(?<!\d|[一二三四五六七八九十])半年")]
    private static partial Regex HalfYear();

    [GeneratedRegex(@"半个?月")]
    private static partial Regex HalfMonth();

    [GeneratedRegex(@"过完年|过了年|过年(?:以后|之后|后)|春节(?:以后|之后|后)|(?<![\d一二两三四五六七八九十几多])年后")]
    private static partial Regex AfterSpringFestival();

    [GeneratedRegex(@"(?<n>\d{1,2}|[一二两三四五六七八九十]{1,3})(?<unit>个?(?<half>半)?(?<more>多)?个?月|(?<more>多)?年(?<half>半)?(?<more>多)?)")]
    private static partial Regex Duration();
}
