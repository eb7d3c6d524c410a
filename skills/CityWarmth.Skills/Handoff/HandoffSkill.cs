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

    public const string DangerText =
        "您的安全最要紧。有危险或有人受伤，请马上拨打110报警、120急救。我已经请工作人员优先来和您联系，请别关闭对话；" +
        "方便的话先告诉我您在哪里、现在是否安全。欠工资的事，工作人员会一起帮您处理。";

    /// <summary>For a worker without food, money or a way home: shelter and food come before the wages.</summary>
    public const string DestitutionText =
        "先顾好自己。没钱吃饭、回不了家，可以就近到救助管理站求助（提供临时食宿、帮助返乡），也可以拨打110请民警帮忙联系。" +
        "我已经请工作人员优先来和您联系，请别关闭对话；方便的话告诉我您现在在哪里。欠工资的事，工作人员会一起帮您处理。";

    public string Name => SkillNames.Handoff;

    public Task<IReadOnlyList<BotReply>> HandleAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken)
    {
        IReadOnlyList<BotReply> replies =
            [BotReply.Say(Name, PersonWillReply, ReplyButton.Of("返回菜单"), HelpSkill.ReportWages) with { Value = HandoffMarker.Create(HandoffReasons.Explicit) }];
        return Task.FromResult(replies);
    }

    /// <summary>
    /// The reply to danger (violence, injury, detention, papers taken, threats), even when wages are owed too: the
    /// emergency numbers first, and an urgent request for a person, never the intake's questions.
    /// </summary>
    public IReadOnlyList<BotReply> Danger(ConversationState state, Routing.DangerKind kind)
    {
        return
        [
            BotReply.Say(Name, kind == Routing.DangerKind.Destitution ? DestitutionText : DangerText,
                new ReplyButton("拨打110", "110", ButtonKind.Call),
                new ReplyButton("拨打120", "120", ButtonKind.Call),
                new ReplyButton("拨打12333", "12333", ButtonKind.Call))
                with { Value = HandoffMarker.Create(HandoffReasons.Danger, "urgent", summary: DangerSummary(kind)) },
        ];
    }

    private static string DangerSummary(Routing.DangerKind kind) => kind switch
    {
        Routing.DangerKind.Violence => "工友说遭到殴打或暴力",
        Routing.DangerKind.Threat => "工友说受到威胁",
        Routing.DangerKind.Detention => "工友说被关押、限制离开或被抓",
        Routing.DangerKind.IdTaken => "工友说身份证件或手机被扣",
        Routing.DangerKind.Destitution => "工友说身无分文、挨饿或回不了家",
        _ => "工友说有人受伤、送医或遇到险情",
    };

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
