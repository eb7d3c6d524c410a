using CityWarmth.Bot.Accounts;
using Microsoft.AspNetCore.Authentication;

namespace CityWarmth.Bot.AdminApi;

/// <summary>
/// The gate of every API under <c>/api/admin</c> (knowledge, jobs, cases): an API key from <c>Admin:ApiKeys</c> or a
/// signed-in console admin, answered with 401/403 rather than a redirect to the sign-in page.
/// </summary>
public static class AdminApiServiceCollectionExtensions
{
    /// <summary>The authorization policy the admin API's endpoint groups require.</summary>
    public const string Policy = "AdminApi";

    internal const string ApiKeyScheme = "AdminApiKey";
    private const string KeyOrSessionScheme = "AdminApiKeyOrSession";

    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddOptions<AdminApiOptions>().BindConfiguration(AdminApiOptions.SectionName);
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme, null)
            .AddPolicyScheme(KeyOrSessionScheme, null, o =>
            {
                // A request with an Authorization header is automation; otherwise a console session may be present.
                o.ForwardDefaultSelector = context => context.Request.Headers.Authorization.Count > 0
                    ? ApiKeyScheme
                    : AccountsServiceCollectionExtensions.Scheme;
                o.ForwardChallenge = ApiKeyScheme;
                o.ForwardForbid = ApiKeyScheme;
            });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(KeyOrSessionScheme)
            .RequireAuthenticatedUser()
            .RequireRole(ConsoleRoles.Admin));
        services.AddOpenApi();
        return services;
    }

    /// <summary>A group of admin endpoints under <paramref name="prefix"/>, behind the admin API's gate.</summary>
    public static RouteGroupBuilder MapAdminApiGroup(this IEndpointRouteBuilder app, string prefix) =>
        app.MapGroup(prefix).RequireAuthorization(Policy);

    /// <summary>The OpenAPI document of the admin API, at <c>/openapi/v1.json</c>.</summary>
    public static IEndpointRouteBuilder MapAdminApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
