using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Help;
using CityWarmth.Skills.Routing;

namespace CityWarmth.Skills.WageDispute;

/// <summary>
/// Answers a worker who asks how their wage case is going, with its number ("我的欠薪登记QX-…现在怎么样了") or
/// without ("我的登记怎么样了": their latest). The router asks it before anything else reads the message, so such a
/// question never opens a second intake. Only cases filed from this conversation are shown: a number from another
/// conversation gets the same reply as a number that does not exist, with a person offered to look it up.
/// </summary>
public sealed class WageCaseProgressSkill(IWageCaseStore store)
{
    /// <summary>The message names a case number or asks how one's own registration is going.</summary>
    public static bool IsAbout(string matching, IReadOnlySet<string> cues) =>
        cues.Contains(MessageCues.CaseProgress) || WageCaseNumber.Find(matching) is not null;

    /// <param name="matching">The message in its matching form (where a case number is read).</param>
    public async Task<IReadOnlyList<BotReply>> AnswerAsync(UserTurn turn, string matching, CancellationToken cancellationToken)
    {
        var number = WageCaseNumber.Find(matching);
        var cases = await store.ProgressOfConversationAsync(turn.ConversationId, cancellationToken);
        var found = number is null ? cases.FirstOrDefault() : cases.FirstOrDefault(c => c.Case.CaseNumber == number);
        if (found is null)
        {
            return [NotFound(number)];
        }

        var text = WageCaseProgressText.Reply(found);
        var others = cases.Where(c => c != found).Select(c => c.Case.CaseNumber).ToList();
        if (others.Count > 0)
        {
            text += $"\n你在这里还有别的登记：{string.Join("、", others)}，发编号可以查看。";
        }
        return [BotReply.Say(SkillNames.WageDispute, text,
            ReplyButton.Link("投诉材料(可打印)", found.Case.SheetUrl), HelpSkill.TalkToPerson)];
    }

    private static BotReply NotFound(string? number) => BotReply.Say(SkillNames.WageDispute,
        (number is null ? "在这个对话里没有找到你的欠薪登记。" : $"在这个对话里没有找到编号 {number} 的登记。")
        + "为了保护个人信息，只能在当初登记的那个对话里查进度。如果是在别处登记的，可以转人工，工作人员核实后帮你查；还没登记的话，点“登记欠薪”。",
        HelpSkill.TalkToPerson, SkillRouter.RegisterWages);
}
