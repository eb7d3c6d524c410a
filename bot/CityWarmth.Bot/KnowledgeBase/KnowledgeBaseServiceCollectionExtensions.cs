using CityWarmth.Bot.Accounts;
using CityWarmth.Knowledge.Indexing;
using CityWarmth.Skills.Policy;
using Microsoft.AspNetCore.Authentication;
using CityWarmth.Bot.AdminApi;

namespace CityWarmth.Bot.KnowledgeBase;

public static class KnowledgeBaseServiceCollectionExtensions
{
    public const string ApiKeyScheme = "AdminApiKey";
    public const string AdminApiScheme = "AdminApi";
    public const string AdminApiPolicy = "KnowledgeAdmin";

    /// <summary>
    /// Knowledge versions (the published one is what the bot answers from, also after a restart), the admin API's
    /// authentication (API key or a console admin session), and the unanswered-question log. Call after AddKnowledge.
    /// </summary>
    public static IServiceCollection AddKnowledgeAdmin(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeAdminOptions>().BindConfiguration(KnowledgeAdminOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<KnowledgeAdminService>();

        // Replaces the folder-based index of AddKnowledge: the bot serves the published knowledge version.
        services.AddSingleton(sp => new PolicyIndexHolder(() => sp.GetRequiredService<KnowledgeAdminService>().OpenPublishedIndex()));

        services.AddHostedService<KnowledgeVersionWatcher>();
        services.AddSingleton<UnansweredQuestionRecorder>();
        services.AddSingleton<IUnansweredQuestionSink>(sp => sp.GetRequiredService<UnansweredQuestionRecorder>());
        services.AddHostedService(sp => sp.GetRequiredService<UnansweredQuestionRecorder>());

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme, null)
            .AddPolicyScheme(AdminApiScheme, null, o =>
            {
                // A request with an Authorization header is automation; otherwise a console session may be present.
                o.ForwardDefaultSelector = context => context.Request.Headers.Authorization.Count > 0
                    ? ApiKeyScheme
                    : AccountsServiceCollectionExtensions.Scheme;
                // An API answers 401/403, never a redirect to the sign-in page.
                o.ForwardChallenge = ApiKeyScheme;
                o.ForwardForbid = ApiKeyScheme;
            });
        services.AddAuthorizationBuilder().AddPolicy(AdminApiPolicy, p => p
            .AddAuthenticationSchemes(AdminApiScheme)
            .RequireAuthenticatedUser()
            .RequireRole(ConsoleRoles.Admin));
        services.AddOpenApi();
        return services;
    }

    /// <summary>The admin API under /api/admin, the console's knowledge pages and the OpenAPI document.</summary>
    public static WebApplication MapKnowledgeAdmin(this WebApplication app)
    {
        app.MapKnowledgeAdminApi();
        app.MapKnowledgeConsolePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
