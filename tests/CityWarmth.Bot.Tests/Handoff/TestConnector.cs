using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CityWarmth.Bot.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityWarmth.Bot.Tests.Handoff;

/// <summary>
/// A stand-in for a channel's Bot Connector service (or an agent hub on it): a small Kestrel app on a free
/// loopback port that records every activity the bot POSTs to <c>/v3/conversations/{id}/activities[/{replyTo}]</c>.
/// </summary>
public sealed class TestConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Activity> _received = new();
    private readonly SemaphoreSlim _signal = new(0);

    private TestConnector(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = "";

    public IReadOnlyList<Activity> Received => [.. _received];

    public static async Task<TestConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new TestConnector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId?}", async (HttpRequest request) =>
        {
            var activity = await JsonSerializer.DeserializeAsync<Activity>(request.Body, ProtocolJson.Options);
            connector._received.Enqueue(activity!);
            connector._signal.Release();
            return Results.Ok(new { id = Guid.NewGuid().ToString("N") });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        connector.ServiceUrl = address.TrimEnd('/') + "/";
        return connector;
    }

    /// <summary>Waits for an activity matching <paramref name="match"/> (already received or arriving within the timeout).</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var found = _received.FirstOrDefault(match);
            if (found is not null)
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

    public void Clear() => _received.Clear();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
