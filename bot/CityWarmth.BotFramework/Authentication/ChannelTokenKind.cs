namespace CityWarmth.BotFramework.Authentication;

/// <summary>Who a request came from, as established by authentication.</summary>
public enum ChannelTokenKind
{
    /// <summary>No token; accepted only while authentication is disabled.</summary>
    Anonymous,

    /// <summary>A Bot Connector channel (Azure Bot Service) token.</summary>
    Channel,

    /// <summary>An Entra ID token of the bot's own app, as sent by the Bot Framework Emulator.</summary>
    Emulator,

    /// <summary>Another bot calling this bot as a skill.</summary>
    Skill,
}
