using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.Bot.Tests.DirectLine;

/// <summary>Calls /v3/directline as DirectLineJS does: bearer header, JSON bodies, string watermarks.</summary>
public sealed class DirectLineClient(HttpClient http)
{
    public const string Domain = "/v3/directline";

    public HttpClient Http => http;

    public async Task<ConversationInfo> GenerateTokenAsync(string? userId = null, string? secret = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Domain + "/tokens/generate");
        if (userId is not null)
        {
            request.Content = JsonContent.Create(new { user = new { id = userId, name = "工友" } });
        }
        Authorize(request, secret);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ConversationInfo>())!;
    }

    /// <summary>Generates a token and starts its conversation (201).</summary>
    public async Task<ConversationInfo> StartNewAsync(string userId = "u_worker")
    {
        var issued = await GenerateTokenAsync(userId);
        var (status, started) = await StartAsync(issued.Token);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(issued.ConversationId, started!.ConversationId);
        return started;
    }

    public async Task<(HttpStatusCode Status, ConversationInfo? Info)> StartAsync(string credential, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Domain + "/conversations");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        Authorize(request, credential);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ConversationInfo>() : null);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? credential, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        Authorize(request, credential);
        return await http.SendAsync(request);
    }

    public async Task<ActivitySet> GetActivitiesAsync(string conversationId, string token, string? watermark = "")
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Domain}/conversations/{conversationId}/activities?watermark={watermark}", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ActivitySet>(ProtocolJson.Options))!;
    }

    /// <summary>Posts a message shaped as Web Chat sends it and returns the id the server assigned.</summary>
    public async Task<string> PostMessageAsync(string conversationId, string token, string text, string clientActivityId, string fromId = "u_worker")
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = text,
            TextFormat = "plain",
            ChannelId = Channels.WebChat,
            From = new ChannelAccount { Id = fromId, Name = "工友", Role = RoleTypes.User },
            Locale = "zh-CN",
            ChannelData = new JsonObject { ["clientActivityID"] = clientActivityId },
        };
        using var response = await SendAsync(HttpMethod.Post, $"{Domain}/conversations/{conversationId}/activities", token, JsonSerializer.Serialize(activity, ProtocolJson.Options));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<ResourceResponse>();
        return body!.Id;
    }

    public static async Task<(int Status, string? Code)> ErrorOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, body.GetProperty("error").GetProperty("code").GetString());
    }

    /// <summary>The claims of a token, read as Web Chat reads them (base64 of the JWT's middle part).</summary>
    public static JsonElement Claims(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.Clone();
    }

    private static void Authorize(HttpRequestMessage request, string? credential)
    {
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }
    }
}

public sealed record ConversationInfo(
    string ConversationId,
    string Token,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
    string? StreamUrl);
