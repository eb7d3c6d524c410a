using System.Reflection;
using CityWarmth.Bot.Accounts;

namespace CityWarmth.Bot.Console;

public static class ConsoleServiceCollectionExtensions
{
    public const string AntiforgeryHeader = "RequestVerificationToken";

    /// <summary>The caseworker console: server-rendered Razor Pages under /console, antiforgery on every POST.</summary>
    public static IServiceCollection AddCaseworkerConsole(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Console/Pages";
            o.Conventions.AuthorizeFolder("/", AccountsServiceCollectionExtensions.CaseworkerPolicy);
            o.Conventions.AllowAnonymousToPage("/Login");
        });
        // Chinese is written as-is, not as &#x...; entities (markup characters are still encoded).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
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
        app.MapRazorPages();
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
