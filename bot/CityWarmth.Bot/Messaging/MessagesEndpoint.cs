using System.Buffers;
using System.Text.Json;
using CityWarmth.BotFramework.Authentication;
using CityWarmth.BotFramework.Schema;
using Microsoft.Extensions.Options;
using CityWarmth.BotFramework.Connector;
using CityWarmth.BotFramework.Replies;

namespace CityWarmth.Bot.Messaging;

/// <summary><c>POST /api/messages</c>: the Bot Framework messaging endpoint every channel calls.</summary>
public static partial class MessagesEndpoint
{
    public const string Path = "/api/messages";

    public static IEndpointRouteBuilder MapBotMessages(this IEndpointRouteBuilder app)
    {
        // The turn's services are singletons, resolved once here, so a turn opens no DI scope. The connector client (a
        // typed HttpClient) is made per request, and only by the turns that reply through the Bot Connector.
        var services = app.ServiceProvider;
        var runner = services.GetRequiredService<TurnRunner>();
        var authenticator = services.GetRequiredService<IChannelAuthenticator>();
        var options = services.GetRequiredService<IOptions<BotOptions>>();
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var trust = services.GetRequiredService<CallerTrust>();
        var handoff = services.GetRequiredService<IOptions<Handoff.HandoffOptions>>();
        if (services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value.IsAuthenticationDisabled)
        {
            Log.LocalMode(loggers.CreateLogger(nameof(MessagesEndpoint)));
        }
        var context = new EndpointServices(runner, authenticator, trust, options, handoff, loggers);
        app.MapPost(Path, (HttpContext http, CancellationToken cancellationToken) => HandleAsync(http, context, cancellationToken))
            .WithName("BotMessages").ExcludeFromDescription()
            // Channels call server to server and prove who they are with the token checked above, and workers' message
            // rates are limited inside the turn: the browser-facing middleware after routing (CORS, per-address limits,
            // the console's cookie and authorization) has nothing to do here, so the endpoint runs straight after
            // routing. Routing refuses to short-circuit an endpoint that carries authorization or CORS metadata.
            .ShortCircuit();
        return app;
    }

    private sealed record EndpointServices(
        TurnRunner Runner,
        IChannelAuthenticator Authenticator,
        CallerTrust Trust,
        IOptions<BotOptions> Options,
        IOptions<Handoff.HandoffOptions> Handoff,
        ILoggerFactory Loggers);

