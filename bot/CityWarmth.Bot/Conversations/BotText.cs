namespace CityWarmth.Bot.Conversations;

/// <summary>The host's own words to workers; the skills own everything else they say.</summary>
public static class BotText
{
    public static string MessageCut(int maxChars) => $"您的消息太长了，我只看了前{maxChars}个字。重要的事请分几次说。";

    public const string SystemBusy = "抱歉，系统暂时出了点问题，请稍后再试。着急的话可以点“转人工”，或拨打12333。";

    /// <summary>The database is locked or full: nothing was stored, so the same message can simply be sent again.</summary>
    public const string StorageBusy = "抱歉，系统繁忙，这条消息没能处理。请过一会儿再发一次；着急的话可以拨打12333。";
}
