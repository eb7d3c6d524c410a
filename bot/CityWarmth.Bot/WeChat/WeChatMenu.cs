using CityWarmth.Skills.Help;
using CityWarmth.WeChat;

namespace CityWarmth.Bot.WeChat;

/// <summary>
/// The account's custom menu: the welcome's four buttons. WeChat shows at most three top-level buttons, so 找工作 and
/// 转人工 share one. A click is read as the button's text, exactly as tapping it in Web Chat.
/// </summary>
public static class WeChatMenu
{
    public const string PolicyKey = "CITYWARMTH_POLICY";
    public const string WagesKey = "CITYWARMTH_WAGES";
    public const string JobsKey = "CITYWARMTH_JOBS";
    public const string PersonKey = "CITYWARMTH_PERSON";

    /// <summary>What a click on a key no longer in the menu (an old menu still on a phone) asks for: the help menu.</summary>
    public const string UnknownKeyText = "菜单";

    public static IReadOnlyList<WeChatMenuButton> Buttons { get; } =
    [
        new(HelpSkill.AskPolicy.Title, PolicyKey),
        new(HelpSkill.ReportWages.Title, WagesKey),
        new("更多", SubButtons: [new(HelpSkill.FindJobs.Title, JobsKey), new(HelpSkill.TalkToPerson.Title, PersonKey)]),
    ];

    /// <summary>The text a menu click stands for.</summary>
    public static string TextFor(string? key) => key switch
    {
        PolicyKey => HelpSkill.AskPolicy.Value,
        WagesKey => HelpSkill.ReportWages.Value,
        JobsKey => HelpSkill.FindJobs.Value,
        PersonKey => HelpSkill.TalkToPerson.Value,
        _ => UnknownKeyText,
    };
}
