using System.Text.Json;
using CityWarmth.Bot.Messaging;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Tests.Infrastructure;

public sealed class ConfigurationTests
{
    [Fact]
    public void TheRootAppSettingsFileIsTheConfigurationTheBotUses()
    {
        var root = FindRepositoryRoot();
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "appsettings.json")));
        var expected = file.RootElement.GetProperty("Bot").GetProperty("MaxActivityBytes").GetInt32();

        using var app = new BotApp();
        var options = app.Services.GetRequiredService<IOptions<BotOptions>>().Value;

        Assert.Equal(expected, options.MaxActivityBytes);
        Assert.Equal(file.RootElement.GetProperty("Bot").GetProperty("MaxMessageChars").GetInt32(), options.MaxMessageChars);
        app.DeleteData();
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CityWarmth.Bot.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Repository root not found.");
    }
}
