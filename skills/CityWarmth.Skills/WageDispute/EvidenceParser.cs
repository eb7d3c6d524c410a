using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace CityWarmth.Skills.WageDispute;

/// <summary>Kinds of evidence of work and of the debt (domain notes 5.4).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvidenceKind>))]
public enum EvidenceKind
{
    Contract,
    Attendance,
    PaySlips,
    IouOrSettlement,
    Chats,
    TransferRecords,
    Witnesses,
    WorkBadge,
    SitePhotos,
}

/// <summary>Evidence a worker says they hold; <see cref="NoneHeld"/> for "都没有".</summary>
public sealed record EvidenceAnswer(IReadOnlyList<EvidenceKind> Items, bool NoneHeld);

/// <summary>Reads evidence mentioned in a message ("有欠条和微信聊天记录", "没签合同，有考勤表"). Never throws.</summary>
public static partial class EvidenceParser
{
    private static readonly (EvidenceKind Kind, string Label, Regex Cue)[] Kinds =
    [
        (EvidenceKind.Contract, "劳动合同/协议", new Regex("合同|协议|用工协议")),
        (EvidenceKind.Attendance, "考勤/记工记录", new Regex("考勤|记工|打卡|工时|出勤|点工单|签到")),
        (EvidenceKind.PaySlips, "工资条/工资表", new Regex("工资条|工资单|工资表|银行流水|流水")),
        (EvidenceKind.IouOrSettlement, "欠条/结算单", new Regex("欠条|结算单|结算|对账单|签字单|白条|借条")),
        (EvidenceKind.Chats, "微信聊天/录音", new Regex("聊天|微信|短信|录音|语音|截图")),
        (EvidenceKind.TransferRecords, "转账记录", new Regex("转账|打款|支付宝|汇款")),
        (EvidenceKind.Witnesses, "工友证人", new Regex("工友|证人|同事|作证")),
        (EvidenceKind.WorkBadge, "工牌/工作服", new Regex("工牌|工作证|工服|工作服|胸卡|门禁卡|出入证")),
        (EvidenceKind.SitePhotos, "现场照片/视频", new Regex("照片|拍照|视频|告示牌")),
    ];

    public static string Label(EvidenceKind kind) => Kinds.First(k => k.Kind == kind).Label;

    public static IReadOnlyList<EvidenceKind> All { get; } = [.. Kinds.Select(k => k.Kind)];

    /// <summary>Reads evidence mentioned in the text; null when nothing is recognised.</summary>
    public static EvidenceAnswer? Parse(string? input)
    {
        var text = WageText.Normalize(input);
        if (text.Length == 0)
        {
            return null;
        }

        var found = new List<EvidenceKind>();
        foreach (var (kind, label, cue) in Kinds)
        {
            if (text == label || cue.Matches(text).Any(m => !Negated(text, m.Index)))
            {
                found.Add(kind);
            }
        }
        if (found.Count > 0)
        {
            return new EvidenceAnswer(found, false);
        }
        return NothingHeld().IsMatch(WageText.Compact(text)) ? new EvidenceAnswer([], true) : null;
    }

    // "没签合同", "没有欠条", "无考勤": a negation shortly before the cue.
    private static bool Negated(string text, int index)
    {
        var start = Math.Max(0, index - 4);
        var window = text[start..index];
        var clause = window.LastIndexOfAny(['，', ',', '、', '；', ';', ' ', '和', '跟']);
        if (clause >= 0)
        {
            window = window[(clause + 1)..];
        }
        return window.Contains('没') || window.Contains('无') || window.Contains("不");
    }

    [GeneratedRegex(@"^(没有|都没有|没|无|啥都没有|什么都没有|什么也没有|都没|一样都没有|没有证据|没证据|什么证据都没有)(了)?$")]
    private static partial Regex NothingHeld();
}
