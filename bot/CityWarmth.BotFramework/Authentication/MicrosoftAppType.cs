namespace CityWarmth.BotFramework.Authentication;

/// <summary>How the bot's Entra ID app registration is set up (configuration key <c>MicrosoftAppType</c>).</summary>
public enum MicrosoftAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMsi,
}
