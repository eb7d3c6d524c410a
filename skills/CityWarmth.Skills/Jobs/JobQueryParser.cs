using CityWarmth.Skills.Text;
using System.Text.RegularExpressions;

namespace CityWarmth.Skills.Jobs;

/// <summary>One worker message read as a job request: the filters it names and what it asks to do with the last search.</summary>
public sealed record JobMessage
{
    /// <summary>The filters named in this message alone.</summary>
    public JobQuery Filters { get; init; } = new();

    public bool NearMe { get; init; }

    /// <summary>还有吗 / 更多: the next page of the last search.</summary>
    public bool MoreResults { get; init; }

    /// <summary>工资高一点的: raise the pay floor of the last search.</summary>
    public bool HigherPay { get; init; }

    /// <summary>换个保洁的: another trade, the other filters kept.</summary>
    public bool ChangeTrade { get; init; }

    public bool AsksFairs { get; init; }

    /// <summary>The posting id of a 详情 button.</summary>
    public string? DetailsId { get; init; }

    public bool ClearDistrict { get; init; }
    public bool ClearPay { get; init; }
    public bool ClearHousingAndMeals { get; init; }
    public bool ClearTrade { get; init; }
    public bool ClearPartTime { get; init; }
    public bool ClearAge { get; init; }

    public bool Relaxes => ClearDistrict || ClearPay || ClearHousingAndMeals || ClearTrade || ClearPartTime || ClearAge;
}

/// <summary>
/// Reads trade, district, pay, housing, age and part-time wishes out of a message in matching form
/// (TextNormalizer.ForMatching: simplified, lower-case, ASCII punctuation). Rule-based and table-tested.
/// </summary>
public sealed partial class JobQueryParser(JobVocabulary vocabulary)
{
    private static readonly (Regex Pattern, Func<JobMessage, JobMessage> Apply)[] Relaxations =
    [
        (RelaxDistrict(), m => m with { ClearDistrict = true }),
        (RelaxPay(), m => m with { ClearPay = true }),
        (RelaxHousing(), m => m with { ClearHousingAndMeals = true }),
        (RelaxTrade(), m => m with { ClearTrade = true }),
        (RelaxPartTime(), m => m with { ClearPartTime = true }),
        (RelaxAge(), m => m with { ClearAge = true }),
    ];

    // Words that carry no search meaning once the filters are taken out ("帮我找个…的活").
    private static readonly string[] FillerWords = [.. new[]
    {
        "帮我", "帮忙", "给我", "麻烦", "请问", "你好", "您好", "我想", "我要", "想找", "找个", "找份", "找一份", "找一个", "找点", "寻找", "找",
        "有没有", "有木有", "有么", "有吗", "有啥", "有什么", "还有", "什么", "啥", "能干", "能做", "可以干", "可以做", "适合", "干什么", "做什么",
        "工作", "岗位", "职位", "活儿", "活", "招人", "招聘", "招工", "招", "上班", "一下", "看看", "推荐", "介绍", "附近的", "本地",
        "吗", "呢", "啊", "吧", "呀", "嘛", "哦", "的", "得", "地", "我", "你", "您", "好", "要", "个", "份", "些", "在", "能", "了", "是", "都",
        "也", "和", "或", "想", "谁", "哪里", "哪儿", "哪", "多少", "钱", "工资", "干", "做", "人", "年纪", "岁数", "今年", "一个", "这", "那",
        "里", "边", "去", "就", "让", "可以", "行", "不", "没", "很", "多", "点", "最好", "最近", "现在", "的话", "需要", "会", "懂",
    }.OrderByDescending(w => w.Length)];

