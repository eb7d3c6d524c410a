using System.Text.RegularExpressions;

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

    public static bool IsRequest(string text)
    {
        var folded = Normalize(text);
        return folded.Length is > 0 and <= 40 && (DeleteFirst().IsMatch(folded) || ObjectFirst().IsMatch(folded));
    }

    public static bool IsConfirm(string text) => Normalize(text) is "确认删除" or "确定删除" or "确认" or "确定" or "是的删除" or "删除";

    private static string Normalize(string text) => new([.. text
        .Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !char.IsSymbol(c))
        .Select(c => Fold.TryGetValue(c, out var s) ? s : c)]);
}
