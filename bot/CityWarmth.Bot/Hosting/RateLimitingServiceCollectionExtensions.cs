using System.Globalization;
using System.Threading.RateLimiting;
using CityWarmth.Bot.DirectLine;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using CityWarmth.Bot.Conversations;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.Bot.Hosting;

public static class RateLimitingServiceCollectionExtensions
{
    /// <summary>
    /// Limits on what people or scripts call directly (429 with Retry-After), each surface with its own budget, and the
    /// per-worker message limiter the turn handler uses.
    /// </summary>
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WorkerRateLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, settings) =>
        {
            var limits = settings.Value;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Classify(http) switch
            {
                (Surface.DirectLinePoll, var key) => Window("poll:" + key, limits.DirectLinePolls),
                (Surface.DirectLineSend, var key) => Window("send:" + key, limits.DirectLineSends),
                (Surface.DirectLineStart, var key) => Window("start:" + key, limits.DirectLineStartsPerIp),
                (Surface.AdminApi, var key) => Window("admin:" + key, limits.AdminApiPerIp),
                (Surface.SignIn, var key) => Window("signin:" + key, limits.SignInPerIp),
                _ => RateLimitPartition.GetNoLimiter(""),
            });
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    private enum Surface { None, DirectLinePoll, DirectLineSend, DirectLineStart, AdminApi, SignIn }

    private const int MaxConversationKeyLength = 128;

    private static RateLimitPartition<string> Window(string key, WindowLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        });

    /// <summary>
    /// Which budget a request draws on. Direct Line requests for a conversation count against that conversation (its
    /// token is checked by the endpoint), so many workers behind one carrier address never share a budget.
    /// </summary>
    private static (Surface Surface, string Key) Classify(HttpContext http)
    {
        var request = http.Request;
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (request.Path.StartsWithSegments("/v3/directline"))
        {
            if (http.GetRouteValue("conversationId") is string conversation && conversation.Length is > 0 and <= MaxConversationKeyLength)
            {
                return (IsPoll(request) ? Surface.DirectLinePoll : Surface.DirectLineSend, conversation);
            }
            return (Surface.DirectLineStart, address);
        }
        if (request.Path.StartsWithSegments("/api/admin"))
        {
            return (Surface.AdminApi, address);
        }
        if (HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/console/login", StringComparison.OrdinalIgnoreCase))
        {
            return (Surface.SignIn, address);
        }
        return (Surface.None, "");
    }

    private static bool IsPoll(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Value is { } path && path.EndsWith("/activities", StringComparison.Ordinal);

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (http.Request.Path.StartsWithSegments("/v3/directline"))
        {
            if (IsPoll(http.Request) && ThrottledPoll(http.Request) is { } empty)
            {
                // DirectLineJS stops polling for good after any answer but 200, 403 or 404, which would strand the chat.
                // A poll over budget gets an empty page at the same watermark (nothing is read), and the client simply
                // polls again; Retry-After tells a client that reads it to slow down.
                http.Response.StatusCode = StatusCodes.Status200OK;
                await http.Response.WriteAsJsonAsync(empty, DirectLineJson.Options, cancellationToken);
                return;
            }
            // Direct Line clients read the Direct Line error shape.
            await http.Response.WriteAsJsonAsync(
                new DirectLineErrorResponse(new DirectLineError("TooManyRequests", $"Too many requests; retry after {seconds} seconds.")),
                DirectLineJson.Options, cancellationToken);
            return;
        }
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "请求太频繁",
                Detail = $"Too many requests; retry after {seconds} seconds.",
            },
        });
    }

    /// <summary>The empty page for a throttled poll; null when the watermark is not one the service could have issued.</summary>
    private static ActivitySet? ThrottledPoll(HttpRequest request)
    {
        var watermark = request.Query["watermark"].ToString();
        if (watermark.Length == 0)
        {
            return new ActivitySet([], "0");
        }
        return long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var after)
            ? new ActivitySet([], after.ToString(CultureInfo.InvariantCulture))
            : null;
    }
}
