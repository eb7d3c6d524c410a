using System.Globalization;
using System.Threading.RateLimiting;
using CityWarmth.Bot.DirectLine;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using CityWarmth.Bot.Conversations;

namespace CityWarmth.Bot.Hosting;

public static class RateLimitingServiceCollectionExtensions
{
    /// <summary>
    /// Per-address limits on the APIs people or scripts call directly (429 with Retry-After), and the per-worker
    /// message limiter the turn handler uses.
    /// </summary>
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WorkerRateLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, settings) =>
        {
            var perIp = settings.Value.PerIp;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => IsLimitedApi(http.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perIp.PermitLimit,
                    Window = perIp.Window,
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    private static bool IsLimitedApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/v3/directline")
        || request.Path.StartsWithSegments("/api/admin")
        || (HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/console/login", StringComparison.OrdinalIgnoreCase));

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (http.Request.Path.StartsWithSegments("/v3/directline"))
        {
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
}
