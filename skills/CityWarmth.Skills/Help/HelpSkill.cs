using CityWarmth.Knowledge.Text;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Routing;

namespace CityWarmth.Skills.Help;

/// <summary>The welcome, the menu of what the bot can do, and the polite word for out-of-scope messages.</summary>
public sealed class HelpSkill : ISkillHandler
{
    public static readonly ReplyButton AskPolicy = new("问政策", "我想了解城暖农民工政策");
    public static readonly ReplyButton ReportWages = new("欠薪求助", "我要反映欠薪");
    public static readonly ReplyButton FindJobs = new("找工作", "我想找工作");
    public static readonly ReplyButton TalkToPerson = new("转人工", "转人工");

    public static IReadOnlyList<ReplyButton> MenuButtons { get; } = [AskPolicy, ReportWages, FindJobs, TalkToPerson];

    public string Name => SkillNames.Help;

    public BotReply Welcome() => BotReply.Say(SkillNames.Help,
        "您好，我是城暖助手👋 可以帮您：查政策（就业、培训、住房、孩子上学等）、登记欠薪求助、找工作，也可以帮您转人工。请直接说您的问题。",
        [.. MenuButtons]);

    public BotReply Menu() => BotReply.Say(SkillNames.Help,
        "我能帮您查政策、登记欠薪、找工作，解决不了的可以转人工。您想办哪件事？",
        [.. MenuButtons]);

    public BotReply OutOfScope() => BotReply.Say(SkillNames.Fallback,
        "这个我帮不上忙😅 我是帮工友办事的助手：查政策、欠薪求助、找工作、转人工。您可以点下面的按钮试试。",
        [.. MenuButtons]);

    /// <summary>Greetings and "what can you do" get the menu; thanks get a short word and the menu buttons.</summary>
    public Task<IReadOnlyList<BotReply>> HandleAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken)
    {
        var text = TextNormalizer.ForMatching(turn.Text);
        IReadOnlyList<BotReply> replies = text.Contains('谢')
            ? [BotReply.Say(Name, "不客气！还有别的事随时问我。", [.. MenuButtons])]
            : [Menu()];
        return Task.FromResult(replies);
    }
}
