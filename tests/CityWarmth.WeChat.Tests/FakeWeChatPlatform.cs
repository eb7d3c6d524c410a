using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityWarmth.WeChat.Tests;

/// <summary>
/// A stand-in for WeChat's server API on loopback, speaking its real shapes: <c>GET /cgi-bin/token</c>,
/// <c>POST /cgi-bin/message/custom/send</c> and <c>POST /cgi-bin/menu/create</c>, with errcode answers for a
/// missing, invalid or expired token, bad credentials, over-long text, more than one news article and bad menus.
/// Tests can retire the current token (as another party fetching one does) or make a user unreachable.
/// </summary>
public sealed class FakeWeChatPlatform : IAsyncDisposable
{
    public const string DefaultAppId = "wx5823bf96d3bd56c7";
    public const string DefaultAppSecret = "fake-app-secret-0123456789abcdef";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<CustomMessage> _messages = new();
    private readonly ConcurrentQueue<JsonObject> _menus = new();
    private readonly ConcurrentDictionary<string, TokenState> _tokens = new();
    private readonly ConcurrentDictionary<string, int> _unreachable = new();
    private readonly SemaphoreSlim _signal = new(0);
    private int _tokenRequests;

    public sealed record CustomMessage(string ToUser, string MsgType, string? Content, JsonObject? Article, string AccessToken, JsonObject Body);

    private enum TokenState { Valid, Invalid, Expired }

    private FakeWeChatPlatform(WebApplication app, string appId, string appSecret)
    {
        _app = app;
        AppId = appId;
        AppSecret = appSecret;
    }

    public string AppId { get; }
    public string AppSecret { get; }

    /// <summary>How many times /cgi-bin/token was asked for a token.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>The last token handed out.</summary>
    public string? CurrentToken { get; private set; }

    public IReadOnlyList<CustomMessage> CustomMessages => [.. _messages];

    public IReadOnlyList<JsonObject> Menus => [.. _menus];

    public string ApiBaseUrl =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<FakeWeChatPlatform> StartAsync(string appId = DefaultAppId, string appSecret = DefaultAppSecret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var platform = new FakeWeChatPlatform(app, appId, appSecret);
        app.MapGet("/cgi-bin/token", platform.Token);
        app.MapPost("/cgi-bin/message/custom/send", platform.CustomSendAsync);
        app.MapPost("/cgi-bin/menu/create", platform.MenuCreateAsync);
        await app.StartAsync();
        return platform;
    }

    /// <summary>The current token stops working with 40001, as when someone else fetched a new one long enough ago.</summary>
    public void InvalidateCurrentToken() => _tokens[CurrentToken ?? ""] = TokenState.Invalid;

    /// <summary>The current token stops working with 42001 (expired).</summary>
    public void ExpireCurrentToken() => _tokens[CurrentToken ?? ""] = TokenState.Expired;

    /// <summary>Customer-service messages to this user fail with the errcode (45015: 48 hours passed; 43004: unsubscribed).</summary>
    public void MakeUnreachable(string openId, int errCode) => _unreachable[openId] = errCode;

    public void Clear() => _messages.Clear();

