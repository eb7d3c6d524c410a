using System.Reflection;
using CityWarmth.Bot.Accounts;

namespace CityWarmth.Bot.Console;

public static class ConsoleServiceCollectionExtensions
{
    public const string AntiforgeryHeader = "RequestVerificationToken";

    /// <summary>
    /// The caseworker console under /console: its pages (Razor Pages, see AddServerPages), its API for the live queue
    /// and chat, and antiforgery on every POST.
    /// </summary>
    public static IServiceCollection AddCaseworkerConsole(this IServiceCollection services)
    {
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "citywarmth.console.af";
            o.Cookie.Path = "/console";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>Console pages never run inline script or load anything from elsewhere: worker text cannot become code.</summary>
    public static IApplicationBuilder UseConsoleSecurityHeaders(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/console"), branch => branch.Use((context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            context.Response.Headers.CacheControl = "no-store";
            return next(context);
        }));

    public static IEndpointRouteBuilder MapCaseworkerConsole(this IEndpointRouteBuilder app)
    {
        app.MapConsoleApi();
        app.MapGet("/console/assets/{name}", (string name) =>
        {
            var (resource, type) = name switch
            {
                "console.js" => ("console.js", "text/javascript; charset=utf-8"),
                "console.css" => ("console.css", "text/css; charset=utf-8"),
                _ => (null, null),
            };
            var stream = resource is null ? null : Assembly.GetExecutingAssembly().GetManifestResourceStream("CityWarmth.Bot.Console.Assets." + resource);
            return stream is null ? Results.NotFound() : Results.Stream(stream, type);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
