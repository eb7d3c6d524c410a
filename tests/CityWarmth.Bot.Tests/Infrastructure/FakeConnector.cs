using System.Collections.Concurrent;
using System.Text.Json;
using CityWarmth.BotFramework.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityWarmth.Bot.Tests.Infrastructure;

/// <summary>
/// A stand-in for a channel's Bot Connector service (or an agent hub on it): a real HTTP server on loopback that
/// records every activity the bot POSTs to /v3/conversations/{id}/activities[/{replyToId}]. It can be made to fail or to be slow.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedActivity> _received = new();
    private readonly SemaphoreSlim _signal = new(0);

    public record ReceivedActivity(string Path, string? Authorization, Activity Activity);

    /// <summary>Status to answer with; lets a test make the connector fail.</summary>
    public int StatusCode { get; set; } = 200;

    /// <summary>How long to take before answering; lets a test make the connector slow.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    private FakeConnector(WebApplication app) => _app = app;

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new FakeConnector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{**replyToId}", (Delegate)connector.ReceiveAsync);
        app.MapPost("/v3/conversations/{conversationId}/activities", (Delegate)connector.ReceiveAsync);
        await app.StartAsync();
        return connector;
    }

    public string ServiceUrl =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

    public IReadOnlyList<ReceivedActivity> Received => [.. _received];

    /// <summary>The activities alone, in the order they arrived.</summary>
    public IReadOnlyList<Activity> Activities => [.. _received.Select(r => r.Activity)];

    /// <summary>Forgets what arrived so far.</summary>
    public void Clear() => _received.Clear();

    /// <summary>Waits for an activity matching <paramref name="match"/> (already received or arriving within the timeout).</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            if (_received.Select(r => r.Activity).FirstOrDefault(match) is { } found)
            {
                return found;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _signal.WaitAsync(left))
            {
                throw new TimeoutException("The bot sent no matching activity.");
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> activities arrived (replies may follow the 200).</summary>
    public async Task<IReadOnlyList<ReceivedActivity>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (_received.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        return Received;
    }

    private async Task<IResult> ReceiveAsync(HttpContext http)
    {
        var activity = await JsonSerializer.DeserializeAsync<Activity>(http.Request.Body, ProtocolJson.Options);
        _received.Enqueue(new ReceivedActivity(http.Request.Path, http.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, activity!));
        _signal.Release();
        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The bot gave up on this attempt.
                return Results.Empty;
            }
        }
        return StatusCode is >= 200 and < 300
            ? Results.Json(new ResourceResponse(Guid.NewGuid().ToString("N")))
            : Results.StatusCode(StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
