using System.Text;
using System.Text.RegularExpressions;
using CityWarmth.Knowledge.Text;

namespace CityWarmth.Skills.WageDispute;

/// <summary>Text helpers shared by the wage-dispute parsers: normalisation and simple intent cues.</summary>
public static partial class WageText
{
    /// <summary>
    /// The one normalisation step every wage parser runs first: traditional script to simplified (the parsers' words
    /// are simplified), full-width ASCII to half-width, the ideographic space to a space, and trimmed. Never throws;
    /// null becomes "".
    /// </summary>
    public static string Normalize(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        var simplified = ChineseScript.ToSimplified(input);
        var sb = new StringBuilder(simplified.Length);
        foreach (var c in simplified)
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
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString().Trim();
    }

    /// <summary>A normalised message that reads like a question (a policy question in the middle of an intake).</summary>
    public static bool LooksLikeQuestion(string normalized) =>
        !string.IsNullOrWhiteSpace(normalized) && QuestionCue().IsMatch(normalized) && !NotAQuestion().IsMatch(normalized);

    /// <summary>
    /// A normalised message that asks for something other than the intake's question: a question, a request ("帮我找个
    /// 活", "我想咨询"), someone else ("转人工", "客服"), a greeting or thanks, or leaving ("不登记了"). Such a message is
    /// never taken as a free-text answer; the router may send it where it belongs.
    /// </summary>
    public static bool AsksForSomethingElse(string normalized) =>
        LooksLikeQuestion(normalized) || RequestCue().IsMatch(normalized);

    /// <summary>Removes spaces and trailing punctuation a worker adds to a short answer.</summary>
    public static string Compact(string normalized) =>
        Punctuation().Replace(normalized, string.Empty).Trim();

    /// <summary>
    /// A normalised message without the words a worker puts before and after an answer ("是，", "嗯", "就是", "在",
    /// "我在", "对的，" before; "吧", "啊", "呀" after): "嗯 就是建筑工地啊" reads "建筑工地".
    /// </summary>
    public static string WithoutFillers(string normalized) =>
        PlaceSuffix().Replace(TrailingParticles().Replace(LeadingFillers().Replace(normalized, string.Empty), string.Empty).Trim(), string.Empty);

    /// <summary>A plain yes (是, 对, 嗯, 在) or no (不是, 没有, 不在) to a yes/no question, else null.</summary>
    public static bool? YesOrNo(string compact) =>
        YesWords().IsMatch(compact) ? true : NoWords().IsMatch(compact) ? false : null;

    /// <summary>"完成", "好了", "就这些": the worker has named everything.</summary>
    public static bool SaysDone(string compact) => DoneWords().IsMatch(compact);

    /// <summary>Agreement (true) or refusal (false) in a short answer, else null.</summary>
    public static bool? ConsentOf(string compact) =>
        Declines().IsMatch(compact) ? false : Agrees().IsMatch(compact) ? true : null;

    [GeneratedRegex(@"[?？]|(吗|呢|么|嘛)[\s!.]*$|怎么|怎样|如何|哪里|哪儿|哪个|哪些|哪天|哪家|什么|为什么|为啥|能不能|可不可以|是不是|多久|多长时间|多少|(?<![十一二两三四五六七八九好\d])几(号|点|时|天|个|次)|咋|啥|要不要|需不需要|谁(来|管|负责|给)")]
    private static partial Regex QuestionCue();

    [GeneratedRegex(@"(什么|啥)(都|也)(没|没有)")]
    private static partial Regex NotAQuestion();

    [GeneratedRegex(@"[\s,.!;:'""、，。！；：“”‘’~…]+")]
    private static partial Regex Punctuation();

    // A-not-A questions without a question mark ("收不收费", "有没有招保安的") count as asking too.
    [GeneratedRegex(@"([\u4E00-\u9FFF])[不没]\1|帮我(?!们)|帮帮我|给我(?!们)|我想|我要|想要|想找|想问|请问|问一下|咨询|了解一下|查一下|进度|找(个|份|点)?(工作|活|事)|招|日结|转人工|人工|客服|工作人员|真人|社工|接个人|菜单|帮助|你好|您好|谢谢|多谢|再见|拜拜|在吗|有人吗|机器人|听不懂|不懂|取消|算了|不(想|要)?(登记|登|填|弄|搞|办)了|不想(登记|登|填|弄|搞|办)|退出")]
    private static partial Regex RequestCue();

    // "对", "有", "知道" only before a pause or 是 ("知道，是中建三局"): "有色金属公司" keeps its 有.
    [GeneratedRegex(@"^(?:(?:嗯+|恩+|呃+|额+|哦+|噢+|啊+|唔+|那个|就是说|就是|应该是|好像是|大概是|可能是|是在|就在|我在|我们在|在|是的|是|(?:对|对的|对啊|对呀|有|有的|知道|晓得|记得)(?=[\s,.!;:、，。！；：~…]|是|$))[\s,.!;:、，。！；：~…]*)+")]
    private static partial Regex LeadingFillers();

    [GeneratedRegex(@"(?:[\s,.!;:、，。！；：~…]*(?:吧|啊|呀|啦|哦|嘛|哈))+[\s,.!;:、，。！；：~…]*$")]
    private static partial Regex TrailingParticles();

    // "工地上", "厂里": the place is the answer.
    [GeneratedRegex(@"(?<=工地|厂|车间|店|项目|小区|楼|工程|公司)(上|里|那里|那边|这边)$")]
    private static partial Regex PlaceSuffix();

    [GeneratedRegex(@"^(是|是的|对|对的|嗯|在|还在|是啊|对啊)$")]
    private static partial Regex YesWords();

    [GeneratedRegex(@"^(不是|不在|没有|不|否|没在|没|不是的)$")]
    private static partial Regex NoWords();

    [GeneratedRegex(@"^(完成|好了|就这些|没有了|选好了|没了|就这些了|没有别的了|没别的了)$")]
    private static partial Regex DoneWords();

    [GeneratedRegex(@"^(同意|我同意|可以|好的?|行|愿意|没问题|嗯|确认|ok|是|是的|同意的)$", RegexOptions.IgnoreCase)]
    private static partial Regex Agrees();

    [GeneratedRegex(@"^(不同意|不愿意|不行|不要|拒绝|不可以|不|否|不想|算了)")]
    private static partial Regex Declines();
}
