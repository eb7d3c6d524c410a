using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;

namespace CityWarmth.Bot.Tests.Messaging;

public sealed class MessagesEndpointTests : IDisposable
{
    private readonly BotApp _app = new();

    public void Dispose()
    {
        _app.Dispose();
        _app.DeleteData();
    }

    [Fact]
    public async Task ExpectRepliesReturnsTheRepliesAddressedToTheWorker()
    {
        using var client = _app.CreateHttpClient();
        var inbound = TestActivities.Message("你好");

        var replies = await _app.AskAsync(client, inbound);

        var reply = Assert.Single(replies);
        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.Equal("worker-1", reply.Recipient?.Id);
        Assert.Equal("bot", reply.From?.Id);
        Assert.Equal(inbound.Id, reply.ReplyToId);
        Assert.Equal("conv-1", reply.Conversation?.Id);
        Assert.Equal("emulator", reply.ChannelId);
        Assert.Equal("plain", reply.TextFormat);
        Assert.Equal(InputHints.AcceptingInput, reply.InputHint);
        Assert.Equal("help", (string?)reply.ChannelData?["skill"]);
        Assert.Contains(reply.SuggestedActions!.Actions, a => a.Type == CardActionTypes.ImBack && (string?)a.Value == "转人工");
    }

    [Fact]
    public async Task WorkerJoiningGetsAWelcomeWithButtons()
    {
        using var client = _app.CreateHttpClient();

        var replies = await _app.AskAsync(client, TestActivities.WorkerJoined());

        var welcome = Assert.Single(replies);
        Assert.Contains("城暖助手", welcome.Text);
        Assert.NotEmpty(welcome.SuggestedActions!.Actions);
        Assert.Equal("help", (string?)welcome.ChannelData?["skill"]);
    }

    [Fact]
    public async Task BotJoiningAloneGetsNoReply()
    {
        using var client = _app.CreateHttpClient();
        var update = TestActivities.WorkerJoined();
        update.MembersAdded = [new ChannelAccount { Id = "bot" }];

        var replies = await _app.AskAsync(client, update);

        Assert.Empty(replies);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"text\":\"no type\",\"conversation\":{\"id\":\"c\"}}")]
    [InlineData("{\"type\":\"message\",\"text\":\"no conversation\"}")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    public async Task MalformedActivitiesGet400WithProblemDetails(string body)
    {
        using var client = _app.CreateHttpClient();

        var response = await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task OversizedBodiesGet413()
    {
        using var client = _app.CreateHttpClient();
        var activity = TestActivities.Message(new string('工', 200_000));

        var response = await client.PostAsJsonAsync("/api/messages", activity, ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task UnhandledInvokeGets501()
    {
        using var client = _app.CreateHttpClient();
        var invoke = TestActivities.Message("");
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "application/search";

        var response = await client.PostAsJsonAsync("/api/messages", invoke, ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task UnknownActivityTypesAreAcceptedAndIgnored()
    {
        using var client = _app.CreateHttpClient();
        var odd = TestActivities.Message("");
        odd.Type = "somethingNew";

        var replies = await _app.AskAsync(client, odd);

        Assert.Empty(replies);
    }
}
