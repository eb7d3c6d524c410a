using System.Text.RegularExpressions;

namespace CityWarmth.Skills.WageDispute;

/// <summary>
/// What a worker can say to the intake itself rather than answer its question: cancel, go on, skip, change an answer,
/// submit. Each is read on the compact message and on the message without fillers ("嗯，取消吧" cancels).
/// </summary>
internal static partial class IntakeCommands
{
    public static bool Cancels(IntakeAnswer a) => Either(a, CancelWords());

    public static bool ConfirmsCancel(IntakeAnswer a) => Either(a, ConfirmCancelWords());

    public static bool KeepsGoing(IntakeAnswer a) => Either(a, KeepGoingWords());

    public static bool Skips(IntakeAnswer a) => Either(a, SkipWords());

    public static bool Confirms(IntakeAnswer a) => Either(a, ConfirmWords());

    public static bool Declines(IntakeAnswer a) => DeclineWords().IsMatch(a.Compact);

    /// <summary>"修改" alone: which answer?</summary>
    public static bool AsksWhatToEdit(IntakeAnswer a) => a.PlainCompact is "修改" or "改" or "修改其他" or "我要修改" or "要修改";

    /// <summary>Any of the commands above, so the router leaves such a message to the intake.</summary>
    public static bool Recognises(IntakeAnswer a) =>
        Cancels(a) || KeepsGoing(a) || Skips(a) || Confirms(a) || AsksWhatToEdit(a) || TryEdit(a, out _, out _);

    /// <summary>
    /// "修改金额", "金额改成一万三": the question to reopen and what follows the field's name (the new answer, if given).
    /// </summary>
    public static bool TryEdit(IntakeAnswer a, out IntakeStep step, out string rest)
    {
        step = null!;
        rest = string.Empty;
        var m = EditCommand().Match(a.Compact);
        if (!m.Success)
        {
            m = EditInline().Match(a.Compact);
        }
        if (!m.Success)
        {
            return false;
        }
        var field = m.Groups["f"].Value;
        // Longest word first: "离职时间" before "离职".
        foreach (var (word, target) in WageIntakeSteps.EditTargets)
        {
            if (field.StartsWith(word, StringComparison.Ordinal))
            {
                step = target;
                rest = EditJoiner().Replace(field[word.Length..], string.Empty) + m.Groups["rest"].Value;
                return true;
            }
        }
        return false;
    }

    private static bool Either(IntakeAnswer a, Regex words) => words.IsMatch(a.Compact) || words.IsMatch(a.PlainCompact);

    [GeneratedRegex(@"^(算了|那)?我?(还是)?(取消|取消登记|退出|退出登记|不用了|不(想|要)?(登记|登|填|弄|搞|办)了?)(吧|了)?(算了)?$|^算了吧?$")]
    private static partial Regex CancelWords();

    [GeneratedRegex(@"^(确定取消|确定|确认取消|是的?|对|嗯|取消|取消吧|算了|不登记了)$")]
    private static partial Regex ConfirmCancelWords();

    [GeneratedRegex(@"^(继续登记|继续|接着登记|接着填|继续填|不取消)$")]
    private static partial Regex KeepGoingWords();

    // "不知道", and "不知道他叫啥" (which reads like a question but answers one).
    [GeneratedRegex(@"^(跳过|略过|下一个|下一步|不想说|我?也?真?(不知道|不清楚|不晓得|不记得|记不清|记不得|忘了|说不清|搞不清)了?(他|她|对方|老板|这个|那个)?(叫啥|叫什么|叫啥名字|叫什么名字|名字|是谁|是啥|是什么|是哪个?|多少|在哪)?(了|啊|呀|哦)?)$")]
    private static partial Regex SkipWords();

    [GeneratedRegex(@"^(确认提交|确认|提交|没问题|对的|正确|确定|确定提交|好的?|可以|没错|行|提交吧|确认无误)$")]
    private static partial Regex ConfirmWords();

    [GeneratedRegex(@"^(不同意|不愿意|不行|不要|拒绝|不可以|不|否|不想|算了)")]
    private static partial Regex DeclineWords();

    [GeneratedRegex(@"^(我要|我想)?(修改|更改|改一下|改|更正|重填)(?<f>.+?)(?<rest>)$")]
    private static partial Regex EditCommand();

    [GeneratedRegex(@"^(?<f>[\u4E00-\u9FFF]{1,4}?(改成|改为|应该是|应为))(?<rest>.+)$")]
    private static partial Regex EditInline();

    [GeneratedRegex(@"^(改成|改为|应该是|应为|是|为|:)")]
    private static partial Regex EditJoiner();
}
