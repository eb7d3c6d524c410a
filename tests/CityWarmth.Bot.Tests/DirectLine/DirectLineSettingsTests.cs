using System.Net;
using System.Text.Json;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CityWarmth.Bot.Tests.DirectLine;

/// <summary>Direct Line behaviour that depends on settings, the clock or a restart: each test runs its own bot.</summary>
public sealed class DirectLineSettingsTests
{
    private const string Secret = "a-test-secret-of-some-length";

    [Fact]
    public async Task ExpiredTokensCannotBeRefreshedOrUsed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new BotApp(services: s => s.AddSingleton<TimeProvider>(clock));
        try
        {
            using var http = app.CreateHttpClient();
            var client = new DirectLineClient(http);
            var started = await client.StartNewAsync("u_expiry");

            clock.Advance(TimeSpan.FromMinutes(29));
            using var stillValid = await client.SendAsync(HttpMethod.Get, $"{DirectLineClient.Domain}/conversations/{started.ConversationId}/activities?watermark=", started.Token);
            clock.Advance(TimeSpan.FromMinutes(2));
            using var refresh = await client.SendAsync(HttpMethod.Post, DirectLineClient.Domain + "/tokens/refresh", started.Token);
            using var poll = await client.SendAsync(HttpMethod.Get, $"{DirectLineClient.Domain}/conversations/{started.ConversationId}/activities?watermark=", started.Token);

            Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
            Assert.Equal((403, "TokenExpired"), await DirectLineClient.ErrorOf(refresh));
            Assert.Equal((403, "TokenExpired"), await DirectLineClient.ErrorOf(poll));
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task ARefreshedTokenLastsAFullLifetimeFromTheRefresh()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new BotApp(settings: new Dictionary<string, string?> { ["DirectLine:TokenLifetimeMinutes"] = "10" }, services: s => s.AddSingleton<TimeProvider>(clock));
        try
        {
            using var http = app.CreateHttpClient();
            var client = new DirectLineClient(http);
            var started = await client.StartNewAsync("u_renew");
            Assert.Equal(600, started.ExpiresIn);

            clock.Advance(TimeSpan.FromMinutes(8));
            using var refresh = await client.SendAsync(HttpMethod.Post, DirectLineClient.Domain + "/tokens/refresh", started.Token);
            var renewed = System.Text.Json.JsonSerializer.Deserialize<ConversationInfo>(await refresh.Content.ReadAsStringAsync(), System.Text.Json.JsonSerializerOptions.Web)!;
            clock.Advance(TimeSpan.FromMinutes(8));

            Assert.NotEqual(started.Token, renewed.Token);
            Assert.Single((await client.GetActivitiesAsync(started.ConversationId, renewed.Token)).Activities);
            using var old = await client.SendAsync(HttpMethod.Get, $"{DirectLineClient.Domain}/conversations/{started.ConversationId}/activities?watermark=", started.Token);
            Assert.Equal(HttpStatusCode.Forbidden, old.StatusCode);
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task WithASecretConfiguredTokensNeedTheSecretAndTheSecretGrantsEveryConversation()
    {
        using var app = new BotApp(settings: new Dictionary<string, string?> { ["DirectLine:Secret"] = Secret });
        try
        {
            using var http = app.CreateHttpClient();
            var client = new DirectLineClient(http);

            using var anonymous = await client.SendAsync(HttpMethod.Post, DirectLineClient.Domain + "/tokens/generate", credential: null);
            using var wrong = await client.SendAsync(HttpMethod.Post, DirectLineClient.Domain + "/tokens/generate", "not-the-secret-at-all");
            var issued = await client.GenerateTokenAsync("u_secret", secret: Secret);
            var (status, started) = await client.StartAsync(issued.Token);
            var (secretStatus, bySecret) = await client.StartAsync(Secret, new { user = new { id = "u_other" } });

            Assert.Equal((401, "MissingSecret"), await DirectLineClient.ErrorOf(anonymous));
            Assert.Equal((403, "InvalidSecret"), await DirectLineClient.ErrorOf(wrong));
            Assert.Equal(HttpStatusCode.Created, status);
            Assert.Equal(HttpStatusCode.Created, secretStatus);
            Assert.NotEqual(started!.ConversationId, bySecret!.ConversationId);
            Assert.Equal("u_other", DirectLineClient.Claims(bySecret.Token).GetProperty("user").GetString());
            // The secret reads any conversation; each token only its own.
            Assert.Single((await client.GetActivitiesAsync(started.ConversationId, Secret)).Activities);
            Assert.Single((await client.GetActivitiesAsync(bySecret.ConversationId, Secret)).Activities);
            using var crossed = await client.SendAsync(HttpMethod.Get, $"{DirectLineClient.Domain}/conversations/{bySecret.ConversationId}/activities", started.Token);
            Assert.Equal(HttpStatusCode.Forbidden, crossed.StatusCode);
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task TheConnectorEndpointTakesActivitiesOnlyWithTheSecret()
    {
        using var app = new BotApp(settings: new Dictionary<string, string?> { ["DirectLine:Secret"] = Secret });
        try
        {
            using var http = app.CreateHttpClient();
            var client = new DirectLineClient(http);
            var (_, started) = await client.StartAsync(Secret, new { user = new { id = "u_connector" } });
            var path = $"/v3/conversations/{started!.ConversationId}/activities/{Uri.EscapeDataString(started.ConversationId + "|0000001")}";
            const string notice = "{\"type\":\"message\",\"text\":\"您的求助已登记。\",\"textFormat\":\"plain\",\"from\":{\"id\":\"citywarmth-bot\"},\"recipient\":{\"id\":\"u_connector\"}}";

            // Neither a call from this machine nor one relayed by a proxy is trusted for where it comes from.
            using var local = await client.SendAsync(HttpMethod.Post, path, credential: null, notice);
            using var relayed = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(notice, System.Text.Encoding.UTF8, "application/json") };
            relayed.Headers.Add("X-Forwarded-For", "203.0.113.7");
            using var refused = await http.SendAsync(relayed);
            using var withToken = await client.SendAsync(HttpMethod.Post, path, started.Token, notice);
            using var accepted = await client.SendAsync(HttpMethod.Post, path, Secret, notice);
            using var unknown = await client.SendAsync(HttpMethod.Post, "/v3/conversations/no-such-conversation/activities", Secret, notice);

            Assert.Equal((401, "Unauthorized"), await DirectLineClient.ErrorOf(local));
            Assert.Equal((401, "Unauthorized"), await DirectLineClient.ErrorOf(refused));
            Assert.Equal((401, "Unauthorized"), await DirectLineClient.ErrorOf(withToken));
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            var id = JsonSerializer.Deserialize<ResourceResponse>(await accepted.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!.Id;
            var page = await client.GetActivitiesAsync(started.ConversationId, started.Token, "1");
            var listed = Assert.Single(page.Activities);
            Assert.Equal(id, listed.Id);
            Assert.Equal("您的求助已登记。", listed.Text);
            Assert.Equal(RoleTypes.Bot, listed.From?.Role);
            Assert.Equal(started.ConversationId + "|0000001", listed.ReplyToId);
            Assert.NotNull(listed.Timestamp);
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task PollsArePagedAndTheWatermarkLeadsToTheNextPage()
    {
        using var app = new BotApp(settings: new Dictionary<string, string?> { ["DirectLine:MaxActivitiesPerPoll"] = "2" });
        try
        {
            using var http = app.CreateHttpClient();
            var client = new DirectLineClient(http);
            var started = await client.StartNewAsync("u_pages");
            await client.PostMessageAsync(started.ConversationId, started.Token, "第一句", "p1");
            await client.PostMessageAsync(started.ConversationId, started.Token, "第二句", "p2");

            var ids = new List<string>();
            var watermarks = new List<string?>();
            string? watermark = "";
            for (var i = 0; i < 4; i++)
            {
                var page = await client.GetActivitiesAsync(started.ConversationId, started.Token, watermark);
                ids.AddRange(page.Activities.Select(a => a.Id!));
                watermarks.Add(page.Watermark);
                watermark = page.Watermark;
            }

            Assert.Equal(["2", "4", "5", "5"], watermarks);
            Assert.Equal(Enumerable.Range(1, 5).Select(n => $"{started.ConversationId}|{n:D7}"), ids);
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task HistoryAndTokensSurviveARestart()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "citywarmth-tests", Guid.NewGuid().ToString("N"));
        ConversationInfo started;
        string echoId;
        using (var first = new BotApp(dataPath))
        {
            using var http = first.CreateHttpClient();
            var client = new DirectLineClient(http);
            started = await client.StartNewAsync("u_restart");
            echoId = await client.PostMessageAsync(started.ConversationId, started.Token, "重启前", "r1");
        }

        using var second = new BotApp(dataPath);
        try
        {
            using var http = second.CreateHttpClient();
            var client = new DirectLineClient(http);

            var before = await client.GetActivitiesAsync(started.ConversationId, started.Token);
            var nextId = await client.PostMessageAsync(started.ConversationId, started.Token, "重启后", "r2");

            Assert.Equal(3, before.Activities.Count);
            Assert.Equal(echoId, before.Activities[1].Id);
            Assert.Equal("重启前", before.Activities[1].Text);
            Assert.Equal(started.ConversationId + "|0000004", nextId);
            Assert.Equal(2, (await client.GetActivitiesAsync(started.ConversationId, started.Token, before.Watermark)).Activities.Count);
        }
        finally
        {
            second.DeleteData();
        }
    }

    [Theory]
    [InlineData("DirectLine:TokenSigningKey", "too-short")]
    [InlineData("DirectLine:AllowedOrigins:0", "https://city.example/chat/")]
    [InlineData("DirectLine:TokenLifetimeMinutes", "0")]
    public void InvalidSettingsStopTheBotAtStart(string key, string value)
    {
        var error = BotApp.StartFailure(new Dictionary<string, string?> { [key] = value });
        Assert.True(error.GetBaseException() is OptionsValidationException, error.ToString());
    }
}
