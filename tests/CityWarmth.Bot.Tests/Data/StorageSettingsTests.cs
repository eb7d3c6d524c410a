using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Tests.Data;

public sealed class StorageSettingsTests
{
    [Theory]
    [InlineData("Storage:BusyTimeoutSeconds", "0")]
    [InlineData("Storage:BusyTimeoutSeconds", "61")]
    [InlineData("Storage:WalRestartPages", "100")]
    [InlineData("Storage:StateCacheSize", "-1")]
    [InlineData("Storage:Provider", "mysql")]
    public void InvalidSettingsStopTheBotAtStart(string key, string value)
    {
        var error = BotApp.StartFailure(new Dictionary<string, string?> { [key] = value });
        Assert.True(error.GetBaseException() is OptionsValidationException, error.ToString());
    }
}
