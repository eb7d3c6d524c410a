using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Accounts;

public static class AccountsServiceCollectionExtensions
{
    public const string Scheme = "Console";
    public const string CaseworkerPolicy = "ConsoleCaseworker";
    public const string AdminPolicy = "ConsoleAdmin";

    /// <summary>Console accounts, the audit log, cookie sessions and the two role policies.</summary>
    public static IServiceCollection AddConsoleAccounts(this IServiceCollection services)
    {
        services.AddOptions<ConsoleAccountOptions>().BindConfiguration(ConsoleAccountOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPasswordHasher<ConsoleUser>, PasswordHasher<ConsoleUser>>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<AuditLog>();

        services.AddAuthentication(Scheme).AddCookie(Scheme);
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IOptions<ConsoleAccountOptions>>((cookie, accounts) =>
        {
            cookie.Cookie.Name = "citywarmth.console";
            cookie.Cookie.Path = "/console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(accounts.Value.SessionMinutes);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/console/login";
            cookie.LogoutPath = "/console/logout";
            cookie.Events.OnRedirectToLogin = context =>
            {
                // APIs and the event stream answer 401; pages go to the sign-in form.
                if (context.Request.Path.StartsWithSegments("/console/api"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }
                return Task.CompletedTask;
            };
            // Every request checks the session against the account: sign-out, disabling or a new password end it,
            // even for a copy of the cookie.
            cookie.Events.OnValidatePrincipal = async context =>
            {
                var accountService = context.HttpContext.RequestServices.GetRequiredService<AccountService>();
                var principal = context.Principal;
                if (principal is null || ConsoleClaims.UserId(principal) is not { } userId
                    || !await accountService.IsSessionValidAsync(userId, principal.FindFirst(ConsoleClaims.SecurityStamp)?.Value, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(Scheme);
                }
            };
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(CaseworkerPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(ConsoleRoles.Caseworker, ConsoleRoles.Admin))
            .AddPolicy(AdminPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(ConsoleRoles.Admin));
        return services;
    }
}
