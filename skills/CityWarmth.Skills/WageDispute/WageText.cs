using System.Text;
using System.Text.RegularExpressions;

namespace CityWarmth.Skills.WageDispute;

/// <summary>Text helpers shared by the wage-dispute parsers: normalisation and simple intent cues.</summary>
public static partial class WageText
{
    // Traditional → simplified folding for the characters the parsers key on (numbers, units, keywords, common
    // surnames). A full converter belongs to the knowledge project; this table only has to make parsing work.
    private const string TraditionalChars =
        "萬億兩參貳陸個區縣鄉鎮號碼錢資頭場廠勞僱們幾塊離職還幹沒說電話證據條單轉帳賬記錄開從臘現來後機項築與長組團業鋼裝飾稱" +
        "張陳劉趙吳鄭孫黃楊馬許鄧馮葉蕭蘇盧蔣韓點週歲總經結簽請問麼嗎裡裏東別應該給讓這那誰們樣麼歡謝實認確復雙寫為著對闆闆" +
        "門閘間題過邊進連運遠時節歷曆曉幣圓價錯關係務協議約聽語聊圖訊拍監察訴仲裁補償齊體會筆簡單薪擬額預費齡歸鐘夥計師傅級紙" +
        "偉華國軍強麗紅鳳龍勝輝傑興貴榮嬌靜蘭寶順義豐慶";
    private const string SimplifiedChars =
        "万亿两参贰陆个区县乡镇号码钱资头场厂劳雇们几块离职还干没说电话证据条单转帐账记录开从腊现来后机项筑与长组团业钢装饰称" +
        "张陈刘赵吴郑孙黄杨马许邓冯叶萧苏卢蒋韩点周岁总经结签请问么吗里里东别应该给让这那谁们样么欢谢实认确复双写为着对板板" +
        "门闸间题过边进连运远时节历历晓币圆价错关系务协议约听语聊图讯拍监察诉仲裁补偿齐体会笔简单薪拟额预费龄归钟伙计师傅级纸" +
        "伟华国军强丽红凤龙胜辉杰兴贵荣娇静兰宝顺义丰庆";

    private static readonly Dictionary<char, char> Fold = BuildFold();

    private static Dictionary<char, char> BuildFold()
    {
        var map = new Dictionary<char, char>();
        for (var i = 0; i < Math.Min(TraditionalChars.Length, SimplifiedChars.Length); i++)
        {
            if (TraditionalChars[i] != SimplifiedChars[i])
            {
                map.TryAdd(TraditionalChars[i], SimplifiedChars[i]);
            }
        }
        return map;
    }

    /// <summary>
    /// The one normalisation step every wage parser runs first: full-width ASCII to half-width, the ideographic
    /// space to a space, a few traditional characters to simplified, and trimmed. Never throws; null becomes "".
    /// </summary>
    public static string Normalize(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                sb.Append((char)(c - 0xFEE0));
            }
            else if (c is '\u3000' or '\u00A0')
            {
                sb.Append(' ');
            }
            else if (c is '￥')
            {
                sb.Append('¥');
            }
            else if (Fold.TryGetValue(c, out var simple))
            {
                sb.Append(simple);
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString().Trim();
    }

    /// <summary>True when the text contains a character that only appears in traditional writing.</summary>
    public static bool LooksTraditional(string? input) =>
        !string.IsNullOrEmpty(input) && input.Any(Fold.ContainsKey);

    /// <summary>A normalised message that reads like a question (a policy question in the middle of an intake).</summary>
    public static bool LooksLikeQuestion(string normalized) =>
        !string.IsNullOrWhiteSpace(normalized) && QuestionCue().IsMatch(normalized) && !NotAQuestion().IsMatch(normalized);

    /// <summary>Removes spaces and trailing punctuation a worker adds to a short answer.</summary>
    public static string Compact(string normalized) =>
        Punctuation().Replace(normalized, string.Empty).Trim();

    [GeneratedRegex(@"[?？]|(吗|呢|么|嘛)[\s!.]*$|怎么|怎样|如何|哪里|哪儿|哪个|哪些|什么|为什么|为啥|能不能|可不可以|是不是|多久|多长时间|咋|啥|要不要|需不需要|谁(来|管|负责|给)")]
    private static partial Regex QuestionCue();

    [GeneratedRegex(@"(什么|啥)(都|也)(没|没有)")]
    private static partial Regex NotAQuestion();

    [GeneratedRegex(@"[\s,.!;:'""、，。！；：“”‘’~…]+")]
    private static partial Regex Punctuation();
}
