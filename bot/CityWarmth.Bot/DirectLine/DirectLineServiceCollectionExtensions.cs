using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.DirectLine;

public static class DirectLineServiceCollectionExtensions
{
    /// <summary>The embedded Direct Line channel: options, tokens, its store in the bot's database, and CORS for other sites.</summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services)
    {
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidator>();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineStore>();
        services.AddSingleton<DirectLineChannel>();

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<DirectLineOptions>>((cors, directLine) =>
            cors.AddPolicy(DirectLineEndpoints.CorsPolicy, policy => policy
                .WithOrigins(directLine.Value.AllowedOrigins)
                // What DirectLineJS sends (its ajax layer adds X-Requested-With); bearer headers, never cookies, so credentials stay off.
                .WithHeaders("Authorization", "Content-Type", "Accept", "x-ms-bot-agent", "X-Requested-With")
                .WithMethods("GET", "POST", "OPTIONS")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }
}
