using System.Text.RegularExpressions;
using CityWarmth.Bot.Conversations;

namespace CityWarmth.Bot.Privacy;

/// <summary>How workers ask to have their data deleted, and what the bot answers.</summary>
public static partial class PrivacyText
{
    public const string Confirm = "确认删除";
    public const string Keep = "不删除";

    public const string AskConfirm =
        "确定要删除您在这里留下的所有信息吗？包括聊天记录、登记的姓名和电话、转人工的材料。删除后找不回来。";

    public const string Kept = "好的，您的信息没有删除。";

    public static string Erased(ErasureReport report) =>
        $"已删除您的信息：聊天记录{report.TranscriptEntries + report.DirectLineActivities}条，"
        + $"欠薪登记{report.WageCases}份（只保留不含姓名电话的统计），转人工材料{report.Handoffs}份。以后再来，我不会记得之前说过的话。";

    // Traditional and variant characters workers type, folded to the simplified forms the pattern uses.
    private static readonly Dictionary<char, char> Fold = new()
    {
        ['刪'] = '删', ['資'] = '资', ['數'] = '数', ['據'] = '据', ['記'] = '记', ['錄'] = '录', ['訊'] = '讯',
        ['個'] = '个', ['們'] = '们', ['請'] = '请', ['幫'] = '帮', ['紀'] = '纪',
    };

    [GeneratedRegex("^(请|麻烦)?(你|您)?(帮我|给我|替我)?(删除|删掉|删了|清除|清空|抹掉|销毁)(我|我们)?的?(所有|全部)?(个人)?(信息|资料|数据|记录|聊天记录|讯息|隐私|纪录)(吧|吗|啊|呀)?$")]
    private static partial Regex DeleteFirst();

    [GeneratedRegex("^(请|麻烦)?(你|您)?(帮我|给我)?把我的(所有|全部)?(个人)?(信息|资料|数据|记录|聊天记录|讯息)(都|全)?(删除|删掉|删了|清除|清空)(吧|了|掉)?$")]
    private static partial Regex ObjectFirst();

    // Every request names one of these verbs; a message without any (nearly all of them) needs no pattern matched.
    private static readonly System.Buffers.SearchValues<char> DeleteVerbs = System.Buffers.SearchValues.Create("删清抹销");

    private const int LongestRequest = 40;

    public static bool IsRequest(string text)
    {
        Span<char> letters = stackalloc char[LongestRequest];
        if (!CommandText.TryGetLetters(text, letters, out var length, Fold) || length == 0)
        {
            return false;
        }
        var folded = letters[..length];
        return folded.ContainsAny(DeleteVerbs) && (DeleteFirst().IsMatch(folded) || ObjectFirst().IsMatch(folded));
    }

    public static bool IsConfirm(string text)
    {
        Span<char> letters = stackalloc char["确认删除".Length];
        return CommandText.TryGetLetters(text, letters, out var length, Fold)
            && letters[..length] is "确认删除" or "确定删除" or "确认" or "确定" or "是的删除" or "删除";
    }
}
