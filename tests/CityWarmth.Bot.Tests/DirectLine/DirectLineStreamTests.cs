using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.Bot.Tests.DirectLine;

/// <summary>Direct Line streaming: the stream URL from start and reconnect, and the WebSocket behind it, over real sockets.</summary>
public sealed class DirectLineStreamTests(DirectLineAppFixture fixture) : IClassFixture<DirectLineAppFixture>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http = fixture.App.CreateHttpClient();

    private DirectLineClient Client => new(_http);

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task StartingGivesAStreamThatPushesTheWelcomeThenTheEchoAndTheReply()
    {
        var started = await Client.StartNewAsync("u_stream");

        var streamUrl = new Uri(started.StreamUrl!);
        Assert.Equal("ws", streamUrl.Scheme);
        Assert.Equal(fixture.App.BaseAddress.Authority, streamUrl.Authority);
        Assert.Equal($"/v3/directline/conversations/{started.ConversationId}/stream", streamUrl.AbsolutePath);
        using var socket = await ConnectAsync(streamUrl);

        var first = await ReceiveSetAsync(socket);
        var welcome = Assert.Single(first.Activities);
        Assert.Equal(RoleTypes.Bot, welcome.From?.Role);
        Assert.Equal("1", first.Watermark);

        var id = await Client.PostMessageAsync(started.ConversationId, started.Token, "你好", "c1", "u_stream");
        var pushed = await ReceiveActivitiesAsync(socket, 2);
        Assert.Equal(id, pushed[0].Id);
        Assert.Equal("你好", pushed[0].Text);
        Assert.Equal(RoleTypes.Bot, pushed[1].From?.Role);
        Assert.Equal(id, pushed[1].ReplyToId);
        await CloseAsync(socket);
    }

    [Fact]
    public async Task ReconnectingWithTheWatermarkResumesWithoutLossOrRepetition()
    {
        var started = await Client.StartNewAsync("u_resume");
        string watermark;
        using (var socket = await ConnectAsync(new Uri(started.StreamUrl!)))
        {
            watermark = (await ReceiveSetAsync(socket)).Watermark!;
            await CloseAsync(socket);
        }

        // Said while no stream was open.
        var id = await Client.PostMessageAsync(started.ConversationId, started.Token, "我想找工作", "c2", "u_resume");
        using var reconnect = await Client.SendAsync(HttpMethod.Get, $"{DirectLineClient.Domain}/conversations/{started.ConversationId}?watermark={watermark}", started.Token);
        Assert.Equal(HttpStatusCode.OK, reconnect.StatusCode);
        var info = JsonSerializer.Deserialize<ConversationInfo>(await reconnect.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
        Assert.NotEqual(started.StreamUrl, info.StreamUrl);
        Assert.Contains("watermark=" + watermark, info.StreamUrl);

        // The turn is over when the post returns: this is all there is after the old watermark.
        var listed = await Client.GetActivitiesAsync(started.ConversationId, started.Token, watermark);
        Assert.True(listed.Activities.Count >= 2);

        using var resumed = await ConnectAsync(new Uri(info.StreamUrl!));
        var activities = await ReceiveActivitiesAsync(resumed, listed.Activities.Count);
        Assert.Equal(id, activities[0].Id);
        Assert.Equal(listed.Activities.Select(a => a.Id), activities.Select(a => a.Id));
        Assert.Equal(RoleTypes.Bot, activities[1].From?.Role);
        await CloseAsync(resumed);
    }

    [Fact]
    public async Task TheStreamUrlIsCheckedBeforeTheSocketOpens()
    {
        var mine = await Client.StartNewAsync("u_mine");
        var theirs = await Client.StartNewAsync("u_theirs");
        var myUrl = new Uri(mine.StreamUrl!);
        var t = System.Web.HttpUtility.ParseQueryString(myUrl.Query)["t"]!;

        // Another conversation's t, a tampered t, none, and the conversation token where the stream token belongs.
        Assert.Equal((403, "TokenNotForConversation"), await RefusalAsync($"/conversations/{theirs.ConversationId}/stream?t={t}"));
        Assert.Equal((403, "BadToken"), await RefusalAsync($"/conversations/{mine.ConversationId}/stream?t={t[..^4]}AAAA"));
        Assert.Equal((401, "MissingToken"), await RefusalAsync($"/conversations/{mine.ConversationId}/stream"));
        Assert.Equal((403, "BadToken"), await RefusalAsync($"/conversations/{mine.ConversationId}/stream?t={mine.Token}"));
        // A valid URL asked for without an upgrade.
        Assert.Equal((400, "BadArgument"), await RefusalAsync($"/conversations/{mine.ConversationId}/stream?t={t}"));

        var wrongConversation = new UriBuilder(myUrl) { Path = $"/v3/directline/conversations/{theirs.ConversationId}/stream" }.Uri;
        using var socket = new ClientWebSocket();
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(wrongConversation, CancellationToken.None));
        Assert.Contains("403", refused.Message);
    }

    [Fact]
    public async Task AQuietStreamSendsEmptyHeartbeats()
    {
        using var app = new BotApp(settings: new Dictionary<string, string?> { ["DirectLine:StreamHeartbeatSeconds"] = "1" });
        try
        {
            using var http = app.CreateHttpClient();
            var started = await new DirectLineClient(http).StartNewAsync("u_quiet");
            using var socket = await ConnectAsync(new Uri(started.StreamUrl!));
            Assert.Single((await ReceiveSetAsync(socket)).Activities);

            var heartbeat = await ReceiveTextAsync(socket);

            Assert.Equal("", heartbeat);
            // Still open after the heartbeat, and still streaming.
            await new DirectLineClient(http).PostMessageAsync(started.ConversationId, started.Token, "你好", "c3", "u_quiet");
            Assert.Equal("你好", (await ReceiveActivitiesAsync(socket, 1))[0].Text);
            await CloseAsync(socket);
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    [Fact]
    public async Task OneStreamTooManyClosesTheOldest()
    {
        using var app = new BotApp(settings: new Dictionary<string, string?> { ["DirectLine:MaxStreamsPerConversation"] = "1" });
        try
        {
            using var http = app.CreateHttpClient();
            var client = new DirectLineClient(http);
            var started = await client.StartNewAsync("u_twice");
            using var first = await ConnectAsync(new Uri(started.StreamUrl!));
            await ReceiveSetAsync(first);

            var (_, again) = await client.StartAsync(started.Token);
            using var second = await ConnectAsync(new Uri(again!.StreamUrl!));
            await ReceiveSetAsync(second);

            using var timeout = new CancellationTokenSource(Patience);
            var closed = await first.ReceiveAsync(new byte[1024], timeout.Token);
            Assert.Equal(WebSocketMessageType.Close, closed.MessageType);
            Assert.Equal("collision", first.CloseStatusDescription);
            Assert.Equal(WebSocketState.Open, second.State);
            await CloseAsync(second);
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    private async Task<(int Status, string? Code)> RefusalAsync(string path)
    {
        using var response = await Client.SendAsync(HttpMethod.Get, DirectLineClient.Domain + path, credential: null);
        return await DirectLineClient.ErrorOf(response);
    }

    private static async Task<ClientWebSocket> ConnectAsync(Uri streamUrl)
    {
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(streamUrl, timeout.Token);
        return socket;
    }

    private static async Task CloseAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
    }

    /// <summary>Activities from the next sets, skipping heartbeats, until at least <paramref name="count"/> came.</summary>
    private static async Task<List<Activity>> ReceiveActivitiesAsync(ClientWebSocket socket, int count)
    {
        var activities = new List<Activity>();
        while (activities.Count < count)
        {
            activities.AddRange((await ReceiveSetAsync(socket)).Activities);
        }
        return activities;
    }

    private static async Task<ActivitySet> ReceiveSetAsync(ClientWebSocket socket)
    {
        while (true)
        {
            var text = await ReceiveTextAsync(socket);
            if (text.Length > 0)
            {
                return JsonSerializer.Deserialize<ActivitySet>(text, ProtocolJson.Options)!;
            }
        }
    }

    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var message = new MemoryStream();
        var buffer = new byte[4096];
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.Equal(WebSocketMessageType.Text, received.MessageType);
            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);
        return Encoding.UTF8.GetString(message.ToArray());
    }
}
