namespace CityWarmth.Bot.Hosting;

public static class CityWarmthConfiguration
{
    /// <summary>
    /// The repository-root appsettings.json is the one configuration file. It is read from the content root
    /// (the repository root with the README's run command) or, when the bot runs from elsewhere, from the copy
    /// placed beside the binaries. Environment variables and the command line still override it.
    /// </summary>
    public static WebApplicationBuilder AddCityWarmthConfiguration(this WebApplicationBuilder builder)
    {
        var atContentRoot = Path.Combine(builder.Environment.ContentRootPath, "appsettings.json");
        if (!File.Exists(atContentRoot))
        {
            var besideBinaries = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
            var sources = builder.Configuration.Sources;
            // Insert right after the default (missing) appsettings.json so later sources keep precedence.
            var index = sources.ToList().FindIndex(s => s is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource j && j.Path == "appsettings.json");
            var source = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = besideBinaries,
                Optional = true,
                ReloadOnChange = false,
            };
            source.ResolveFileProvider();
            sources.Insert(index >= 0 ? index + 1 : 0, source);
        }
        return builder;
    }
}
