using CityWarmth.Skills.Text;
using System.Text.RegularExpressions;

namespace CityWarmth.Skills.WageDispute;

/// <summary>Whether the job has ended and, when said, on which day (approximate for "上个月", "3月份").</summary>
public sealed record JobStatus(bool Ended, DateOnly? EndedOn, bool DateApproximate);

/// <summary>Reads "已经不干了", "上个月离职了", "还在干" and end dates. Pure; never throws.</summary>
public static partial class JobStatusParser
{
    /// <summary>Reads whether the job has ended (and when, if the message says); null when it does not say.</summary>
    public static JobStatus? Parse(string? input, DateOnly today)
    {
        var text = WageText.Normalize(input);
        if (StillWorking().IsMatch(text))
        {
            return new JobStatus(false, null, false);
        }
        if (!Ended().IsMatch(text))
        {
            return null;
        }
        var date = ParseDate(text, today);
        return new JobStatus(true, date?.Date, date?.Approximate ?? false);
    }

    /// <summary>Reads the day a job ended: "昨天", "两个月前", "上个月", "3月5号", "去年底". Never in the future.</summary>
    public static (DateOnly Date, bool Approximate)? ParseDate(string? input, DateOnly today)
    {
        var text = WageText.Normalize(input);
        if (text.Length == 0)
        {
            return null;
        }
        if (text.Contains("今天"))
        {
            return (today, false);
        }
        if (text.Contains("前天"))
        {
            return (today.AddDays(-2), false);
        }
        if (text.Contains("昨天"))
        {
            return (today.AddDays(-1), false);
        }
        if (LastWeek().IsMatch(text))
        {
            return (today.AddDays(-7), true);
        }
        if (Ago().Match(text) is { Success: true } ago)
        {
            var n = ago.Groups["n"].Value == "半" ? 0.5m : ChineseNumber.TryParse(ago.Groups["n"].ValueSpan, out var v) ? v : -1;
            if (n is > 0 and <= 100)
            {
                var unit = ago.Groups["u"].Value;
                var date = unit switch
                {
                    "天" => today.AddDays(-(int)n),
                    "周" or "个星期" or "个礼拜" => today.AddDays(-(int)(n * 7)),
                    "年" => today.AddMonths(-(int)(n * 12)),
                    _ => n == 0.5m ? today.AddDays(-15) : today.AddMonths(-(int)n),
                };
                return (date, true);
            }
        }
        if (PeriodParser.Parse(text, today) is { From: { } from } period)
        {
            if (MonthEnd().IsMatch(text) && period.To is { } last)
            {
                return (last, true); // "3月底", "去年年底"
            }
            if (MidMonth().IsMatch(text) && from.Day == 1)
            {
                return (from.AddDays(14), true);
            }
            // A month without a day: take its first day, the earliest the job can have ended, so a deadline
            // computed from it is never later than the real one.
            var exact = period.To == from && !period.Approximate;
            return from <= today ? (from, !exact) : null;
        }
        return null;
    }

    [GeneratedRegex(@"还在(干|做|上班|工作|那|这|厂|工地)|没(有)?(离职|走|辞职|辞工|不干|被辞|被开)|在职|继续(干|做)|还没(完工|结束|干完|走)|仍(在|然在)|没离开")]
    private static partial Regex StillWorking();

    [GeneratedRegex(@"不干了|不做了|离职|辞职|辞工|走了|离开|被(开除|辞退|赶走|炒|裁)|辞退|开除|解雇|完工|干完|做完|结束了|已经走|回家了|回老家|停工|跑路|散伙|工程(结束|完了|做完)|已经不|早就不|不在那")]
    private static partial Regex Ended();

    [GeneratedRegex(@"(月|年)(底|末)")]
    private static partial Regex MonthEnd();

    [GeneratedRegex(@"月中")]
    private static partial Regex MidMonth();

    [GeneratedRegex(@"上(个)?(周|星期|礼拜)")]
    private static partial Regex LastWeek();

    [GeneratedRegex(@"(?<n>\d{1,3}|[一二两三四五六七八九十]{1,3}|半)(多)?(?<u>天|周|个星期|个礼拜|个月|年)(多)?(前|之前|以前)")]
    private static partial Regex Ago();
}