    /// <summary>Waits for a customer-service message matching <paramref name="match"/> (already sent or arriving in time).</summary>
    public async Task<CustomMessage> WaitForMessageAsync(Func<CustomMessage, bool> match, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            if (_messages.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _signal.WaitAsync(left))
            {
                throw new TimeoutException("No matching customer-service message arrived. Sent: "
                    + string.Join(" | ", _messages.Select(m => $"{m.ToUser}: {m.Content ?? m.Article?.ToJsonString()}")));
            }
        }
    }

    private IResult Token(HttpRequest request)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (request.Query["grant_type"] != "client_credential")
        {
            return Error(40002, "invalid grant_type");
        }
        if (request.Query["appid"] != AppId)
        {
            return Error(40013, "invalid appid");
        }
        if (request.Query["secret"] != AppSecret)
        {
            return Error(40125, "invalid appsecret");
        }
        var token = "TOKEN_" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        _tokens[token] = TokenState.Valid;
        CurrentToken = token;
        return Results.Json(new JsonObject { ["access_token"] = token, ["expires_in"] = 7200 });
    }

    private IResult? CheckToken(HttpRequest request, out string token)
    {
        token = request.Query["access_token"].ToString();
        if (token.Length == 0)
        {
            return Error(41001, "access_token missing");
        }
        return _tokens.TryGetValue(token, out var state) switch
        {
            false => Error(40001, "invalid credential, access_token is invalid or not latest"),
            true when state == TokenState.Invalid => Error(40001, "invalid credential, access_token is invalid or not latest"),
            true when state == TokenState.Expired => Error(42001, "access_token expired"),
            _ => null,
        };
    }

    private async Task<IResult> CustomSendAsync(HttpRequest request)
    {
        if (CheckToken(request, out var token) is { } refused)
        {
            return refused;
        }
        if (await ReadJsonAsync(request) is not JsonObject body)
        {
            return Error(47001, "data format error");
        }
        var toUser = (string?)body["touser"];
        var msgType = (string?)body["msgtype"];
        if (string.IsNullOrEmpty(toUser))
        {
            return Error(40003, "invalid openid");
        }
        if (_unreachable.TryGetValue(toUser, out var code))
        {
            return Error(code, "response out of time limit or subscription is canceled");
        }
        string? content = null;
        JsonObject? article = null;
        switch (msgType)
        {
            case "text":
                content = (string?)body["text"]?["content"];
                if (string.IsNullOrEmpty(content))
                {
                    return Error(44003, "empty content");
                }
                if (Encoding.UTF8.GetByteCount(content) > 2048)
                {
                    return Error(45002, "content size out of limit");
                }
                break;
            case "news":
                if (body["news"]?["articles"] is not JsonArray { Count: > 0 } articles)
                {
                    return Error(44003, "empty news data");
                }
                if (articles.Count > 1)
                {
                    return Error(45008, "article size out of limit");
                }
                article = articles[0] as JsonObject;
                if (string.IsNullOrEmpty((string?)article?["title"]) || string.IsNullOrEmpty((string?)article?["url"]))
                {
                    return Error(40033, "invalid charset. please check your request, if include \\uxxxx will create fail!");
                }
                break;
            default:
                return Error(40008, "invalid message type");
        }
        _messages.Enqueue(new CustomMessage(toUser, msgType, content, article, token, body));
        _signal.Release();
        return Error(0, "ok");
    }

    private async Task<IResult> MenuCreateAsync(HttpRequest request)
    {
        if (CheckToken(request, out _) is { } refused)
        {
            return refused;
        }
        if (await ReadJsonAsync(request) is not JsonObject { } body || body["button"] is not JsonArray buttons)
        {
            return Error(47001, "data format error");
        }
        if (buttons.Count is 0 or > 3)
        {
            return Error(40016, "invalid button size");
        }
        foreach (var button in buttons.OfType<JsonObject>())
        {
            if (Encoding.UTF8.GetByteCount((string?)button["name"] ?? "") is 0 or > 16)
            {
                return Error(40018, "invalid button name size");
            }
            if (button["sub_button"] is JsonArray subs)
            {
                if (subs.Count is 0 or > 5)
                {
                    return Error(40023, "invalid sub button size");
                }
                foreach (var sub in subs.OfType<JsonObject>())
                {
                    if (Encoding.UTF8.GetByteCount((string?)sub["name"] ?? "") is 0 or > 60)
                    {
                        return Error(40025, "invalid sub button name size");
                    }
                    if (ClickKeyError(sub) is { } error)
                    {
                        return error;
                    }
                }
            }
            else if (ClickKeyError(button) is { } error)
            {
                return error;
            }
        }
        _menus.Enqueue(body);
        return Error(0, "ok");
    }

    private static IResult? ClickKeyError(JsonObject button) =>
        (string?)button["type"] != "click" ? Error(40017, "invalid button type")
        : Encoding.UTF8.GetByteCount((string?)button["key"] ?? "") is 0 or > 128 ? Error(40019, "invalid button key size")
        : null;

    private static async Task<JsonNode?> ReadJsonAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static IResult Error(int code, string message) => Results.Json(new JsonObject { ["errcode"] = code, ["errmsg"] = message });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
