using Microsoft.Extensions.Options;

namespace CityWarmth.BotFramework.Authentication;

/// <summary>
/// Applies the credential rules of the Bot Framework SDK's configuration factory, so a bad setup
/// fails at startup instead of on the first message.
/// </summary>
internal sealed class BotAuthenticationOptionsValidator : IValidateOptions<BotAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
    {
        var errors = new List<string>();
        var hasId = !string.IsNullOrWhiteSpace(options.MicrosoftAppId);
        var hasTenant = !string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId);
        var hasPassword = !string.IsNullOrWhiteSpace(options.MicrosoftAppPassword);

        switch (options.ParseAppType())
        {
            case null:
                errors.Add("MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI.");
                break;
            case MicrosoftAppType.SingleTenant:
                if (!hasId) errors.Add("MicrosoftAppId is required for SingleTenant.");
                if (!hasTenant) errors.Add("MicrosoftAppTenantId is required for SingleTenant.");
                if (!hasPassword) errors.Add("MicrosoftAppPassword is required for SingleTenant.");
                break;
            case MicrosoftAppType.UserAssignedMsi:
                if (!hasId) errors.Add("MicrosoftAppId is required for UserAssignedMSI.");
                if (!hasTenant) errors.Add("MicrosoftAppTenantId is required for UserAssignedMSI.");
                if (hasPassword) errors.Add("MicrosoftAppPassword must not be set for UserAssignedMSI.");
                break;
            default:
                // MultiTenant: an id without a password could never obtain an outbound token.
                if (hasId && !hasPassword) errors.Add("MicrosoftAppPassword is required when MicrosoftAppId is set for MultiTenant.");
                break;
        }

        if (!BotFrameworkEndpoints.IsKnownChannelService(options.ChannelService))
        {
            errors.Add($"ChannelService must be empty (public cloud) or {BotFrameworkEndpoints.GovernmentChannelService}.");
        }

        CheckUrl(options.ToBotFromChannelOpenIdMetadataUrl, nameof(options.ToBotFromChannelOpenIdMetadataUrl), errors);
        CheckUrl(options.ToBotFromEmulatorOpenIdMetadataUrl, nameof(options.ToBotFromEmulatorOpenIdMetadataUrl), errors);
        CheckUrl(options.ToChannelFromBotLoginUrl, nameof(options.ToChannelFromBotLoginUrl), errors);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckUrl(string? value, string key, List<string> errors)
    {
        if (!string.IsNullOrWhiteSpace(value)
            && !(Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            errors.Add($"{key} must be an absolute http(s) URL.");
        }
    }
}