    /// <summary>Parses a message in matching form.</summary>
    public JobMessage Parse(string text, IReadOnlyCollection<string>? knownDistricts = null)
    {
        var message = new JobMessage();
        if (string.IsNullOrWhiteSpace(text))
        {
            return message;
        }

        if (DetailsCommand().Match(text.Trim()) is { Success: true } details)
        {
            return message with { DetailsId = details.Groups["id"].Value };
        }

        var used = new bool[text.Length];
        var filters = new JobQuery();

        foreach (var (pattern, apply) in Relaxations)
        {
            if (Consume(pattern, text, used))
            {
                message = apply(message);
            }
        }

        message = message with
        {
            HigherPay = Consume(HigherPayWords(), text, used),
            MoreResults = Consume(MoreWords(), text, used),
            AsksFairs = Consume(FairWords(), text, used),
            NearMe = Consume(NearWords(), text, used),
        };

        if (Consume(HousingAndMeals(), text, used))
        {
            filters = filters with { NeedsHousing = true, NeedsMeals = true };
        }
        if (!message.ClearHousingAndMeals && Consume(HousingWords(), text, used))
        {
            filters = filters with { NeedsHousing = true };
        }
        if (!message.ClearHousingAndMeals && Consume(MealWords(), text, used))
        {
            filters = filters with { NeedsMeals = true };
        }
        if (Consume(DailyPayWords(), text, used))
        {
            filters = filters with { DailyPay = true };
        }
        if (!message.ClearPartTime && Consume(PartTimeWords(), text, used))
        {
            filters = filters with { PartTime = true };
        }

        filters = ReadAmounts(text, used, filters);

        var district = JobVocabulary.FindDistrict(text, knownDistricts ?? vocabulary.Districts);
        if (district is not null && !message.ClearDistrict)
        {
            used.AsSpan(district.Start, district.Length).Fill(true);
            filters = filters with { District = district.Word };
        }

        if (!message.ClearTrade)
        {
            var trades = vocabulary.FindTrades(text);
            if (trades.Count > 0)
            {
                foreach (var match in trades)
                {
                    used.AsSpan(match.Start, match.Length).Fill(true);
                }
                filters = filters with
                {
                    Trades = [.. trades.SelectMany(t => t.Trades).Distinct(StringComparer.Ordinal)],
                    TradeWord = string.Join("、", trades.Select(t => t.Word).Distinct(StringComparer.Ordinal)),
                };
                message = message with { ChangeTrade = ChangeWords().IsMatch(text) };
            }
        }

        filters = filters with { Keywords = Leftover(text, used) };
        return message with { Filters = filters };
    }

    /// <summary>Reads pay ("六千以上", "一天三百", "月薪8k") and age ("五十岁") from the message.</summary>
    private static JobQuery ReadAmounts(string text, bool[] used, JobQuery filters)
    {
        foreach (Match m in Amount().Matches(text))
        {
            if (!ChineseNumber.TryParse(m.Groups["num"].Value, out var value) || IsUsed(used, m.Groups["num"]))
            {
                continue;
            }

            if (m.Groups["age"].Success)
            {
                if (value is >= 14 and <= 80)
                {
                    filters = filters with { Age = (int)value };
                    Mark(used, m);
                }
                continue;
            }

            var pre = m.Groups["pre"].Value;
            var per = m.Groups["per"].Value;
            var hasPayMarker = pre.Length > 0 || per.Length > 0 || m.Groups["post"].Success || m.Groups["more"].Success
                || m.Groups["num"].Value.EndsWith('k') || m.Groups["num"].Value.EndsWith('w');
            if (!(hasPayMarker && value >= 10) && value < 1000)
            {
                continue;
            }

            var unit = UnitOf(pre + per) ?? (value >= 1000 ? PayUnit.Month : value >= 100 ? PayUnit.Day : PayUnit.Hour);
            filters = filters with { MinPay = value, MinPayUnit = unit };
            if (pre is "日结")
            {
                filters = filters with { DailyPay = true };
            }
            Mark(used, m);
        }

        if (filters.Age is null && AgeStatement().Match(text) is { Success: true } age && !IsUsed(used, age)
            && ChineseNumber.TryParse(age.Groups["num"].Value, out var years) && years is >= 14 and <= 80)
        {
            filters = filters with { Age = (int)years };
            Mark(used, age);
        }
        return filters;
    }

    private static PayUnit? UnitOf(string marker)
    {
        if (marker.Contains('月'))
        {
            return PayUnit.Month;
        }
        if (marker.Contains('天') || marker.Contains('日'))
        {
            return PayUnit.Day;
        }
        if (marker.Contains("小时") || marker.Contains("时薪") || marker.Contains("/h"))
        {
            return PayUnit.Hour;
        }
        return null;
    }

