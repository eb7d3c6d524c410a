using System.Globalization;
using System.Text.Json;
using CityWarmth.Bot.Messaging;
using CityWarmth.BotFramework.Schema;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.DirectLine;

/// <summary>
/// Direct Line 3.0 at <c>/v3/directline</c> as the official clients (DirectLineJS in Web Chat) use it,
/// and the connector side at <c>/v3/conversations</c> where activities from the bot land.
/// </summary>
public static partial class DirectLineEndpoints
{
    public const string CorsPolicy = "DirectLine";
    private const int MaxIdLength = 128;
    private const string ReservedUserIdPrefix = "dl_";
    private const int MaxParametersBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v3/directline").RequireCors(CorsPolicy).ExcludeFromDescription().AddEndpointFilter(StorageUnavailableAsync);
        group.MapPost("/tokens/generate", GenerateTokenAsync);
        group.MapPost("/tokens/refresh", RefreshTokenAsync);
        group.MapPost("/conversations", StartConversationAsync);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync);
        group.MapGet("/conversations/{conversationId}/stream", (string conversationId, string? t, string? watermark, HttpContext http, DirectLineStreams streams) =>
            streams.ConnectAsync(conversationId, t, watermark, http));
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        group.MapPost("/conversations/{conversationId}/upload", DirectLineUploads.UploadAsync);

        // The connector API on the bot's own base URL (its Direct Line serviceUrl).
        app.MapPost("/v3/conversations/{conversationId}/activities", SendToConversationAsync).ExcludeFromDescription();
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", SendToConversationAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The database is locked or full: 503 with Retry-After in Direct Line's error shape. Web Chat then marks the message
    /// as not sent and offers to send it again, which is safe because nothing of the turn was stored.
    /// </summary>
    private static async ValueTask<object?> StorageUnavailableAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (Data.StorageFaults.Classify(ex) is { } unavailable)
        {
            unavailable.SetRetryAfter(context.HttpContext.Response);
            return Error(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "The bot's database is busy or full; nothing was processed. Try again shortly.");
        }
    }

    private static async Task<IResult> GenerateTokenAsync(HttpContext http, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        if (tokens.SecretRequired)
        {
            var credential = await tokens.CheckAsync(http.Request.Headers.Authorization);
            if (credential.Status == DirectLineCredentialStatus.Missing)
            {
                return Error(StatusCodes.Status401Unauthorized, "MissingSecret", "A Direct Line secret is required to generate a token.");
            }
            if (credential.Status != DirectLineCredentialStatus.Valid || !credential.Grant!.IsSecret)
            {
                return Error(StatusCodes.Status403Forbidden, "InvalidSecret", "The Direct Line secret is not valid.");
            }
        }

        var (parameters, error) = await ReadJsonAsync<DirectLineTokenParameters>(http.Request, MaxParametersBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        var user = parameters?.User;
        if (BadUser(user) is { } badUser)
        {
            return badUser;
        }
        var userId = string.IsNullOrWhiteSpace(user?.Id) ? ReservedUserIdPrefix + DirectLineTokens.NewId() : user.Id.Trim();
        var conversationId = DirectLineTokens.NewId();
        var token = tokens.Issue(conversationId, userId, user?.Name);
        return Json(StatusCodes.Status200OK, new DirectLineConversationInfo(conversationId, token, (int)tokens.Lifetime.TotalSeconds));
    }

    private static async Task<IResult> RefreshTokenAsync(HttpContext http, DirectLineTokens tokens)
    {
        // No body is read: DirectLineJS sends none, and no Content-Type either.
        var credential = await tokens.CheckAsync(http.Request.Headers.Authorization);
        if (Refuse(credential) is { } refused)
        {
            return refused;
        }
        var grant = credential.Grant!;
        if (grant.IsSecret)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "Only tokens can be refreshed.");
        }
        var token = tokens.Issue(grant.ConversationId!, grant.UserId!, grant.UserName);
        return Json(StatusCodes.Status200OK, new DirectLineConversationInfo(grant.ConversationId!, token, (int)tokens.Lifetime.TotalSeconds));
    }

    private static async Task<IResult> StartConversationAsync(
        HttpContext http,
        DirectLineTokens tokens,
        DirectLineStore store,
        DirectLineChannel channel,
        DirectLineStreams streams,
        IOptions<BotOptions> botOptions,
        IHostApplicationLifetime lifetime,
        CancellationToken cancellationToken)
    {
        var credential = await tokens.CheckAsync(http.Request.Headers.Authorization);
        if (Refuse(credential) is { } refused)
        {
            return refused;
        }
        var (parameters, error) = await ReadJsonAsync<DirectLineStartParameters>(http.Request, MaxParametersBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var grant = credential.Grant!;
        string conversationId, token;
        ChannelAccount user;
        if (grant.IsSecret)
        {
            var requested = parameters?.User;
            if (BadUser(requested) is { } badUser)
            {
                return badUser;
            }
            conversationId = DirectLineTokens.NewId();
            user = new ChannelAccount { Id = string.IsNullOrWhiteSpace(requested?.Id) ? ReservedUserIdPrefix + DirectLineTokens.NewId() : requested.Id.Trim(), Name = requested?.Name };
            token = tokens.Issue(conversationId, user.Id, user.Name);
        }
        else
        {
            // The token decides who the user is; the body cannot override it.
            conversationId = grant.ConversationId!;
            user = new ChannelAccount { Id = grant.UserId, Name = grant.UserName ?? Truncate(parameters?.User?.Name) };
            token = BearerValue(http);
        }
        var locale = parameters?.Locale is { Length: > 0 and <= 32 } l ? l : null;

        var created = await store.CreateConversationAsync(conversationId, user.Id!, user.Name, locale, cancellationToken);
        if (created)
        {
            // The welcome is listed before the client's first poll; a dropped request does not cancel it.
            await channel.StartAsync(conversationId, user, locale, PublicBaseUrl.Resolve(http, botOptions.Value), lifetime.ApplicationStopping);
            Log.ConversationStarted(Logger(http), conversationId);
        }
        // The stream starts from the first activity, so the welcome listed above is not missed.
        var streamGrant = grant.IsSecret ? grant : grant with { ConversationId = conversationId };
        var info = new DirectLineConversationInfo(conversationId, token, grant.IsSecret ? (int)tokens.Lifetime.TotalSeconds : tokens.SecondsLeft(grant), streams.StreamUrl(http, conversationId, streamGrant, null));
        return Json(created ? StatusCodes.Status201Created : StatusCodes.Status200OK, info);
    }

    private static async Task<IResult> ReconnectAsync(
        string conversationId,
        string? watermark,
        HttpContext http,
        DirectLineTokens tokens,
        DirectLineStore store,
        DirectLineStreams streams,
        CancellationToken cancellationToken)
    {
        var credential = await tokens.CheckAsync(http.Request.Headers.Authorization);
        if (Refuse(credential, conversationId) is { } refused)
        {
            return refused;
        }
        long? after = null;
        if (!string.IsNullOrEmpty(watermark))
        {
            if (!long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Error(StatusCodes.Status400BadRequest, "BadArgument", "The watermark is not one this service issued.");
            }
            after = parsed;
        }
        var conversation = await store.FindAsync(conversationId, cancellationToken);
        if (conversation is null)
        {
            return NotFound();
        }
        var grant = credential.Grant!;
        // A fresh stream URL that resumes after the client's watermark: nothing it has is sent again, nothing after is lost.
        var streamUrl = streams.StreamUrl(http, conversationId, grant, after);
        var info = grant.IsSecret
            ? new DirectLineConversationInfo(conversationId, tokens.Issue(conversationId, conversation.UserId, conversation.UserName), (int)tokens.Lifetime.TotalSeconds, streamUrl)
            : new DirectLineConversationInfo(conversationId, BearerValue(http), tokens.SecondsLeft(grant), streamUrl);
        return Json(StatusCodes.Status200OK, info);
    }

    private static async Task<IResult> GetActivitiesAsync(
        string conversationId,
        string? watermark,
        HttpContext http,
        DirectLineTokens tokens,
        DirectLineStore store,
        IOptions<DirectLineOptions> options,
        CancellationToken cancellationToken)
    {
        var credential = await tokens.CheckAsync(http.Request.Headers.Authorization);
        if (Refuse(credential, conversationId) is { } refused)
        {
            return refused;
        }
        long after = 0;
        if (!string.IsNullOrEmpty(watermark) && (!long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The watermark is not one this service issued.");
        }

        try
        {
            if (!await store.ExistsAsync(conversationId, cancellationToken))
            {
                return NotFound();
            }
            var (activities, next) = await store.ReadAsync(conversationId, after, options.Value.MaxActivitiesPerPoll, cancellationToken);
            return Json(StatusCodes.Status200OK, new ActivitySet(activities, next.ToString(CultureInfo.InvariantCulture)));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Any error other than 403/404 stops DirectLineJS polling for good; an empty page lets it try again.
            Log.PollFailed(Logger(http), conversationId, ex);
            return Json(StatusCodes.Status200OK, new ActivitySet([], after.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static async Task<IResult> PostActivityAsync(
        string conversationId,
        HttpContext http,
        DirectLineTokens tokens,
        DirectLineStore store,
        DirectLineChannel channel,
        IOptions<BotOptions> botOptions,
        IHostApplicationLifetime lifetime,
        CancellationToken cancellationToken)
    {
        var (sender, refused) = await AuthorizeClientPostAsync(conversationId, http, tokens, store, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        var (activity, error) = await ReadJsonAsync<Activity>(http.Request, botOptions.Value.MaxActivityBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        return await PostFromUserAsync(conversationId, activity, sender!, http, channel, botOptions.Value, lifetime);
    }

    /// <summary>Who may post to a conversation: a credential that grants it, and the conversation itself.</summary>
    internal sealed record ClientSender(DirectLineGrant Grant, Data.DirectLineConversation Conversation);

    /// <summary>
    /// The checks every post from a client makes before its body is read (activities and uploads alike): the
    /// credential is valid and grants this conversation, and the conversation exists.
    /// </summary>
    internal static async Task<(ClientSender? Sender, IResult? Refused)> AuthorizeClientPostAsync(
        string conversationId, HttpContext http, DirectLineTokens tokens, DirectLineStore store, CancellationToken cancellationToken)
    {
        var credential = await tokens.CheckAsync(http.Request.Headers.Authorization);
        if (Refuse(credential, conversationId) is { } refused)
        {
            return (null, refused);
        }
        var conversation = await store.FindAsync(conversationId, cancellationToken);
        return conversation is null ? (null, NotFound()) : (new ClientSender(credential.Grant!, conversation), null);
    }

    /// <summary>Checks a client's activity, sends it as the user the credential names, and answers with its id.</summary>
    internal static async Task<IResult> PostFromUserAsync(
        string conversationId,
        Activity? activity,
        ClientSender sender,
        HttpContext http,
        DirectLineChannel channel,
        BotOptions botOptions,
        IHostApplicationLifetime lifetime)
    {
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The activity has no 'type'.");
        }
        if (activity.Type == ActivityTypes.ConversationUpdate)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "Clients cannot send conversationUpdate activities.");
        }
        if (activity.Type == ActivityTypes.Event && activity.Name == HandoffEventNames.Status)
        {
            // Only an agent hub speaks for a caseworker; a worker's client never does.
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "Clients cannot send handoff.status events.");
        }
        if (ActivityLimits.CheckIds(activity) is { } badId)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", badId.Detail);
        }
        if (ActivityLimits.Check(activity, botOptions) is { } violation)
        {
            return Error(violation.StatusCode, violation.StatusCode == StatusCodes.Status413PayloadTooLarge ? "MessageSizeTooBig" : "BadArgument", violation.Detail);
        }

        var (grant, conversation) = sender;
        var user = grant.IsSecret
            ? new ChannelAccount { Id = string.IsNullOrWhiteSpace(activity.From?.Id) ? conversation.UserId : Truncate(activity.From.Id), Name = Truncate(activity.From?.Name) ?? conversation.UserName }
            : new ChannelAccount { Id = grant.UserId, Name = Truncate(activity.From?.Name) ?? grant.UserName ?? conversation.UserName };

        var id = await channel.PostFromUserAsync(conversationId, activity, user, PublicBaseUrl.Resolve(http, botOptions), lifetime.ApplicationStopping);
        return Json(StatusCodes.Status200OK, new ResourceResponse(id));
    }

    private static async Task<IResult> SendToConversationAsync(
        string conversationId,
        string? activityId,
        HttpContext http,
        DirectLineTokens tokens,
        DirectLineStore store,
        DirectLineChannel channel,
        IOptions<BotOptions> botOptions,
        CancellationToken cancellationToken)
    {
        if (!await IsBotAsync(http, tokens))
        {
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Only the bot may send to a conversation.");
        }
        if (!await store.ExistsAsync(conversationId, cancellationToken))
        {
            return NotFound();
        }
        var (activity, error) = await ReadJsonAsync<Activity>(http.Request, botOptions.Value.MaxActivityBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The activity has no 'type'.");
        }
        if (!string.IsNullOrEmpty(activityId) && string.IsNullOrEmpty(activity.ReplyToId))
        {
            activity.ReplyToId = activityId;
        }
        var id = await channel.SendFromBotAsync(conversationId, activity, cancellationToken);
        return Json(StatusCodes.Status200OK, new ResourceResponse(id));
    }

    /// <summary>
    /// The connector endpoint takes activities from a bot elsewhere that holds the Direct Line secret. This bot never
    /// calls it: its replies and its caseworkers' messages are appended in-process (<see cref="DirectLineReplySink"/>,
    /// <see cref="DirectLineWorkerDelivery"/>), so no caller is trusted for where it connects from.
    /// </summary>
    private static async Task<bool> IsBotAsync(HttpContext http, DirectLineTokens tokens)
    {
        var credential = await tokens.CheckAsync(http.Request.Headers.Authorization);
        return credential is { Status: DirectLineCredentialStatus.Valid, Grant.IsSecret: true };
    }

    internal static IResult? Refuse(DirectLineCredential credential, string? conversationId = null) => credential.Status switch
    {
        DirectLineCredentialStatus.Missing => Error(StatusCodes.Status401Unauthorized, "MissingToken", "Authorization: Bearer <token or secret> is required."),
        DirectLineCredentialStatus.Expired => Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired."),
        DirectLineCredentialStatus.Invalid => Error(StatusCodes.Status403Forbidden, "BadToken", "The token or secret is not valid."),
        _ when conversationId is not null && !credential.Grant!.Allows(conversationId) =>
            Error(StatusCodes.Status403Forbidden, "TokenNotForConversation", "The token does not grant this conversation."),
        _ => null,
    };

    private static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpRequest request, int limit, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > limit)
        {
            return (null, Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"The body may be at most {limit} bytes."));
        }
        // Read at most limit+1 bytes, so a body without Content-Length cannot grow past the limit either.
        using var buffer = new MemoryStream();
        var chunk = new byte[8 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return (null, Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"The body may be at most {limit} bytes."));
            }
        }
        if (buffer.Length == 0)
        {
            return (null, null);
        }
        try
        {
            return ((T?)JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), typeof(T), DirectLineJson.Options), null);
        }
        catch (JsonException)
        {
            return (null, Error(StatusCodes.Status400BadRequest, "BadArgument", "The body is not valid JSON of the expected shape."));
        }
    }

    /// <summary>
    /// A user a client names itself: ids starting with "dl_" are the ones this service makes up, and an id is no
    /// longer than <see cref="MaxIdLength"/> and has no control characters.
    /// </summary>
    private static IResult? BadUser(ChannelAccount? user)
    {
        if (user is null)
        {
            return null;
        }
        if (!ActivityLimits.IsAcceptableId(user.Id, MaxIdLength) || !ActivityLimits.IsAcceptableId(user.Name, MaxIdLength))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", $"The user id or name must be at most {MaxIdLength} characters, without control characters.");
        }
        if (user.Id?.Trim().StartsWith(ReservedUserIdPrefix, StringComparison.OrdinalIgnoreCase) == true)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", $"User ids starting with '{ReservedUserIdPrefix}' are reserved for the service.");
        }
        return null;
    }

    private static string BearerValue(HttpContext http) => http.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();

    private static string? Truncate(string? value) => value is { Length: > MaxIdLength } ? value[..MaxIdLength] : value;

    internal static IResult NotFound() => Error(StatusCodes.Status404NotFound, "NotFound", "The conversation does not exist.");

    private static IResult Json<T>(int status, T body) => Results.Json(body, DirectLineJson.Options, statusCode: status);

    internal static IResult Error(int status, string code, string message) =>
        Results.Json(new DirectLineErrorResponse(new DirectLineError(code, message)), DirectLineJson.Options, statusCode: status);

    private static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DirectLineEndpoints));

    private static partial class Log
    {
        [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "Direct Line conversation {ConversationId} started")]
        public static partial void ConversationStarted(ILogger logger, string conversationId);

        [LoggerMessage(EventId = 1211, Level = LogLevel.Error, Message = "Polling Direct Line conversation {ConversationId} failed; answered with an empty page")]
        public static partial void PollFailed(ILogger logger, string conversationId, Exception exception);
    }
}
