using CityWarmth.BotFramework.Authentication;
using CityWarmth.BotFramework.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CityWarmth.BotFramework.Tests.Authentication;

public sealed class BotAuthenticationOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddBotAuthentication(configuration).BuildServiceProvider();
    }

    private static OptionsValidationException? StartupFailure(Dictionary<string, string?> settings)
    {
        using var provider = Build(settings);
        return Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate()) as OptionsValidationException;
    }

    [Fact]
    public void TopLevelBotFrameworkKeysAreBound()
    {
        using var provider = Build(new()
        {
            ["MicrosoftAppType"] = "userassignedmsi",
            ["MicrosoftAppId"] = "app",
            ["MicrosoftAppTenantId"] = "tenant",
            ["AllowedCallers:0"] = "caller-a",
            ["AllowedCallers:1"] = "caller-b",
            ["ToBotFromChannelTokenIssuer"] = "https://issuer.example.com",
        });

        var options = provider.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;

        Assert.Equal(MicrosoftAppType.UserAssignedMsi, options.ParseAppType());
        Assert.Equal("app", options.MicrosoftAppId);
        Assert.Equal(["caller-a", "caller-b"], options.AllowedCallers);
        Assert.Equal("https://issuer.example.com", BotFrameworkEndpoints.Resolve(options).ChannelTokenIssuer);
        Assert.False(options.IsAuthenticationDisabled);
    }

    [Fact]
    public void EmptyConfigurationDisablesAuthenticationAndIsValid()
    {
        Assert.Null(StartupFailure([]));
        using var provider = Build([]);
        Assert.True(provider.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value.IsAuthenticationDisabled);
    }

    [Fact]
    public void PublicCloudDefaultsApplyWhenNothingIsOverridden()
    {
        var endpoints = BotFrameworkEndpoints.Resolve(new BotAuthenticationOptions { MicrosoftAppId = "app", MicrosoftAppPassword = "pw" });

        Assert.Equal("https://api.botframework.com", endpoints.ChannelTokenIssuer);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", endpoints.ChannelOpenIdMetadataUrl);
        Assert.Equal("https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration", endpoints.EmulatorOpenIdMetadataUrl);
        Assert.Equal("https://login.microsoftonline.com/botframework.com", endpoints.LoginAuthority);
        Assert.Equal("https://api.botframework.com", endpoints.OAuthScope);
        Assert.Equal("urn:botframework:azure", endpoints.CallerId);
    }

    [Fact]
    public void GovernmentChannelServiceSelectsGovernmentDefaults()
    {
        var endpoints = BotFrameworkEndpoints.Resolve(new BotAuthenticationOptions { ChannelService = "https://botframework.azure.us" });

        Assert.Equal("https://api.botframework.us", endpoints.ChannelTokenIssuer);
        Assert.Equal("https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us", endpoints.LoginAuthority);
        Assert.Equal("urn:botframework:azureusgov", endpoints.CallerId);
    }

    [Fact]
    public void SingleTenantAuthorityUsesTheTenant()
    {
        var endpoints = BotFrameworkEndpoints.Resolve(new BotAuthenticationOptions
        {
            MicrosoftAppType = "SingleTenant",
            MicrosoftAppTenantId = "contoso.onmicrosoft.com",
        });

        Assert.Equal("https://login.microsoftonline.com/contoso.onmicrosoft.com", endpoints.LoginAuthority);
    }

    [Theory]
    [InlineData("SingleTenant", "app", null, "pw", "MicrosoftAppTenantId is required for SingleTenant.")]
    [InlineData("SingleTenant", "app", "tenant", null, "MicrosoftAppPassword is required for SingleTenant.")]
    [InlineData("SingleTenant", null, "tenant", "pw", "MicrosoftAppId is required for SingleTenant.")]
    [InlineData("UserAssignedMSI", "app", null, null, "MicrosoftAppTenantId is required for UserAssignedMSI.")]
    [InlineData("UserAssignedMSI", "app", "tenant", "pw", "MicrosoftAppPassword must not be set for UserAssignedMSI.")]
    [InlineData("MultiTenant", "app", null, null, "MicrosoftAppPassword is required when MicrosoftAppId is set for MultiTenant.")]
    [InlineData("SingleTennant", "app", "tenant", "pw", "MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI.")]
    [InlineData("1", "app", "tenant", "pw", "MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI.")]
    public void InvalidCredentialSetupFailsAtStartup(string appType, string? appId, string? tenant, string? password, string expected)
    {
        var failure = StartupFailure(new()
        {
            ["MicrosoftAppType"] = appType,
            ["MicrosoftAppId"] = appId,
            ["MicrosoftAppTenantId"] = tenant,
            ["MicrosoftAppPassword"] = password,
        });

        Assert.NotNull(failure);
        Assert.Contains(expected, failure.Failures);
    }

    [Theory]
    [InlineData("SingleTenant", "tenant", "pw")]
    [InlineData("USERASSIGNEDMSI", "tenant", null)]
    [InlineData(null, null, "pw")]
    public void ValidCredentialSetupPasses(string? appType, string? tenant, string? password)
    {
        Assert.Null(StartupFailure(new()
        {
            ["MicrosoftAppType"] = appType,
            ["MicrosoftAppId"] = "app",
            ["MicrosoftAppTenantId"] = tenant,
            ["MicrosoftAppPassword"] = password,
        }));
    }

    [Fact]
    public void UnknownChannelServiceFailsAtStartup()
    {
        var failure = StartupFailure(new() { ["ChannelService"] = "https://botframework.example.cn" });

        Assert.NotNull(failure);
        Assert.Contains(failure.Failures, f => f.StartsWith("ChannelService", StringComparison.Ordinal));
    }

    [Fact]
    public void RelativeMetadataUrlFailsAtStartup()
    {
        var failure = StartupFailure(new() { ["ToBotFromChannelOpenIdMetadataUrl"] = "/keys" });

        Assert.NotNull(failure);
        Assert.Contains("ToBotFromChannelOpenIdMetadataUrl must be an absolute http(s) URL.", failure.Failures);
    }
}
