using System.Globalization;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityWarmth.WeChat;

/// <summary>
/// WeChat's server API: the access token (<c>/cgi-bin/token</c>), customer-service messages
/// (<c>/cgi-bin/message/custom/send</c>) and the custom menu (<c>/cgi-bin/menu/create</c>). A call whose token WeChat
/// rejects (40001, 42001, 40014) is made once more with a renewed token. Retries and timeouts of the HTTP calls come
/// from the resilience pipeline registered with this typed client.
/// </summary>
public sealed partial class WeChatApiClient(HttpClient http, WeChatAccessTokens tokens, IOptions<WeChatOptions> options, TimeProvider clock, ILogger<WeChatApiClient> logger)
{
    public const string TokenPath = "cgi-bin/token";
    public const string CustomSendPath = "cgi-bin/message/custom/send";
    public const string MenuCreatePath = "cgi-bin/menu/create";

    /// <summary>Chinese is sent as UTF-8, not \u escapes; the JSON is never embedded in a page.</summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Sends a customer-service message, allowed within 48 hours of the user's last message.</summary>
    public Task<WeChatApiResult> SendCustomMessageAsync(string openId, WeChatOutbound message, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["touser"] = openId };
        switch (message)
        {
            case WeChatText text:
                body["msgtype"] = "text";
                body["text"] = new JsonObject { ["content"] = text.Content };
                break;
            case WeChatNews news:
                body["msgtype"] = "news";
                body["news"] = new JsonObject
                {
                    ["articles"] = new JsonArray(new JsonObject
                    {
                        ["title"] = news.Article.Title,
                        ["description"] = news.Article.Description ?? "",
                        ["url"] = news.Article.Url,
                        ["picurl"] = news.Article.PicUrl ?? "",
                    }),
                };
                break;
            default:
                throw new ArgumentException("Unknown outbound message type.", nameof(message));
        }
        return CallAsync(CustomSendPath, body, cancellationToken);
    }

    /// <summary>Replaces the account's custom menu.</summary>
    public Task<WeChatApiResult> CreateMenuAsync(IReadOnlyList<WeChatMenuButton> buttons, CancellationToken cancellationToken)
    {
        if (buttons.Count is 0 or > WeChatMenuButton.MaxTopLevel || buttons.Any(b => b.SubButtons?.Count > WeChatMenuButton.MaxSubButtons))
        {
            throw new ArgumentException($"A menu has 1 to {WeChatMenuButton.MaxTopLevel} buttons, each with at most {WeChatMenuButton.MaxSubButtons} sub-buttons.", nameof(buttons));
        }
        return CallAsync(MenuCreatePath, new JsonObject { ["button"] = new JsonArray([.. buttons.Select(MenuJson)]) }, cancellationToken);
    }

    private static JsonNode MenuJson(WeChatMenuButton button) => button.SubButtons is { Count: > 0 } subs
        ? new JsonObject { ["name"] = button.Name, ["sub_button"] = new JsonArray([.. subs.Select(MenuJson)]) }
        : new JsonObject { ["type"] = "click", ["name"] = button.Name, ["key"] = button.Key };

    /// <summary>Fetches a new access token. Only <see cref="WeChatAccessTokens"/> calls this: a fetch retires the old token.</summary>
    /// <exception cref="WeChatApiException">WeChat refused (wrong AppSecret, IP not on the allow-list) or did not answer.</exception>
    internal async Task<WeChatAccessToken> FetchAccessTokenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var uri = $"{TokenPath}?grant_type=client_credential&appid={Uri.EscapeDataString(settings.AppId)}&secret={Uri.EscapeDataString(settings.AppSecret)}";
        JsonObject? answer;
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken);
            answer = await ReadAnswerAsync(response, cancellationToken);
        }
        catch (Exception ex) when (IsNoAnswer(ex, cancellationToken))
        {
            throw new WeChatApiException(WeChatErrorCodes.NoAnswer, "The token endpoint did not answer: " + ex.GetType().Name);
        }
        if (answer?["access_token"] is JsonValue token && token.TryGetValue<string>(out var value) && value.Length > 0)
        {
            var seconds = answer["expires_in"] is JsonValue e && e.TryGetValue<int>(out var s) && s > 0 ? s : 7200;
            return new WeChatAccessToken(value, clock.GetUtcNow().AddSeconds(seconds));
        }
        var error = ToResult(answer);
        Log.TokenRefused(logger, error.ErrCode, error.ErrMsg);
        throw new WeChatApiException(error.ErrCode == 0 ? WeChatErrorCodes.NoAnswer : error.ErrCode, error.ErrMsg);
    }

    private async Task<WeChatApiResult> CallAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = await tokens.GetAsync(cancellationToken);
            var result = await PostAsync(path, token, body, cancellationToken);
            if (!result.IsTokenRejected)
            {
                return result;
            }
            Log.TokenRejected(logger, result.ErrCode);
            token = await tokens.RefreshAsync(token, cancellationToken);
            return await PostAsync(path, token, body, cancellationToken);
        }
        catch (WeChatApiException ex)
        {
            return new WeChatApiResult(ex.ErrCode, ex.Message);
        }
    }

    private async Task<WeChatApiResult> PostAsync(string path, string token, JsonObject body, CancellationToken cancellationToken)
    {
        try
        {
            using var content = JsonContent.Create(body, options: Json);
            using var response = await http.PostAsync($"{path}?access_token={Uri.EscapeDataString(token)}", content, cancellationToken);
            var result = ToResult(await ReadAnswerAsync(response, cancellationToken));
            if (!result.Succeeded && !result.IsTokenRejected)
            {
                Log.CallRefused(logger, path, result.ErrCode, result.ErrMsg);
            }
            return result;
        }
        catch (Exception ex) when (IsNoAnswer(ex, cancellationToken))
        {
            Log.CallFailed(logger, path, ex);
            return new WeChatApiResult(WeChatErrorCodes.NoAnswer, ex.GetType().Name);
        }
    }

    private static async Task<JsonObject?> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"WeChat answered HTTP {(int)response.StatusCode}.", null, response.StatusCode);
        }
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStreamAsync(cancellationToken)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static WeChatApiResult ToResult(JsonObject? answer)
    {
        if (answer is null)
        {
            return new WeChatApiResult(WeChatErrorCodes.NoAnswer, "The answer was not a JSON object.");
        }
        var code = answer["errcode"] is JsonValue c && c.TryGetValue<int>(out var n) ? n : 0;
        var message = answer["errmsg"] is JsonValue m && m.TryGetValue<string>(out var text) ? text : null;
        return new WeChatApiResult(code, message);
    }

    // Polly's ExecutionRejectedException: the total timeout ran out or the circuit is open.
    private static bool IsNoAnswer(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or TimeoutException or Polly.ExecutionRejectedException
        || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2611, Level = LogLevel.Error, Message = "WeChat refused an access token: errcode {ErrCode} {ErrMsg} (check WeChat:AppId, WeChat:AppSecret and the API IP allow-list)")]
        public static partial void TokenRefused(ILogger logger, int errCode, string? errMsg);

        [LoggerMessage(EventId = 2612, Level = LogLevel.Information, Message = "WeChat rejected the access token (errcode {ErrCode}); renewing it once")]
        public static partial void TokenRejected(ILogger logger, int errCode);

        [LoggerMessage(EventId = 2613, Level = LogLevel.Warning, Message = "WeChat refused {Path}: errcode {ErrCode} {ErrMsg}")]
        public static partial void CallRefused(ILogger logger, string path, int errCode, string? errMsg);

        [LoggerMessage(EventId = 2614, Level = LogLevel.Warning, Message = "WeChat did not answer {Path}")]
        public static partial void CallFailed(ILogger logger, string path, Exception exception);
    }
}

/// <summary>WeChat refused a call, or did not answer it (<see cref="WeChatErrorCodes.NoAnswer"/>).</summary>
public sealed class WeChatApiException(int errCode, string? message) : Exception(message ?? $"WeChat errcode {errCode.ToString(CultureInfo.InvariantCulture)}")
{
    public int ErrCode { get; } = errCode;
}
