using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Tests.Console;
using CityWarmth.Bot.Tests.DirectLine;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Bot.Tests.KnowledgeBase;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.Bot.Tests.Security;

/// <summary>One bot for the edge checks: malformed admin input, ids, headers and links.</summary>
public sealed class EdgeInputFixture : IDisposable
{
    public BotApp App { get; } = KnowledgeAdminKit.NewApp();

    public void Dispose()
    {
        App.Dispose();
        App.DeleteData();
    }
}

public sealed class EdgeInputTests(EdgeInputFixture fixture) : IClassFixture<EdgeInputFixture>
{
    private BotApp App => fixture.App;

    [Fact]
    public async Task MalformedAdminBodiesGet400ProblemDetailsAndChangeNothing()
    {
        using var api = KnowledgeAdminKit.ApiClient(App);
        var before = await api.GetStringAsync("/api/admin/knowledge/versions");

        using var rollback = await api.PostAsync("/api/admin/knowledge/rollback", Json("{\"version\":\"abc\"}"));
        using var publish = await api.PostAsync("/api/admin/knowledge/publish", Json("{\"confirm\":"));
        using var notJson = await api.PostAsync("/api/admin/knowledge/rollback", Json("not json"));

        foreach (var response in new[] { rollback, publish, notJson })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(before, await api.GetStringAsync("/api/admin/knowledge/versions"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("99999999999999999999999")]
    [InlineData("-3")]
    public async Task ConsoleDeletesAndRollbackWithABadIdAreRefusedAndChangeNothing(string id)
    {
        using var session = await AdminSessionAsync();
        using var api = KnowledgeAdminKit.ApiClient(App);
        var versions = await api.GetStringAsync("/api/admin/knowledge/versions");

        using var synonym = await session.PostFormAsync("/console/knowledge/synonyms?handler=Delete", new() { ["id"] = id });
        using var alternate = await session.PostFormAsync("/console/knowledge/alternates?handler=Delete", new() { ["id"] = id });
        using var rollback = await session.PostFormAsync("/console/knowledge?handler=Rollback", new() { ["version"] = id });

        Assert.Equal(HttpStatusCode.BadRequest, synonym.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, alternate.StatusCode);
        // An empty version means "the previous one", as the form's own button sends it; anything else bad is refused.
        if (id.Length > 0)
        {
            Assert.Equal(HttpStatusCode.BadRequest, rollback.StatusCode);
            Assert.Equal(versions, await api.GetStringAsync("/api/admin/knowledge/versions"));
        }
    }

    [Theory]
    [InlineData("nul", "conv\u0000x")]
    [InlineData("newline", "conv\nx")]
    [InlineData("too long", null)]
    public async Task BadConversationIdsGet400AtTheMessagesEndpoint(string name, string? id)
    {
        id ??= new string('a', 200 * 1024);
        using var client = App.CreateHttpClient();
        var activity = TestActivities.Message("你好", "placeholder");
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        var body = JsonSerializer.Serialize(activity, ProtocolJson.Options).Replace("\"placeholder\"", JsonSerializer.Serialize(id), StringComparison.Ordinal);
        using var response = await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BadIdsGet400OnDirectLine()
    {
        using var client = App.CreateHttpClient();
        var directLine = new DirectLineClient(client);
        var started = await directLine.StartNewAsync("u_edge");
        var path = $"{DirectLineClient.Domain}/conversations/{started.ConversationId}/activities";

        using var nul = await directLine.SendAsync(HttpMethod.Post, path, started.Token, "{\"type\":\"message\",\"text\":\"你好\",\"id\":\"a\\u0000b\"}");
        using var longReply = await directLine.SendAsync(HttpMethod.Post, path, started.Token, $"{{\"type\":\"message\",\"text\":\"你好\",\"replyToId\":\"{new string('r', 300)}\"}}");
        using var reserved = await client.PostAsJsonAsync(DirectLineClient.Domain + "/tokens/generate", new { user = new { id = "dl_someone" } });
        using var control = await client.PostAsJsonAsync(DirectLineClient.Domain + "/tokens/generate", new { user = new { id = "u_\u0007bell" } });

        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, longReply.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reserved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
    }

    [Fact]
    public async Task LinksInRepliesNeverFollowTheHostHeader()
    {
        using var client = App.CreateHttpClient();
        var question = TestActivities.Message("外地来打工的能申请保障性租赁住房吗", "conv-host");
        question.DeliveryMode = DeliveryModes.ExpectReplies;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(question, options: ProtocolJson.Options) };
        request.Headers.Host = "evil.example";
        using var response = await client.SendAsync(request);
        var replies = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/kb/", replies);
        Assert.DoesNotContain("evil.example", replies);
        Assert.Contains(App.BaseAddress.Authority.Replace("localhost", "127.0.0.1", StringComparison.Ordinal), replies.Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WorkerPagesCarrySecurityHeaders()
    {
        using var client = App.CreateHttpClient();
        using var chat = await client.GetAsync("/");
        using var sheet = await client.GetAsync("/cases/QX-20260101-0001/sheet?key=0000");

        Assert.Contains("default-src 'self'", chat.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", chat.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("script-src 'self'", sheet.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("unsafe-inline", sheet.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", sheet.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", sheet.Headers.CacheControl!.ToString());

        // A cited passage page: find one through a reply's link.
        var replies = await App.AskAsync(client, TestActivities.Message("外地来打工的能申请保障性租赁住房吗", "conv-kb-headers"));
        var link = System.Text.RegularExpressions.Regex.Match(JsonSerializer.Serialize(replies, ProtocolJson.Options), "/kb/[^\"\\\\?#]+").Value;
        Assert.NotEmpty(link);
        using var passage = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, passage.StatusCode);
        Assert.Contains("default-src 'self'", passage.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", passage.Headers.GetValues("X-Content-Type-Options").Single());
    }

    private async Task<ConsoleSession> AdminSessionAsync()
    {
        var name = "admin" + Guid.NewGuid().ToString("N")[..6];
        await ConsoleSession.CreateUserAsync(App, name, ConsoleRoles.Admin);
        return await ConsoleSession.SignInAsync(App, name);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
