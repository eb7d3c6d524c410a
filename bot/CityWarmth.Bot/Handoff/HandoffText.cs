using CityWarmth.Bot.Conversations;
using CityWarmth.Skills.Handoff;

namespace CityWarmth.Bot.Handoff;

public enum HandoffCommand
{
    None,
    Request,
    End,
}

/// <summary>What the bot says to workers about a person taking over, and the words workers use.</summary>
public static class HandoffText
{
    public const string TalkToPerson = "转人工";
    public const string EndPerson = "结束人工";

    /// <summary>Exact requests the host handles itself (the menu button and its close variants).</summary>
    private static readonly HashSet<string> RequestWords = ["转人工", "人工", "人工客服", "人工服务", "找人工", "转人工服务", "我要转人工", "真人", "找真人"];
    private static readonly HashSet<string> EndWords = ["结束人工", "结束人工服务", "退出人工", "取消转人工", "取消人工"];

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> RequestLookup = RequestWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> EndLookup = EndWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly int LongestWord = RequestWords.Concat(EndWords).Max(w => w.Length);

    /// <summary>Whether a message asks for a person, asks to end (or cancel) one, or neither; read once per message.</summary>
    public static HandoffCommand CommandOf(string text)
    {
        Span<char> letters = stackalloc char[LongestWord];
        if (!CommandText.TryGetLetters(text, letters, out var length))
        {
            return HandoffCommand.None;
        }
        var word = letters[..length];
        return RequestLookup.Contains(word) ? HandoffCommand.Request
            : EndLookup.Contains(word) ? HandoffCommand.End
            : HandoffCommand.None;
    }

    public const string Hotlines =
        "如果您或身边的人有危险，请马上拨打110；受伤或身体不适请拨打120；想找人说说话，可以拨打心理援助热线12356（全天）。";

    public static string Queued(int position, string hours) =>
        $"好的，已为您转人工。您前面还有{position - 1}人在等，工作人员接入后会直接在这里回复您（人工服务时间：{hours}）。等待时也可以继续问我。";

    public static string QueuedOutsideHours(string hours, string nextOpening) =>
        $"现在不是人工服务时间（{hours}）。您的情况已经记下，工作人员会在{nextOpening}上班后尽快联系您。着急的话可以拨打12333人社服务热线。";

    public static string AlreadyQueued(int position) =>
        $"您已经在排队了，前面还有{position - 1}人。工作人员接入后会直接在这里回复您。";

    public const string AlreadyWithPerson = "工作人员正在为您服务，请直接说您的情况。说“结束人工”可以回到机器人。";

    public static string CaseworkerJoined(string name) => $"工作人员{name}已接入，请直接说您的情况。";

    public static string Transferred(string name) => $"已为您转给工作人员{name}，请稍等。";

    public const string HubJoined = "工作人员已接入，请直接说您的情况。";

    public const string Ended = "人工服务已结束，谢谢您的耐心。还有问题可以继续问我。";

    public const string Cancelled = "已取消转人工。还有问题可以继续问我。";

    public const string Failed =
        "抱歉，暂时没有工作人员能接手。您的情况已经记下，工作人员有空会联系您。着急的话可以：拨打12333人社服务热线；欠薪可以到“全国根治欠薪线索反映平台”反映；需要法律帮助可以拨打12348。";

    public const string OfferAfterFailures = "抱歉，好像没能帮到您。要不要转人工，让工作人员帮您看看？";

    public static string CategoryLabel(string category) => category switch
    {
        Skills.Conversation.SkillNames.WageDispute => "欠薪",
        Skills.Conversation.SkillNames.Policy => "政策咨询",
        Skills.Conversation.SkillNames.JobSearch => "找工作",
        HandoffReasons.Crisis => "紧急",
        _ => "其他",
    };

    public static string PriorityLabel(HandoffPriority priority) => priority switch
    {
        HandoffPriority.Urgent => "紧急",
        HandoffPriority.High => "优先",
        _ => "普通",
    };

    public static string ReasonLabel(string reason) => reason switch
    {
        HandoffReasons.Explicit => "工友要求转人工",
        HandoffReasons.Crisis => "危机信号",
        HandoffReasons.Danger => "人身安全危险",
        HandoffReasons.FailedTurns => "机器人多次没听懂",
        HandoffReasons.WageCase => "欠薪登记后转人工",
        _ => reason,
    };
}
