using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Handoff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityWarmth.Bot.Console;

/// <summary>A queue row: no personal data, so listing the queue needs no audit record.</summary>
public sealed record QueueRow(
    Guid Id, string Category, string CategoryLabel, string Priority, string PriorityLabel, string ReasonLabel,
    string Summary, string Status, string? AssignedName, string Channel, DateTimeOffset CreatedAt, long WaitingSeconds);

public sealed record QueueView(DateTimeOffset Now, IReadOnlyList<QueueRow> Queued, IReadOnlyList<QueueRow> Mine, IReadOnlyList<QueueRow> Others);

public sealed record SendMessageRequest(string? Text);

public sealed record SendMessageResponse(ChatMessage Message, bool Delivered);

/// <summary>The console's JSON endpoints and its live event stream, under /console/api.</summary>
public static class ConsoleApi
{
    public static RouteGroupBuilder MapConsoleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/console/api")
            .RequireAuthorization(AccountsServiceCollectionExtensions.CaseworkerPolicy)
            .AddEndpointFilter(ValidateAntiforgeryOnPost)
            .ExcludeFromDescription();

        api.MapGet("/queue", GetQueueAsync);
        api.MapPost("/cases/{id:guid}/claim", ClaimAsync);
        api.MapGet("/cases/{id:guid}/messages", GetMessagesAsync);
        api.MapPost("/cases/{id:guid}/messages", SendAsync);
        api.MapGet("/events", Events);
        return api;
    }

    /// <summary>Every state-changing call carries the antiforgery token in a header (the page's meta tag).</summary>
    private static async ValueTask<object?> ValidateAntiforgeryOnPost(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsPost(http.Request.Method))
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "页面已过期，请刷新后重试");
            }
        }
        return await next(context);
    }

    private static async Task<Ok<QueueView>> GetQueueAsync(ClaimsPrincipal user, HandoffDesk desk, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = ConsoleClaims.Actor(user);
        var now = clock.GetUtcNow();
        var cases = await desk.ListOpenAsync(actor, cancellationToken);
        var rows = cases.Select(c => ToRow(c, now)).ToList();
        return TypedResults.Ok(new QueueView(
            now,
            [.. rows.Where(r => r.Status == HandoffStatuses.Queued)],
            [.. cases.Where(c => c.Status == HandoffStatuses.Assigned && c.AssignedTo == actor.Id).Select(c => ToRow(c, now))],
            [.. cases.Where(c => c.Status != HandoffStatuses.Queued && c.AssignedTo != actor.Id).Select(c => ToRow(c, now))]));
    }

    public static QueueRow ToRow(HandoffCase c, DateTimeOffset now) => new(
        c.Id, c.Category, HandoffText.CategoryLabel(c.Category), c.Priority.ToString().ToLowerInvariant(), HandoffText.PriorityLabel(c.Priority),
        HandoffText.ReasonLabel(c.Reason), c.Summary, c.Status, c.AssignedName, c.ChannelId, c.CreatedAt,
        (long)Math.Max(0, (now - c.CreatedAt).TotalSeconds));

    private static async Task<IResult> ClaimAsync(Guid id, ClaimsPrincipal user, HandoffDesk desk, AuditLog audit, CancellationToken cancellationToken)
    {
        var result = await desk.ClaimAsync(id, ConsoleClaims.Actor(user), cancellationToken);
        if (result == DeskResult.Ok)
        {
            await audit.WriteAsync(user, AuditActions.CaseClaimed, "case:" + id, null, cancellationToken);
        }
        return ToResult(result, () => TypedResults.Ok(new { id }));
    }

    private static async Task<IResult> GetMessagesAsync(Guid id, ClaimsPrincipal user, HandoffDesk desk, HandoffConversations conversations, AuditLog audit, CancellationToken cancellationToken)
    {
        var handoff = await desk.FindAsync(id, cancellationToken);
        if (handoff is null)
        {
            return TypedResults.NotFound();
        }
        if (!HandoffDesk.CanView(handoff, ConsoleClaims.Actor(user)))
        {
            return TypedResults.Forbid();
        }
        // Workers' own words may hold names and numbers: every read is recorded.
        await audit.WriteAsync(user, AuditActions.TranscriptViewed, "case:" + id, null, cancellationToken);
        return TypedResults.Ok(await conversations.GetLinesAsync(handoff.ConversationId, 500, cancellationToken));
    }

    private static async Task<IResult> SendAsync(Guid id, SendMessageRequest body, ClaimsPrincipal user, HandoffDesk desk, CancellationToken cancellationToken)
    {
        var (result, line, delivered) = await desk.SendAsync(id, ConsoleClaims.Actor(user), body.Text ?? "", cancellationToken);
        return ToResult(result, () => TypedResults.Ok(new SendMessageResponse(line!, delivered)));
    }

    /// <summary>
    /// Server-sent events for open console pages: <c>queue</c> (re-read the queue), and for the case given,
    /// <c>message</c> (a new chat line) and <c>case</c> (status changed). Chat lines only go to those who may see them.
    /// </summary>
    private static ServerSentEventsResult<string> Events(Guid? caseId, ClaimsPrincipal user, HandoffLiveBus bus, HandoffDesk desk, IHostApplicationLifetime lifetime, HttpContext http)
    {
        var actor = ConsoleClaims.Actor(user);
        return TypedResults.ServerSentEvents(Stream(actor, caseId, bus, desk, CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping)));
    }

    private static async IAsyncEnumerable<SseItem<string>> Stream(ConsoleActor actor, Guid? caseId, HandoffLiveBus bus, HandoffDesk desk, CancellationTokenSource stop)
    {
        using var _ = stop;
        using var subscription = bus.Subscribe();
        yield return new SseItem<string>("{}", "ready");
        var reader = subscription.Reader;
        while (!stop.IsCancellationRequested)
        {
            LiveEvent? next = null;
            using (var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(stop.Token))
            {
                heartbeat.CancelAfter(TimeSpan.FromSeconds(20));
                try
                {
                    if (await reader.WaitToReadAsync(heartbeat.Token))
                    {
                        reader.TryRead(out next);
                    }
                    else
                    {
                        yield break;
                    }
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    // Idle: a ping keeps proxies from closing the stream.
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
            }
            if (next is null)
            {
                yield return new SseItem<string>("{}", "ping");
                continue;
            }
            if (next.Kind == "queue")
            {
                yield return new SseItem<string>("{}", "queue");
                continue;
            }
            if (next.CaseId != caseId || caseId is null)
            {
                continue;
            }
            if (next.Kind == "message" && !(actor.IsAdmin || next.AssignedTo == actor.Id))
            {
                // Re-check against the stored case: it may have been transferred since the event was made.
                var handoff = await desk.FindAsync(caseId.Value, stop.Token);
                if (handoff is null || !(actor.IsAdmin || handoff.AssignedTo == actor.Id))
                {
                    continue;
                }
            }
            yield return new SseItem<string>(JsonSerializer.Serialize(next.Data, HandoffPacketBuilder.Json), next.Kind);
        }
    }

    private static IResult ToResult(DeskResult result, Func<IResult> ok) => result switch
    {
        DeskResult.Ok => ok(),
        DeskResult.NotFound => TypedResults.NotFound(),
        DeskResult.Forbidden => TypedResults.Forbid(),
        DeskResult.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "这个案件的状态已经变了，请刷新"),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "内容不符合要求"),
    };
}
