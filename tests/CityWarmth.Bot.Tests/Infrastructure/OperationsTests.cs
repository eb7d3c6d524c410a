using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace CityWarmth.Bot.Tests.Infrastructure;

/// <summary>Health checks, the Prometheus endpoint and OTLP traces on the real app.</summary>
public sealed class OperationsTests
{
    [Fact]
    public async Task LivenessReadinessAndMetricsAnswerWithoutASession()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        await app.AskAsync(client, TestActivities.Message("你好"));

        using var live = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        using var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        using var metrics = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.StartsWith("text/plain", metrics.Content.Headers.ContentType?.MediaType);
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("citywarmth_turns_total{", text);
        // ASP.NET Core's own instruments come along.
        Assert.Contains("http_server_request_duration_seconds", text);
        app.DeleteData();
    }

    [Fact]
    public async Task WithAScrapeTokenMetricsAnswerOnlyTheScraperThatSendsIt()
    {
        using var app = new BotApp(settings: new Dictionary<string, string?> { ["Operations:MetricsToken"] = "scrape-secret-1" });
        using var client = app.CreateHttpClient();
        await app.AskAsync(client, TestActivities.Message("你好"));

        using var anonymous = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("citywarmth_turns_total", await anonymous.Content.ReadAsStringAsync());

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "Authorization", "Bearer scrape-secret-2" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);

        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "Authorization", "Bearer scrape-secret-1" } } };
        using var scraped = await client.SendAsync(scrape);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("citywarmth_turns_total{", await scraped.Content.ReadAsStringAsync());

        // The probes a balancer uses stay open.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        app.DeleteData();
    }

    [Fact]
    public async Task TracesGoToTheConfiguredOtlpEndpoint()
    {
        await using var collector = await OtlpCollector.StartAsync();
        using var app = new BotApp(settings: new Dictionary<string, string?>
        {
            ["Operations:OtlpEndpoint"] = collector.BaseUrl,
            ["Operations:OtlpProtocol"] = "http/protobuf",
        });
        using var client = app.CreateHttpClient();
        await app.AskAsync(client, TestActivities.Message("高温天气干活有什么规定?"));

        // The request's span ends on the server after the client has its response, so a flush right away can come
        // before it: flush until the span has been exported, within a limit.
        var tracer = app.Services.GetRequiredService<TracerProvider>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        Assert.True(tracer.ForceFlush(10_000));
        while (collector.Received.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            Assert.True(tracer.ForceFlush(10_000));
        }

        var (path, bytes) = Assert.Single(collector.Received.Take(1));
        Assert.Equal("/v1/traces", path);
        Assert.True(bytes > 0);
        app.DeleteData();
    }

    [Fact]
    public void AnOtlpEndpointThatIsNotAUrlStopsTheStartNamingTheKey()
    {
        var error = BotApp.StartFailure(new Dictionary<string, string?> { ["Operations:OtlpEndpoint"] = "collector:4317" });
        Assert.Contains("Operations:OtlpEndpoint", error.GetBaseException().Message);
    }

    /// <summary>A stand-in for an OpenTelemetry collector's OTLP/HTTP receiver: records each export's path and size.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private OtlpCollector(WebApplication app) => _app = app;

        public ConcurrentQueue<(string Path, int Bytes)> Received { get; } = new();

        public string BaseUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var collector = new OtlpCollector(app);
            app.MapPost("/v1/{signal}", async (HttpContext http) =>
            {
                using var body = new MemoryStream();
                await http.Request.Body.CopyToAsync(body);
                collector.Received.Enqueue((http.Request.Path, (int)body.Length));
                return Results.Ok();
            });
            await app.StartAsync();
            return collector;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
