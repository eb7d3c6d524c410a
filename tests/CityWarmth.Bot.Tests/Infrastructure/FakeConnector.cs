using System.Collections.Concurrent;
using System.Text.Json;
using CityWarmth.Bot.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityWarmth.Bot.Tests.Infrastructure;

/// <summary>
/// A stand-in for a channel's Bot Connector service: a real HTTP server on loopback that records
/// every activity the bot POSTs to /v3/conversations/{id}/activities[/{replyToId}].
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedActivity> _received = new();

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
