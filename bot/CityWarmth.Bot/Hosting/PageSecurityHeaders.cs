using CityWarmth.Bot.DirectLine;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Hosting;

/// <summary>
/// Security headers for the pages workers open: the chat page (<c>/</c>), the cited passage (<c>/kb/…</c>) and the
/// complaint sheet (<c>/cases/…/sheet</c>), which holds personal data and so is neither cached nor named in a Referer.
/// The console sets its own (<c>UseConsoleSecurityHeaders</c>).
/// </summary>
public static class PageSecurityHeaders
{
    // Pages of the bot's own: no inline script or style, nothing from elsewhere.
    private const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static IApplicationBuilder UsePageSecurityHeaders(this IApplicationBuilder app)
    {
        var allowed = app.ApplicationServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.AllowedOrigins;
        // Web Chat writes its styles at run time (inline style elements); its script and the Direct Line calls are ours.
        var chatPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            + "media-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
            + string.Concat(allowed.Select(o => " " + o));
        return app.Use((context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            {
                var path = request.Path;
                var headers = context.Response.Headers;
                if (path == "/" || path.Equals("/index.html", StringComparison.OrdinalIgnoreCase))
                {
                    headers.ContentSecurityPolicy = chatPolicy;
                    headers.XContentTypeOptions = "nosniff";
                    headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                }
                else if (path.StartsWithSegments("/kb"))
                {
                    headers.ContentSecurityPolicy = PagePolicy;
                    headers.XContentTypeOptions = "nosniff";
                    headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                }
                else if (path.StartsWithSegments("/cases") && path.Value!.EndsWith("/sheet", StringComparison.OrdinalIgnoreCase))
                {
                    headers.ContentSecurityPolicy = PagePolicy;
                    headers.XContentTypeOptions = "nosniff";
                    headers["Referrer-Policy"] = "no-referrer";
                    headers.CacheControl = "no-store";
                }
            }
            return next(context);
        });
    }
}
