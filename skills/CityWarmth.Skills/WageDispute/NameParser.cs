using System.Text.RegularExpressions;

namespace CityWarmth.Skills.WageDispute;

/// <summary>A person's name; <see cref="SurnameOnly"/> when the worker only gave a surname ("姓李").</summary>
public sealed record PersonName(string Value, bool SurnameOnly);

/// <summary>
/// Reads a person's name from answers such as "张三", "我叫张三", "姓李": 2-4 Han characters starting with a
/// known surname, and without the function words that mark a phrase rather than a name. Never throws.
/// </summary>
public static partial class NameParser
{
    // Common Chinese surnames (single and compound). Names outside this list are asked again, which is a
    // smaller harm than filing "不知道" as a complainant's name.
    private const string SingleSurnames =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤" +
        "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝" +
        "萧郁蔺封茅羊檀晋饶鞠储璩伏闻红阎练贝郜矫丰鄢木糜薄卿滑上竺揭宦栗涂占惠暴来阚洪钮储訾荆冀";

    private static readonly string[] CompoundSurnames =
        ["欧阳", "司马", "诸葛", "上官", "东方", "慕容", "夏侯", "皇甫", "尉迟", "令狐", "公孙", "长孙", "宇文", "司徒", "轩辕", "端木", "南宫", "西门", "独孤", "澹台"];

    private static readonly HashSet<char> Surnames = [.. SingleSurnames];

    // Characters that almost never occur in a given name but are everywhere in phrases.
    private static readonly HashSet<char> PhraseChars = [.. "的了吗呢吧啊呀嘛哦是我你他她们不没在这那就都很也还给到说要想欠钱资工厂司元块个谁啥么知道跳过取消"];

    private static readonly string[] NotNameSuffixes = ["老板", "老总", "师傅", "工头", "经理", "先生", "女士", "小姐", "大哥", "大姐", "阿姨", "叔叔"];

    /// <summary>Reads a name from an answer; null when it is not a plausible name.</summary>
    public static PersonName? Parse(string? answer)
    {
        var text = WageText.Compact(WageText.Normalize(answer));
        if (text.Length == 0 || text.Length > 20)
        {
            return null;
        }

        if (SurnameOnly().Match(text) is { Success: true } s)
        {
            var surname = s.Groups["s"].Value;
            return IsSurname(surname) ? new PersonName(surname, true) : null;
        }

        var name = Prefix().Replace(text, string.Empty, 1);
        name = Suffix().Replace(name, string.Empty);
        return IsPlausibleName(name) ? new PersonName(name, false) : null;
    }

    /// <summary>2-4 Han characters, a known surname first, no phrase characters.</summary>
    public static bool IsPlausibleName(string? name)
    {
        if (name is null || name.Length is < 2 or > 4 || !name.All(IsHan))
        {
            return false;
        }
        if (NotNameSuffixes.Any(name.EndsWith) || name.Any(PhraseChars.Contains))
        {
            return false;
        }
        var compound = CompoundSurnames.Any(name.StartsWith);
        return compound ? name.Length >= 3 : Surnames.Contains(name[0]);
    }

    public static bool IsSurname(string value) =>
        (value.Length == 1 && Surnames.Contains(value[0])) || CompoundSurnames.Contains(value);

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF';

    [GeneratedRegex(@"^(我)?姓(?<s>[\u4E00-\u9FFF]{1,2}?)(的|先生|女士|师傅)?$")]
    private static partial Regex SurnameOnly();

    [GeneratedRegex(@"^(我的名字叫|我的名字是|我名字叫|我名字是|名字叫|名字是|我叫做|我叫|我是|姓名是|姓名|名字|叫我|叫|本人|我)")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"(就行了|就行|就可以|吧|啊|呀|哈)$")]
    private static partial Regex Suffix();
}
