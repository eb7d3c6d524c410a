using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Help;

namespace CityWarmth.Skills.Routing;

/// <summary>
/// Stands in for a skill that is not switched on yet: the routing to it is real, the answer says it is coming
/// and where to turn meanwhile. Registering the real skill under the same name replaces it.
/// </summary>
public sealed class ComingSoonSkill(string name, string text) : ISkillHandler
{
    public string Name => name;

    public Task<IReadOnlyList<BotReply>> HandleAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BotReply>>([BotReply.Say(name, text, [.. HelpSkill.MenuButtons])]);

    public static ComingSoonSkill Policy() => new(SkillNames.Policy,
        "政策查询功能马上开通。现在可以先拨打12333人社服务热线问政策。");

    public static ComingSoonSkill WageDispute() => new(SkillNames.WageDispute,
        "欠薪登记功能马上开通。着急的话，可以先拨打12333，或在微信“国务院客户端”小程序里找“欠薪线索反映”。");

    public static ComingSoonSkill JobSearch() => new(SkillNames.JobSearch,
        "找工作功能马上开通。现在可以先去附近的公共就业服务机构（人社局、就业服务站）看招聘信息。");
}
