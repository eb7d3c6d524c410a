namespace CityWarmth.Bot.Hosting;

/// <summary>How the host serves wwwroot (the Web Chat page's scripts and styles).</summary>
public static class StaticAssetHosting
{
    /// <summary>
    /// Serves wwwroot from the build output in every environment, not only Development. Outside development it is
    /// served as built (precompressed, fingerprinted names cached for good), not re-read and re-sent uncached in case
    /// someone edited it, which MapStaticAssets does by default for a build's output.
    /// </summary>
    public static WebApplicationBuilder ServeBuiltStaticAssets(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        if (!builder.Environment.IsDevelopment())
        {
            builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
        }
        return builder;
    }
}
