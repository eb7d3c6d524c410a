using CityWarmth.Bot.Handoff;
using System.Net;
using System.Text.Json;
using CityWarmth.Bot.Messaging;
using CityWarmth.BotFramework.Connector;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CityWarmth.Bot.Tests.DirectLine;

/// <summary>One bot for the tests that need no special settings; each test works in its own conversation.</summary>
public sealed class DirectLineAppFixture : IDisposable
{
    public const string AllowedOrigin = "http://city.example";

    public BotApp App { get; } = new(settings: new Dictionary<string, string?> { ["DirectLine:AllowedOrigins:0"] = AllowedOrigin });

    public void Dispose()
    {
        App.Dispose();
        App.DeleteData();
    }
}

public sealed class DirectLineEndpointsTests(DirectLineAppFixture fixture) : IClassFixture<DirectLineAppFixture>, IDisposable
{
    private readonly HttpClient _http = fixture.App.CreateHttpClient();

    private DirectLineClient Client => new(_http);

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task GeneratedTokenIsASignedJwtNamingTheUserAndTheConversation()
    {
        var issued = await Client.GenerateTokenAsync("u_token");

        var claims = DirectLineClient.Claims(issued.Token);
        Assert.Equal("u_token", claims.GetProperty("user").GetString());
        Assert.Equal(issued.ConversationId, claims.GetProperty("conv").GetString());
        Assert.Equal(1800, issued.ExpiresIn);
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));
        Assert.Equal(3, issued.Token.Split('.').Length);
    }

    [Fact]
    public async Task GeneratingWithoutABodyGivesAReservedUserId()
    {
        using var response = await Client.SendAsync(HttpMethod.Post, DirectLineClient.Domain + "/tokens/generate", credential: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = JsonSerializer.Deserialize<ConversationInfo>(await response.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
        Assert.StartsWith("dl_", DirectLineClient.Claims(info.Token).GetProperty("user").GetString());
    }

    [Fact]
    public async Task TamperedTokensAreRefused()
    {
        var issued = await Client.GenerateTokenAsync("u_tamper");
        var parts = issued.Token.Split('.');
        // Same signature, payload pointing at another conversation.
        var claims = DirectLineClient.Claims(issued.Token).GetRawText().Replace(issued.ConversationId, "someone-else");
        var forged = parts[0] + "." + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(claims)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "." + parts[2];

        using var response = await Client.SendAsync(HttpMethod.Post, DirectLineClient.Domain + "/conversations", forged);

        Assert.Equal((403, "BadToken"), await DirectLineClient.ErrorOf(response));
    }

    [Fact]
    public async Task CallsWithoutCredentialsGet401WithAnErrorBody()
    {
        using var response = await Client.SendAsync(HttpMethod.Post, DirectLineClient.Domain + "/conversations", credential: null);
        using var undefinedToken = await Client.SendAsync(HttpMethod.Get, DirectLineClient.Domain + "/conversations/x/activities", "undefined");

        Assert.Equal((401, "MissingToken"), await DirectLineClient.ErrorOf(response));
        Assert.Equal(HttpStatusCode.Unauthorized, undefinedToken.StatusCode);
    }

    [Fact]
    public async Task StartingAConversationReturns201AndListsTheWelcome()
    {
        var issued = await Client.GenerateTokenAsync("u_start");

        var (status, started) = await Client.StartAsync(issued.Token, new { user = new { id = "u_start" }, locale = "zh-CN" });
        var page = await Client.GetActivitiesAsync(issued.ConversationId, issued.Token);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(issued.ConversationId, started!.ConversationId);
        Assert.False(string.IsNullOrEmpty(started.Token));
        Assert.InRange(started.ExpiresIn, 1, 1800);
        var welcome = Assert.Single(page.Activities);
        Assert.Equal(ActivityTypes.Message, welcome.Type);
        Assert.Equal(RoleTypes.Bot, welcome.From?.Role);
        Assert.Equal("u_start", welcome.Recipient?.Id);
        Assert.Equal(issued.ConversationId + "|0000001", welcome.Id);
        Assert.NotNull(welcome.Timestamp);
        Assert.Null(welcome.ReplyToId);
        Assert.Equal("help", (string?)welcome.ChannelData?["skill"]);
        Assert.Equal("1", page.Watermark);
    }

    [Fact]
    public async Task StartingTheSameConversationAgainReturns200WithoutASecondWelcome()
    {
        var started = await Client.StartNewAsync("u_again");

        var (status, again) = await Client.StartAsync(started.Token);
        var page = await Client.GetActivitiesAsync(started.ConversationId, started.Token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(started.ConversationId, again!.ConversationId);
        Assert.Single(page.Activities);
    }

    [Fact]
    public async Task PostedMessageIsEchoedWithItsClientActivityIdThenAnswered()
    {
        var started = await Client.StartNewAsync("u_echo");

        // The token decides who the user is, whatever from.id the client claims.
        var id = await Client.PostMessageAsync(started.ConversationId, started.Token, "你好", "client-1", fromId: "someone-else");
        var page = await Client.GetActivitiesAsync(started.ConversationId, started.Token, "1");

        Assert.Equal(started.ConversationId + "|0000002", id);
        Assert.Equal(2, page.Activities.Count);
        var echo = page.Activities[0];
        Assert.Equal(id, echo.Id);
        Assert.Equal("你好", echo.Text);
        Assert.Equal("client-1", (string?)echo.ChannelData?["clientActivityID"]);
        Assert.Equal("u_echo", echo.From?.Id);
        Assert.Equal(RoleTypes.User, echo.From?.Role);
        Assert.Equal(Channels.WebChat, echo.ChannelId);
        Assert.Equal("citywarmth-bot", echo.Recipient?.Id);
        Assert.Equal(fixture.App.BaseAddress.ToString(), echo.ServiceUrl);
        var reply = page.Activities[1];
        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.Equal(id, reply.ReplyToId);
        Assert.Equal(RoleTypes.Bot, reply.From?.Role);
        Assert.Equal("citywarmth-bot", reply.From?.Id);
        Assert.Equal("u_echo", reply.Recipient?.Id);
        Assert.False(string.IsNullOrEmpty(reply.Text));
        Assert.True(reply.Timestamp > echo.Timestamp);
        Assert.Equal("3", page.Watermark);
    }

    [Fact]
    public async Task ActivitiesWithoutTypeOrFromTheClientAsConversationUpdateAreRefused()
    {
        var started = await Client.StartNewAsync("u_bad");
        var path = $"{DirectLineClient.Domain}/conversations/{started.ConversationId}/activities";

        using var noType = await Client.SendAsync(HttpMethod.Post, path, started.Token, "{\"text\":\"你好\"}");
        using var update = await Client.SendAsync(HttpMethod.Post, path, started.Token, "{\"type\":\"conversationUpdate\"}");
        using var notJson = await Client.SendAsync(HttpMethod.Post, path, started.Token, "{oops");
        using var badWatermark = await Client.SendAsync(HttpMethod.Get, path + "?watermark=abc", started.Token);

        Assert.Equal((400, "BadArgument"), await DirectLineClient.ErrorOf(noType));
        Assert.Equal((400, "BadArgument"), await DirectLineClient.ErrorOf(update));
        Assert.Equal((400, "BadArgument"), await DirectLineClient.ErrorOf(notJson));
        Assert.Equal((400, "BadArgument"), await DirectLineClient.ErrorOf(badWatermark));
        Assert.Single((await Client.GetActivitiesAsync(started.ConversationId, started.Token)).Activities);
    }

    [Fact]
    public async Task WatermarksReturnOnlyWhatCameAfter()
    {
        var started = await Client.StartNewAsync("u_mark");
        await Client.PostMessageAsync(started.ConversationId, started.Token, "第一句", "c1");
        await Client.PostMessageAsync(started.ConversationId, started.Token, "第二句", "c2");

        var all = await Client.GetActivitiesAsync(started.ConversationId, started.Token);
        var afterFirstTurn = await Client.GetActivitiesAsync(started.ConversationId, started.Token, "3");
        var none = await Client.GetActivitiesAsync(started.ConversationId, started.Token, all.Watermark);

        Assert.Equal(5, all.Activities.Count);
        Assert.Equal("5", all.Watermark);
        Assert.Equal(all.Activities.Select(a => a.Id).Order(StringComparer.Ordinal), all.Activities.Select(a => a.Id));
        Assert.Equal(["第二句", all.Activities[4].Text], afterFirstTurn.Activities.Select(a => a.Text));
        Assert.Empty(none.Activities);
        Assert.Equal("5", none.Watermark);
    }

    [Fact]
    public async Task ATokenGrantsOnlyItsOwnConversation()
    {
        var mine = await Client.StartNewAsync("u_mine");
        var theirs = await Client.StartNewAsync("u_theirs");
        var path = $"{DirectLineClient.Domain}/conversations/{theirs.ConversationId}";

        using var read = await Client.SendAsync(HttpMethod.Get, path + "/activities?watermark=", mine.Token);
        using var post = await Client.SendAsync(HttpMethod.Post, path + "/activities", mine.Token, "{\"type\":\"message\",\"text\":\"偷看\"}");
        using var reconnect = await Client.SendAsync(HttpMethod.Get, path + "?watermark=", mine.Token);

        Assert.Equal((403, "TokenNotForConversation"), await DirectLineClient.ErrorOf(read));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);
        Assert.Single((await Client.GetActivitiesAsync(theirs.ConversationId, theirs.Token)).Activities);
    }

    [Fact]
    public async Task ReconnectingReturnsTheConversationAndItsToken()
    {
        var started = await Client.StartNewAsync("u_reconnect");

        using var response = await Client.SendAsync(HttpMethod.Get, $"{DirectLineClient.Domain}/conversations/{started.ConversationId}?watermark=1", started.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = JsonSerializer.Deserialize<ConversationInfo>(await response.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
        Assert.Equal(started.ConversationId, info.ConversationId);
        Assert.Equal(started.Token, info.Token);
    }

    [Fact]
    public async Task AConversationNeverStartedIsNotFound()
    {
        var issued = await Client.GenerateTokenAsync("u_never");

        using var reconnect = await Client.SendAsync(HttpMethod.Get, $"{DirectLineClient.Domain}/conversations/{issued.ConversationId}?watermark=", issued.Token);
        using var poll = await Client.SendAsync(HttpMethod.Get, $"{DirectLineClient.Domain}/conversations/{issued.ConversationId}/activities?watermark=", issued.Token);

        Assert.Equal((404, "NotFound"), await DirectLineClient.ErrorOf(reconnect));
        Assert.Equal(HttpStatusCode.NotFound, poll.StatusCode);
    }

    [Fact]
    public async Task RefreshNeedsNoBodyAndKeepsTheConversationAndUser()
    {
        var started = await Client.StartNewAsync("u_refresh");

        // DirectLineJS posts no body and no Content-Type.
        using var response = await Client.SendAsync(HttpMethod.Post, DirectLineClient.Domain + "/tokens/refresh", started.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = JsonSerializer.Deserialize<ConversationInfo>(await response.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
        Assert.Equal(started.ConversationId, info.ConversationId);
        Assert.Equal("u_refresh", DirectLineClient.Claims(info.Token).GetProperty("user").GetString());
        Assert.Single((await Client.GetActivitiesAsync(started.ConversationId, info.Token)).Activities);
    }

    [Fact]
    public async Task PreflightFromAnAllowedOriginIsAnsweredWithTheDirectLineHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, DirectLineClient.Domain + "/conversations");
        request.Headers.Add("Origin", DirectLineAppFixture.AllowedOrigin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");

        using var response = await _http.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(DirectLineAppFixture.AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var allowed = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("x-ms-bot-agent", allowed);
        Assert.Contains("authorization", allowed);
        Assert.Contains("POST", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")));
    }

    [Fact]
    public async Task OtherOriginsGetNoCorsHeaders()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, DirectLineClient.Domain + "/conversations");
        preflight.Headers.Add("Origin", "http://elsewhere.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
        using var simple = new HttpRequestMessage(HttpMethod.Post, DirectLineClient.Domain + "/tokens/generate");
        simple.Headers.Add("Origin", "http://elsewhere.example");

        using var preflightResponse = await _http.SendAsync(preflight);
        using var simpleResponse = await _http.SendAsync(simple);

        Assert.False(preflightResponse.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(simpleResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ActualRequestsFromAnAllowedOriginCarryTheAllowOriginHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, DirectLineClient.Domain + "/tokens/generate");
        request.Headers.Add("Origin", DirectLineAppFixture.AllowedOrigin);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DirectLineAppFixture.AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task AMessageOutsideATurnReachesADirectLineConversationInProcess()
    {
        var started = await Client.StartNewAsync("u_proactive");
        var welcome = Assert.Single((await Client.GetActivitiesAsync(started.ConversationId, started.Token)).Activities);
        var delivery = fixture.App.Services.GetRequiredService<IWorkerDelivery>();
        var proactive = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "有新的招聘会，要看看吗？",
            ServiceUrl = welcome.ServiceUrl,
            ChannelId = welcome.ChannelId,
            Conversation = welcome.Conversation,
            From = welcome.From,
            Recipient = welcome.Recipient,
        };

        // Delivered as caseworkers' replies and case notices are, without a call to the connector endpoint (which
        // takes only the secret, and this app has none).
        var sent = await delivery.SendAsync(proactive, CancellationToken.None);
        var page = await Client.GetActivitiesAsync(started.ConversationId, started.Token, "1");

        Assert.True(sent);
        Assert.Equal("有新的招聘会，要看看吗？", Assert.Single(page.Activities).Text);
    }
}