    private static string? Leftover(string text, bool[] used)
    {
        var rest = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            rest.Append(used[i] ? ' ' : text[i]);
        }
        var s = rest.ToString();
        foreach (var filler in FillerWords)
        {
            s = s.Replace(filler, " ", StringComparison.Ordinal);
        }
        // Single characters left over are particles or fragments, not search words.
        var words = NonWord().Split(s).Where(w => w.Length >= 2).ToArray();
        return words.Length == 0 ? null : string.Join(' ', words);
    }

    private static bool Consume(Regex pattern, string text, bool[] used)
    {
        var found = false;
        foreach (Match m in pattern.Matches(text))
        {
            if (!IsUsed(used, m))
            {
                found = true;
                Mark(used, m);
            }
        }
        return found;
    }

    private static bool IsUsed(bool[] used, Group g) => used.AsSpan(g.Index, g.Length).Contains(true);

    private static void Mark(bool[] used, Group g) => used.AsSpan(g.Index, g.Length).Fill(true);

    [GeneratedRegex(@"^(?:详情|职位详情|查看详情|查看职位)\s*(?<id>[a-z0-9][a-z0-9_.-]{0,63})$")]
    private static partial Regex DetailsCommand();

    [GeneratedRegex("不限区域|不限地区|不限地方|不限区|区域不限|地方不限|哪个区都行|哪里都行|哪都行|在哪都行|远点也行|远一点也行|别的区|其他区|全市")]
    private static partial Regex RelaxDistrict();

    [GeneratedRegex("不限工资|工资不限|工资无所谓|工资低点也行|工资低一点也行|钱少点也行|不限薪资|薪资不限")]
    private static partial Regex RelaxPay();

    [GeneratedRegex("不要求包吃住|不用包吃住|不包吃住也行|不包吃住也可以|不管吃住|不包住也行|不用包住|不包吃也行|不用包吃|吃住无所谓|不限吃住")]
    private static partial Regex RelaxHousing();

    [GeneratedRegex("不限工种|工种不限|什么活都行|啥活都行|什么都行|啥都行|干啥都行|什么工作都行|所有工种|别的工种|其他工种")]
    private static partial Regex RelaxTrade();

    [GeneratedRegex("不要兼职|不是兼职|全职也行|全职|长期工|长期干|不要求日结|不用日结|不日结也行")]
    private static partial Regex RelaxPartTime();

    [GeneratedRegex("不限年龄|年龄不限")]
    private static partial Regex RelaxAge();

    [GeneratedRegex("工资高一?点|钱多一?点|工资更高|高一?点的|高工资|多挣点|挣得多|工资多一?点|待遇好一?点|收入高一?点")]
    private static partial Regex HigherPayWords();

    [GeneratedRegex("还有吗|还有没有别的|还有别的吗|还有其他|更多|下一页|再来几个|换一批|再看看|再多看|多看几个|还有呢|^还有$|^下一批$")]
    private static partial Regex MoreWords();

    [GeneratedRegex("招聘会|双选会|招工会|直播带岗|带岗直播|人才市场|劳务市场|专场招聘|现场招聘|用工对接会")]
    private static partial Regex FairWords();

    [GeneratedRegex("附近|周边|离我近|离家近|近一点|近点的|家门口|就近|这附近|我这边")]
    private static partial Regex NearWords();

    [GeneratedRegex("包吃包住|包吃住|管吃管住|管吃住|吃住全包|包食宿|提供食宿|食宿全包")]
    private static partial Regex HousingAndMeals();

    [GeneratedRegex("包住|提供住宿|有宿舍|管住|包住宿|提供宿舍|员工宿舍")]
    private static partial Regex HousingWords();

    [GeneratedRegex("包吃|包餐|管饭|管吃|供餐|包三餐|包两餐|包一餐|工作餐|提供餐")]
    private static partial Regex MealWords();

    [GeneratedRegex("日结|当天结|天天结|现结|一天一结|当日结")]
    private static partial Regex DailyPayWords();

    [GeneratedRegex("兼职|临时工|零工|短期工|小时工|钟点工|散工|短工|打零工|周末工")]
    private static partial Regex PartTimeWords();

    [GeneratedRegex("换|改成|改找|改为|^那|呢$|呢\\?$")]
    private static partial Regex ChangeWords();

    [GeneratedRegex(@"(?<pre>月薪|月工资|月收入|月入|底薪|保底|一个月|每个月|每月|日薪|一天|每天|天薪|日结|时薪|一个小时|一小时|每小时|工资|薪资|薪水|收入|待遇)?\s*(?<num>\d+(?:\.\d+)?\s*[kw千万]?|(?:[零〇一二两三四五六七八九十百千万](?!个月|个小时|小时|天))+)\s*(?<post>块钱|块|元|rmb)?\s*(?<per>/月|/天|/日|/小时|/h|一个月|每个月|每月|一天|每天|一个小时|一小时|每小时|个月|天|小时)?\s*(?<more>以上|及以上|起步|起|往上|左右|上下|多|\+)?(?<age>周岁|岁)?")]
    private static partial Regex Amount();

    [GeneratedRegex("(?:今年|年龄|年纪|岁数|我都|我已经|我快)\\s*(?<num>\\d{2}|[一二三四五六七]十[一二三四五六七八九]?)(?:了|啦|多)?")]
    private static partial Regex AgeStatement();

    [GeneratedRegex(@"[\s,.!?;:'""()\-/]+")]
    private static partial Regex NonWord();
}
