using System.Text.RegularExpressions;

namespace CityWarmth.Skills.WageDispute;

/// <summary>Reads where the work was: district, workplace or project, trade, and whether it is construction.</summary>
public static partial class WorkplaceParser
{
    // Words ending in 区 that are never a district, whatever comes before them ("某某小区").
    private static readonly string[] NotDistrictSuffixes =
        ["小区", "社区", "园区", "厂区", "景区", "校区", "营区", "街区", "片区", "工业区", "生活区", "住宅区", "办公区", "施工区",
         "宿舍区", "服务区", "矿区", "库区"];

    // Words that are not a district on their own but end real names ("洪山区", "新城区").
    private static readonly string[] NotDistrictWords = ["山区", "郊区", "市区", "城区", "地区", "灾区", "牧区", "禁区", "辖区", "新区"];

    private static readonly string[] Trades =
        ["钢筋工", "木工", "泥瓦工", "瓦工", "架子工", "水电工", "电工", "电焊工", "焊工", "油漆工", "抹灰工", "砌筑工", "混凝土工", "防水工",
         "模板工", "塔吊司机", "装修工", "小工", "杂工", "普工", "搬运工", "装卸工", "司机", "保安", "保洁", "厨师", "服务员", "快递员",
         "外卖员", "骑手", "操作工", "流水线", "缝纫工", "绿化工", "环卫工", "家政", "保姆", "月嫂", "采摘工"];

    private static readonly string[] ConstructionTrades =
        ["钢筋工", "木工", "泥瓦工", "瓦工", "架子工", "水电工", "抹灰工", "砌筑工", "混凝土工", "防水工", "模板工", "塔吊司机", "装修工"];

    /// <summary>The district (区/县, else 市) named in the text, e.g. "东湖区".</summary>
    public static string? FindDistrict(string? input)
    {
        var text = WageText.Normalize(input);
        string? city = null;
        foreach (var segment in Separators().Split(text))
        {
            foreach (Match m in District().Matches(segment))
            {
                var value = Leading().Replace(m.Value, string.Empty);
                if (value.Length >= 2 && !NotDistrictSuffixes.Any(value.EndsWith) && !NotDistrictWords.Contains(value) && (value.Length >= 3 || value.EndsWith('县') || value.EndsWith('旗')))
                {
                    return value;
                }
            }
            if (city is null && City().Match(segment) is { Success: true } c)
            {
                var value = Leading().Replace(c.Value, string.Empty);
                city = value.Length >= 3 ? value : null;
            }
        }
        return city;
    }

    /// <summary>The workplace or project named in the text, e.g. "东湖区工地", "恒大华府项目".</summary>
    public static string? FindWorkplace(string? input)
    {
        var text = WageText.Normalize(input);
        foreach (var segment in Separators().Split(text))
        {
            if (Workplace().Match(segment) is { Success: true } m)
            {
                var value = Leading().Replace(m.Value, string.Empty);
                if (value.Length >= 2)
                {
                    return value;
                }
            }
        }
        return null;
    }

    /// <summary>Reads the answer to "where did you work?": any short description.</summary>
    public static string? ParseWorkplace(string? answer)
    {
        var text = WageText.Compact(WageText.Normalize(answer));
        text = Leading().Replace(text, string.Empty);
        return text.Length is >= 2 and <= 60 && text.Any(char.IsLetter) ? text : null;
    }

    /// <summary>A trade named in the text, e.g. "钢筋工".</summary>
    public static string? FindTrade(string? input)
    {
        var text = WageText.Normalize(input);
        return Trades.FirstOrDefault(text.Contains);
    }

    /// <summary>Reads the answer to "what work did you do?".</summary>
    public static string? ParseTrade(string? answer)
    {
        var text = WageText.Compact(WageText.Normalize(answer));
        if (FindTrade(text) is { } known)
        {
            return known;
        }
        text = Leading().Replace(text, string.Empty);
        return text.Length is >= 1 and <= 20 && text.All(char.IsLetterOrDigit) ? text : null;
    }

    /// <summary>True for construction cues ("工地", "钢筋工"), false for clear non-construction ones, else null.</summary>
    public static bool? FindConstruction(string? input)
    {
        var text = WageText.Normalize(input);
        if (ConstructionCue().IsMatch(text) || ConstructionTrades.Any(text.Contains))
        {
            return true;
        }
        return OtherWorkCue().IsMatch(text) ? false : null;
    }

    /// <summary>Reads a yes/no answer to "is it a construction project?", falling back to cues.</summary>
    public static bool? ParseConstruction(string? answer)
    {
        var text = WageText.Compact(WageText.Normalize(answer));
        if (No().IsMatch(text))
        {
            return false;
        }
        if (Yes().IsMatch(text))
        {
            return true;
        }
        return FindConstruction(text);
    }

    [GeneratedRegex(@"[在的是了，,.。、到去从给跟和;；\s]|欠|拖|我们|我")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(我们|我|那个|这个|一个|那|这|是|就是|在)+")]
    private static partial Regex Leading();

    [GeneratedRegex(@"[\u4E00-\u9FFF]{1,10}?(新区|开发区|区|县|旗)")]
    private static partial Regex District();

    [GeneratedRegex(@"[\u4E00-\u9FFF]{1,6}?市")]
    private static partial Regex City();

    [GeneratedRegex(@"[\u4E00-\u9FFFA-Za-z0-9]{0,14}?(工地|项目部|项目|工程|工厂|车间|小区|酒店|饭店|餐馆|仓库|大楼|商场|物流园|厂)")]
    private static partial Regex Workplace();

    [GeneratedRegex(@"工地|建筑|施工|工程|项目部|装修|盖楼|搬砖|钢筋|泥瓦|架子|混凝土|砌墙|路桥|修路|总包|分包|水电安装|防水|塔吊|脚手架|楼盘|基建")]
    private static partial Regex ConstructionCue();

    [GeneratedRegex(@"工厂|电子厂|服装厂|车间|流水线|饭店|餐馆|酒店|超市|保洁|保安|快递|外卖|物流|家政|保姆|农场|种植|养殖|商场|门店|店里")]
    private static partial Regex OtherWorkCue();

    [GeneratedRegex(@"^(是的?|对的?|嗯|恩|有|算是?|属于|是工地|是建筑|工地|建筑|建筑工地|工程|是啊|对啊|没错|yes|y)$", RegexOptions.IgnoreCase)]
    private static partial Regex Yes();

    [GeneratedRegex(@"^(不是|否|没有|不算|不属于|不|没|不是的|不是工地|不是建筑|no|n)", RegexOptions.IgnoreCase)]
    private static partial Regex No();
}
