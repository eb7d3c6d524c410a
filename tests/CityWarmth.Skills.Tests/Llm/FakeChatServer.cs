using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityWarmth.Skills.Tests.Llm;

/// <summary>
/// A small server speaking the OpenAI chat-completions API over real HTTP on 127.0.0.1: it answers each request
/// with the next scripted response and records the requests it received.
/// </summary>
internal sealed class FakeChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<JsonObject, CancellationToken, Task<IResult>>> _script = new();

    private FakeChatServer(WebApplication app) => _app = app;

    public List<JsonObject> Requests { get; } = [];

    /// <summary>The API base address, as configured in Skills:Llm:Endpoint.</summary>
    public string Endpoint { get; private set; } = "";

    public static async Task<FakeChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeChatServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = address.TrimEnd('/') + "/v1";
        return server;
    }

    public void ThenCallFunction(string qualifiedName, string argumentsJson = "{}") =>
        _script.Enqueue((_, _) => Task.FromResult(Completion(new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = "call_" + Guid.NewGuid().ToString("N")[..8],
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = qualifiedName, ["arguments"] = argumentsJson },
            }),
        }, "tool_calls")));

    public void ThenSay(string text) =>
        _script.Enqueue((_, _) => Task.FromResult(Completion(new JsonObject { ["role"] = "assistant", ["content"] = text }, "stop")));

    public void ThenFail(int status) =>
        _script.Enqueue((_, _) => Task.FromResult(Results.Json(new JsonObject { ["error"] = new JsonObject { ["message"] = "boom" } }, statusCode: status)));

    public void ThenStall(TimeSpan delay) =>
        _script.Enqueue(async (_, aborted) =>
        {
            await Task.Delay(delay, aborted);
            return Completion(new JsonObject { ["role"] = "assistant", ["content"] = "太晚了" }, "stop");
        });

    /// <summary>The names of the functions offered in a recorded request.</summary>
    public static IReadOnlyList<string> OfferedFunctions(JsonObject request) =>
        request["tools"] is JsonArray tools ? [.. tools.Select(t => (string)t!["function"]!["name"]!)] : [];

    private async Task<IResult> HandleAsync(HttpRequest request, CancellationToken aborted)
    {
        var body = (JsonObject)(await JsonNode.ParseAsync(request.Body))!;
        lock (Requests)
        {
            Requests.Add(body);
        }
        return _script.TryDequeue(out var next) ? await next(body, aborted) : Results.StatusCode(500);
    }

    private static IResult Completion(JsonObject message, string finishReason) => Results.Json(new JsonObject
    {
        ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N")[..8],
        ["object"] = "chat.completion",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = "fake-model",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
