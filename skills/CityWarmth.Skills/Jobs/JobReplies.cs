using System.Globalization;
using CityWarmth.Skills.Conversation;

namespace CityWarmth.Skills.Jobs;

/// <summary>How postings, fairs and searches are put into words and cards.</summary>
public static class JobReplies
{
    /// <summary>"东湖区的电工岗位（月薪6000元以上，包吃包住）".</summary>
    public static string Describe(JobQuery query)
    {
        var what = query.TradeWord ?? (query.Keywords is { } k ? $"“{k}”相关" : "");
        var place = query.District is null ? "" : query.District + "的";
        var conditions = new List<string>();
        if (query.MinPay is { } pay)
        {
            var prefix = query.MinPayUnit switch { PayUnit.Day => "日薪", PayUnit.Hour => "时薪", _ => "月薪" };
            conditions.Add($"{prefix}{JobPay.Amount(pay)}元以上");
        }
        if (query.NeedsHousing || query.NeedsMeals)
        {
            conditions.Add(Board(query.NeedsHousing, query.NeedsMeals));
        }
        if (query.Age is { } age)
        {
            conditions.Add($"{age}岁能做");
        }
        if (query.PartTime)
        {
            conditions.Add("兼职");
        }
        if (query.DailyPay)
        {
            conditions.Add("日结");
        }
        if (query.TradeWord is not null && query.Keywords is { } extra)
        {
            conditions.Add($"含“{extra}”");
        }
        var text = $"{place}{what}岗位";
        return conditions.Count == 0 ? text : $"{text}（{string.Join('，', conditions)}）";
    }

    /// <summary>Buttons that drop one condition each, for an empty result.</summary>
    public static IEnumerable<ReplyButton> WideningButtons(JobQuery query)
    {
        if (query.District is not null)
        {
            yield return ReplyButton.Of("不限区域");
        }
        if (query.MinPay is not null)
        {
            yield return ReplyButton.Of("不限工资");
        }
        if (query.NeedsHousing || query.NeedsMeals)
        {
            yield return ReplyButton.Of("不要求包吃住");
        }
        if (query.PartTime || query.DailyPay)
        {
            yield return ReplyButton.Of("全职也行");
        }
        if (query.Trades.Count > 0 || query.Keywords is not null)
        {
            yield return ReplyButton.Of("不限工种");
        }
    }

    public static ReplyCard Card(JobPosting posting)
    {
        var facts = new List<string> { Board(posting.HousingProvided, posting.MealsProvided) };
        if (posting.PartTime)
        {
            facts.Add("兼职");
        }
        facts.Add(posting.Employer);
        facts.Add($"{Date(posting.PostedOn)}发布");
        if (posting.IsSample)
        {
            facts.Add("示例");
        }
        return new ReplyCard(
            posting.Title,
            $"{JobPay.Describe(posting)} · {posting.District}",
            string.Join(" · ", facts),
            [new ReplyButton("详情", $"详情 {posting.Id}")]);
    }

    public static string Details(JobPosting posting)
    {
        var lines = new List<string> { posting.IsSample ? $"{posting.Title}（示例数据，单位和电话为虚构）" : posting.Title };
        lines.Add($"单位：{posting.Employer}");
        lines.Add($"工资：{JobPay.Describe(posting)}");
        lines.Add($"地点：{posting.City}{(posting.Address is { } a && a.StartsWith(posting.District, StringComparison.Ordinal) ? a : posting.District + posting.Address)}");
        if (posting.Hours is { Length: > 0 } hours)
        {
            lines.Add($"时间：{hours}");
        }
        lines.Add($"食宿：{Board(posting.HousingProvided, posting.MealsProvided)}");
        if (posting.AgeMin is not null || posting.AgeMax is not null)
        {
            lines.Add($"年龄：{posting.AgeMin?.ToString(CultureInfo.InvariantCulture) ?? "不限"}-{posting.AgeMax?.ToString(CultureInfo.InvariantCulture) ?? "不限"}岁");
        }
        lines.Add($"类型：{(posting.PartTime ? "兼职/临时" : "全职")}");
        if (posting.Description is { Length: > 0 } description)
        {
            lines.Add($"说明：{description}");
        }
        lines.Add($"电话：{posting.ContactPhone}");
        lines.Add(posting.ExpiresOn is { } expires
            ? $"发布：{Date(posting.PostedOn)}，有效期到{Date(expires)}"
            : $"发布：{Date(posting.PostedOn)}");
        lines.Add($"来源：{posting.Source}");
        lines.Add("提醒：正规招聘不收押金、培训费，要先交钱的请当心；上班前记得签劳动合同。");
        return string.Join('\n', lines);
    }

    public static ReplyCard FairCard(JobFair fair)
    {
        var local = fair.StartsAt.ToOffset(JobCalendar.ChinaOffset);
        var weekday = "日一二三四五六"[(int)local.DayOfWeek];
        var when = $"{local.Month}月{local.Day}日 周{weekday} {local:HH:mm}";
        var parts = new List<string> { fair.Place ?? "线上直播", $"主办：{fair.Organiser}" };
        if (fair.Trades.Count > 0)
        {
            parts.Add($"岗位：{string.Join('、', fair.Trades)}等");
        }
        IReadOnlyList<ReplyButton> buttons = fair.OnlineUrl is { } url ? [ReplyButton.Link("看直播", url)] : [];
        return new ReplyCard(fair.Title, $"{when} · {fair.Kind}", string.Join(" · ", parts), buttons);
    }

    public static string Board(bool housing, bool meals) => (housing, meals) switch
    {
        (true, true) => "包吃包住",
        (true, false) => "包住",
        (false, true) => "包吃",
        _ => "不包吃住",
    };

    private static string Date(DateOnly date) => $"{date.Month}月{date.Day}日";
}