    private static async Task<IResult> HandleAsync(HttpContext http, EndpointServices services, CancellationToken cancellationToken)
    {
        var (runner, authenticator, options, loggers) = (services.Runner, services.Authenticator, services.Options, services.Loggers);
        var limit = options.Value.MaxActivityBytes;
        if (http.Request.ContentLength > limit)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "请求内容太大", $"An activity may be at most {limit} bytes.");
        }

        var (activity, error) = await ReadActivityAsync(http.Request, limit, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var auth = await authenticator.AuthenticateAsync(http.Request.Headers.Authorization.ToString(), activity!.ChannelId, activity.ServiceUrl, cancellationToken);
        if (!auth.Succeeded)
        {
            Log.Unauthorized(loggers.CreateLogger(nameof(MessagesEndpoint)), auth.StatusCode, auth.FailureReason);
            return Results.StatusCode(auth.StatusCode);
        }
        activity!.CallerId = auth.CallerId;
        if (auth.Kind == ChannelTokenKind.Anonymous)
        {
            (int Status, string Reason)? refusal;
            try
            {
                refusal = await services.Trust.CheckAnonymousAsync(http, activity, options.Value, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && Data.StorageFaults.Classify(ex) is { } unavailable)
            {
                // The check reads the database, which is locked or down: the turn cannot run, but the worker is told.
                return await UnavailableBeforeTurnAsync(http, activity, runner, unavailable, cancellationToken);
            }
            if (refusal is { } refused)
            {
                Log.Unauthorized(loggers.CreateLogger(nameof(MessagesEndpoint)), refused.Status, refused.Reason);
                return Problem(refused.Status, "不接受这条消息", refused.Reason);
            }
        }
        var isHandoffStatus = activity.Type == ActivityTypes.Event && activity.Name == HandoffEventNames.Status;
        var hub = services.Handoff.Value;
        if (isHandoffStatus && !CallerTrust.IsAgentHub(http, auth, activity, hub.HubKey, hub.HubAppIds))
        {
            // A worker (or anyone else) cannot assign, annotate or close a case by speaking for a caseworker.
            Log.Unauthorized(loggers.CreateLogger(nameof(MessagesEndpoint)), StatusCodes.Status403Forbidden, "handoff.status from a caller that is not an agent hub");
            return Problem(StatusCodes.Status403Forbidden, "只有坐席系统可以发送 handoff.status", "handoff.status is accepted only from an authenticated agent hub.");
        }

        if (ActivityLimits.Check(activity, options.Value) is { } violation)
        {
            return Problem(violation.StatusCode, "附件太多或太大", violation.Detail);
        }

        var baseUrl = PublicBaseUrl.Resolve(http, options.Value);
        if (activity.Type == ActivityTypes.Invoke)
        {
            return await InvokeAsync(activity, runner, Connector(http), baseUrl, cancellationToken);
        }

        if (activity.DeliveryMode == DeliveryModes.ExpectReplies)
        {
            var inline = new InlineReplySink();
            var outcome = await runner.RunAsync(activity, inline, baseUrl, cancellationToken);
            return Unavailable(http, outcome) ?? inline.ToResult();
        }

        // An agent hub's handoff.status may come without a serviceUrl: replies then go to the stored reference.
        if (string.IsNullOrWhiteSpace(activity.ServiceUrl) && !isHandoffStatus)
        {
            return Problem(StatusCodes.Status400BadRequest, "缺少 serviceUrl", "Activities delivered normally need a serviceUrl to reply to.");
        }
        var delivered = await runner.RunAsync(activity, new ConnectorReplySink(Connector(http)), baseUrl, cancellationToken);
        return Unavailable(http, delivered) ?? Results.Ok();
    }

    /// <summary>
    /// The database failed before the turn began: as when the turn itself meets the outage, a worker on a connector
    /// channel gets the apology (its serviceUrl was already checked) and the caller a 503; nothing is stored.
    /// </summary>
    private static async Task<IResult> UnavailableBeforeTurnAsync(HttpContext http, Activity activity, TurnRunner runner, Data.StorageUnavailableException unavailable, CancellationToken cancellationToken)
    {
        var outcome = activity.DeliveryMode != DeliveryModes.ExpectReplies && activity.Type != ActivityTypes.Invoke && !string.IsNullOrWhiteSpace(activity.ServiceUrl)
            ? await runner.ApologizeUnavailableAsync(activity, new ConnectorReplySink(Connector(http)), unavailable, cancellationToken)
            : TurnOutcome.Unavailable(unavailable);
        return Unavailable(http, outcome)!;
    }

    private static ConnectorClient Connector(HttpContext http) => http.RequestServices.GetRequiredService<ConnectorClient>();

    /// <summary>
    /// The database is locked or full: the turn was not processed (nothing stored), which the caller learns as 503
    /// with Retry-After, so it can send the same activity again. A worker on a connector channel has had the apology.
    /// </summary>
    private static IResult? Unavailable(HttpContext http, TurnOutcome outcome)
    {
        if (outcome.StorageFault is not { } fault)
        {
            return null;
        }
        fault.SetRetryAfter(http.Response);
        return Results.Problem(Data.StorageUnavailableExceptionHandler.Problem(fault));
    }

    /// <summary>
    /// An invoke is answered in the HTTP response: the handler's invokeResponse activity gives its status and body.
    /// Invokes the bot does not handle get 501, as the SDK answers them.
    /// </summary>
    private static async Task<IResult> InvokeAsync(Activity activity, TurnRunner runner, ConnectorClient connector, string baseUrl, CancellationToken cancellationToken)
    {
        if (!Conversations.FeedbackActivities.IsHandledInvoke(activity))
        {
            return Results.StatusCode(StatusCodes.Status501NotImplemented);
        }

        var inline = new InlineReplySink();
        await runner.RunAsync(activity, inline, baseUrl, cancellationToken);
        var response = inline.Activities.FirstOrDefault(a => a.Type == ActivityTypes.InvokeResponse);
        var others = inline.Activities.Where(a => a.Type != ActivityTypes.InvokeResponse).ToList();
        if (activity.DeliveryMode == DeliveryModes.ExpectReplies)
        {
            return Results.Json(new ExpectedReplies(others) { Body = response?.Value?["body"]?.DeepClone() }, ProtocolJson.Options);
        }

        if (!string.IsNullOrWhiteSpace(activity.ServiceUrl))
        {
            var sink = new ConnectorReplySink(connector);
            foreach (var reply in others)
            {
                await sink.SendAsync(reply, cancellationToken);
            }
        }

        if (response?.Value is not System.Text.Json.Nodes.JsonObject value)
        {
            // The turn failed before answering (its apology went to the worker).
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }

        var status = value["status"] is System.Text.Json.Nodes.JsonValue s && s.TryGetValue<int>(out var code) ? code : StatusCodes.Status200OK;
        return value["body"] is { } body
            ? Results.Content(body.ToJsonString(ProtocolJson.Options), "application/json; charset=utf-8", System.Text.Encoding.UTF8, status)
            : Results.StatusCode(status);
    }

    private static async Task<(Activity? Activity, IResult? Error)> ReadActivityAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        // The body goes into a pooled buffer (no per-request garbage), read to at most limit+1 bytes, so a body
        // without Content-Length cannot grow past the limit either.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
                if (length > limit)
                {
                    return (null, Problem(StatusCodes.Status413PayloadTooLarge, "请求内容太大", $"An activity may be at most {limit} bytes."));
                }
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
            return Parse(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (Activity? Activity, IResult? Error) Parse(ReadOnlySpan<byte> body)
    {
        Activity? activity;
        try
        {
            // The activity's strings and JSON nodes are copies, so the buffer can go back to the pool afterwards.
            activity = body.IsEmpty ? null : JsonSerializer.Deserialize<Activity>(body, ProtocolJson.Options);
        }
        catch (JsonException)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "无法读取消息", "The body is not a valid activity JSON document."));
        }

        if (activity is null)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "无法读取消息", "The body is empty."));
        }
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "消息缺少类型", "The activity has no 'type'."));
        }
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "消息缺少会话", "The activity has no 'conversation.id'."));
        }
        if (ActivityLimits.CheckIds(activity) is { } badId)
        {
            return (null, Problem(badId.StatusCode, "消息的编号不对", badId.Detail));
        }
        return (activity, null);
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Rejected an activity with status {Status}: {Reason}")]
        public static partial void Unauthorized(ILogger logger, int status, string? reason);

        [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "MicrosoftAppId is empty: /api/messages runs in local mode and accepts unauthenticated activities only from this machine (the Emulator), with replies to this machine or Bot:AllowedServiceUrls. Set MicrosoftAppId before exposing the bot.")]
        public static partial void LocalMode(ILogger logger);
    }
}

/// <summary>
/// Where the bot's own pages live, for absolute links in replies: <c>Bot:PublicBaseUrl</c>, or else the address the
/// server listens on (a wildcard host read as localhost). Never the request's Host header, which the client chooses.
/// </summary>
public static class PublicBaseUrl
{
    public static string Resolve(HttpContext http, BotOptions options) =>
        !string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? options.PublicBaseUrl.TrimEnd('/')
            : http.RequestServices.GetRequiredService<ListeningBaseUrl>().Value;
}

/// <summary>The first address the server listens on, as a base URL; read once, when the server is running.</summary>
public sealed class ListeningBaseUrl(Microsoft.AspNetCore.Hosting.Server.IServer server)
{
    private string? _value;

    public string Value => _value ??= Read();

    private string Read()
    {
        var addresses = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ?? addresses?.FirstOrDefault();
        if (first is null || !Uri.TryCreate(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return "http://localhost";
        }
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port).Uri.ToString().TrimEnd('/');
    }
}
