using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Help;
using CityWarmth.Skills.Routing;

namespace CityWarmth.Skills.Handoff;

/// <summary>
/// The worker's side of a handoff: tells the worker what happens next and marks the reply so the host queues the
/// conversation for a caseworker. A crisis gets hotline numbers at once and an urgent request.
/// </summary>
public sealed class HandoffSkill : ISkillHandler
{
    public const string PersonWillReply =
        "好的，已帮您转人工，工作人员会尽快在这里回复您，请别关闭对话。等待时可以把情况先写下来（在哪干活、老板是谁、欠多少钱等）。着急的话也可以拨打12333人社服务热线。";

    public const string CrisisText =
        "听到您这么说，我很担心您。您不是一个人，我已经请工作人员马上来和您联系。" +
        "现在就可以打电话找人聊聊：全国心理援助热线 12356，希望24热线 400-161-9995（24小时）。" +
        "如果有危险，请马上拨打110或120。";

    public string Name => SkillNames.Handoff;

    public Task<IReadOnlyList<BotReply>> HandleAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken)
    {
        IReadOnlyList<BotReply> replies =
            [BotReply.Say(Name, PersonWillReply, ReplyButton.Of("返回菜单"), HelpSkill.ReportWages) with { Value = HandoffMarker.Create(HandoffReasons.Explicit) }];
        return Task.FromResult(replies);
    }

    /// <summary>The reply to words of suicide or self-harm: hotlines first, and an urgent request for a person.</summary>
    public IReadOnlyList<BotReply> Crisis(ConversationState state)
    {
        return
        [
            BotReply.Say(Name, CrisisText,
                new ReplyButton("拨打12356", "12356", ButtonKind.Call),
                new ReplyButton("拨打希望24热线", "4001619995", ButtonKind.Call),
                new ReplyButton("拨打110", "110", ButtonKind.Call),
                new ReplyButton("拨打120", "120", ButtonKind.Call)) with { Value = HandoffMarker.Create(HandoffReasons.Crisis, "urgent") },
        ];
    }
}
