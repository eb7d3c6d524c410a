using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CityWarmth.Bot.Data;

/// <summary>
/// Any request that fails because the database is locked, full or unreachable gets 503 with Retry-After and a
/// ProblemDetails body, instead of a bare 500: the caller did nothing wrong and can try again.
/// </summary>
internal sealed partial class StorageUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<StorageUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (StorageFaults.Classify(exception) is not { } unavailable || http.Response.HasStarted)
        {
            return false;
        }
        Log.RequestFailed(logger, http.Request.Method, http.GetEndpoint()?.DisplayName, unavailable.Fault);
        return await WriteAsync(http, problems, unavailable);
    }

    private static async ValueTask<bool> WriteAsync(HttpContext http, IProblemDetailsService problems, StorageUnavailableException unavailable)
    {
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        unavailable.SetRetryAfter(http.Response);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = unavailable,
            ProblemDetails = Problem(unavailable),
        });
    }

    /// <summary>The 503 body; also written by the messaging endpoint, which learns of the fault from the turn's outcome.</summary>
    public static ProblemDetails Problem(StorageUnavailableException unavailable) => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "系统繁忙，请稍后再试",
        Detail = unavailable.Fault switch
        {
            StorageFault.Busy => "The database is busy; nothing was saved. Try again shortly.",
            StorageFault.Full => "The database has no space left; nothing was saved. Try again once space is freed.",
            _ => "The database cannot be reached; nothing was saved. Try again shortly.",
        },
        Extensions = { ["fault"] = unavailable.Fault.ToString().ToLowerInvariant() },
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 1250, Level = LogLevel.Warning, Message = "{Method} {Endpoint} failed: the database is unavailable ({Fault})")]
        public static partial void RequestFailed(ILogger logger, string method, string? endpoint, StorageFault fault);
    }
}
