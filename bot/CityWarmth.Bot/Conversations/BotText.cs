namespace CityWarmth.Bot.Conversations;

/// <summary>The host's own words to workers; the skills own everything else they say.</summary>
public static class BotText
{
    public const string SystemBusy = "抱歉，系统暂时出了点问题，请稍后再试。着急的话可以点“转人工”，或拨打12333。";
}
