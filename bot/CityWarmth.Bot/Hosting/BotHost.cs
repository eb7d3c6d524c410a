namespace CityWarmth.Bot.Hosting;

/// <summary>How the web server and the command-line verbs start: the same configuration for both.</summary>
public static class BotHost
{
    /// <summary>
    /// A builder reading the repository root's appsettings.json once. Reloading it on change would watch the whole
    /// content root, and the SQLite files under it change on every turn.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(IEnumerable<string> args)
    {
        var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
        builder.AddCityWarmthConfiguration();
        return builder;
    }
}
