using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.DirectLine;
using CityWarmth.Bot.Tests.Infrastructure;
using FsCheck;
using FsCheck.Xunit;

namespace CityWarmth.Bot.Tests.Faults;

/// <summary>One bot for the bad-input tests, with the per-worker limit out of the way.</summary>
public sealed class BadInputFixture : IDisposable
{
    public BadInputFixture()
    {
        Client = App.CreateHttpClient();
        var directLine = new DirectLineClient(Client);
        Conversation = directLine.StartNewAsync("u_fuzz").GetAwaiter().GetResult();
    }

    public BotApp App { get; } = new(settings: new Dictionary<string, string?>
    {
        ["RateLimits:PerWorker:PermitLimit"] = "100000",
        ["RateLimits:DirectLinePolls:PermitLimit"] = "100000",
        ["RateLimits:DirectLineSends:PermitLimit"] = "100000",
        ["RateLimits:DirectLineStartsPerIp:PermitLimit"] = "100000",
        ["RateLimits:AdminApiPerIp:PermitLimit"] = "100000",
    });

    public HttpClient Client { get; }

    public ConversationInfo Conversation { get; }

    public void Dispose()
    {
        Client.Dispose();
        App.Dispose();
        App.DeleteData();
    }
}

/// <summary>Random, mutated and hostile input to /api/messages and Direct Line: never a 500, never spoiled state.</summary>
public sealed class BadInputTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private const string ConversationId = "conv-fuzz";

    private static readonly string[] Fields =
    [
        "type", "id", "text", "conversation", "from", "recipient", "channelId", "value", "attachments", "entities",
        "timestamp", "localTimestamp", "locale", "channelData", "suggestedActions", "membersAdded", "deliveryMode",
        "name", "replyToId", "textFormat", "inputHint", "attachmentLayout", "conversation.id", "from.id", "from.name",
    ];

    private HttpClient Client => fixture.Client;

    [Property(MaxTest = 80)]
    public bool MutatedActivitiesNeverFailTheServerNorSpoilTheConversation(NonEmptyArray<Tuple<byte, byte, string, int>> mutations)
    {
        var activity = ValidActivityJson("你好");
        foreach (var (field, kind, text, number) in mutations.Get)
        {
            Mutate(activity, Fields[field % Fields.Length], Value(kind, text, number));
        }
        var status = PostAsync("/api/messages", activity.ToJsonString()).GetAwaiter().GetResult();
        return status < 500 && StillAnswersAsync().GetAwaiter().GetResult();
    }

    private static readonly string[] Openings = ["老板拖欠工资三个月了怎么办", "外地来打工的能申请保障性租赁住房吗", "孩子在城里上学要什么手续", "找工作", "", "转人工吗"];

    // A turn that throws still answers 200 (with an apology), so the status alone would not show it: the reply must not
    // be the "system busy" apology. Any script, up to the message limit, with a worker's question in front or not.
    [Property(MaxTest = 40)]
    public bool AnyTextAWorkerMaySendIsAnsweredNotApologisedFor(string? typed, NonNegativeInt seed, bool chinese)
    {
        var random = new Random(seed.Get);
        var length = random.Next(0, 2000);
        var generated = Enumerable.Range(0, length).Select(_ => chinese ? (char)random.Next(0x4E00, 0x9FA5) : (char)random.Next(0x20, 0x7F));
        var text = new string([.. Openings[random.Next(Openings.Length)].Concat(typed ?? "").Concat(generated).Take(2000)]);
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var activity = TestActivities.Message(text, $"conv-text-{Guid.NewGuid():N}");
        activity.ServiceUrl = null;
        var replies = fixture.App.AskAsync(Client, activity).GetAwaiter().GetResult();
        return replies.Count > 0 && replies.All(r => r.Text != Conversations.BotText.SystemBusy);
    }

    [Property(MaxTest = 60)]
    public bool RandomBodiesToDirectLineNeverFailTheServer(byte endpoint, byte[] bytes, string text, bool asText)
    {
        var info = fixture.Conversation;
        var path = (endpoint % 4) switch
        {
            0 => "/v3/directline/tokens/generate",
            1 => "/v3/directline/conversations",
            2 => $"/v3/directline/conversations/{info.ConversationId}/activities",
            _ => "/v3/directline/tokens/refresh",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = asText ? new StringContent(text ?? "", Encoding.UTF8, "application/json") : new ByteArrayContent(bytes ?? []),
        };
        request.Content.Headers.ContentType ??= new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", info.Token);
        using var response = Client.SendAsync(request).GetAwaiter().GetResult();
        return (int)response.StatusCode < 500;
    }

    public static TheoryData<string, byte[]> Corpus()
    {
        var data = new TheoryData<string, byte[]>
        {
            { "empty body", [] },
            { "json null", "null"u8.ToArray() },
            { "array instead of object", "[1,2,3]"u8.ToArray() },
            { "deep nesting", Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)) },
            { "deeply nested value", Encoding.UTF8.GetBytes("{\"type\":\"message\",\"conversation\":{\"id\":\"conv-fuzz\"},\"value\":" + new string('[', 2000) + new string(']', 2000) + "}") },
            { "huge text", Encoding.UTF8.GetBytes("{\"type\":\"message\",\"conversation\":{\"id\":\"conv-fuzz\"},\"text\":\"" + new string('欠', 200_000) + "\"}") },
            { "long text under the size limit", Encoding.UTF8.GetBytes("{\"type\":\"message\",\"deliveryMode\":\"expectReplies\",\"conversation\":{\"id\":\"conv-fuzz\"},\"from\":{\"id\":\"w\"},\"text\":\"" + new string('欠', 30_000) + "\"}") },
            { "invalid utf-8", [.. "{\"type\":\"message\",\"conversation\":{\"id\":\"conv-fuzz\"},\"text\":\""u8, 0xC3, 0x28, 0xFF, 0xFE, .. "\"}"u8] },
            { "lone surrogate escape", "{\"type\":\"message\",\"deliveryMode\":\"expectReplies\",\"conversation\":{\"id\":\"conv-fuzz\"},\"text\":\"\\ud800\\udc00\\ud800\"}"u8.ToArray() },
            { "nul characters", "{\"type\":\"message\",\"deliveryMode\":\"expectReplies\",\"conversation\":{\"id\":\"conv-fuzz\"},\"text\":\"\\u0000\\u0000删除\\u0000\"}"u8.ToArray() },
            { "truncated json", "{\"type\":\"message\",\"conversation\":{\"id\":"u8.ToArray() },
            { "duplicate keys", "{\"type\":\"message\",\"type\":\"event\",\"deliveryMode\":\"expectReplies\",\"conversation\":{\"id\":\"conv-fuzz\"},\"conversation\":{\"id\":\"conv-fuzz\"}}"u8.ToArray() },
            { "script in text", "{\"type\":\"message\",\"deliveryMode\":\"expectReplies\",\"conversation\":{\"id\":\"conv-fuzz\"},\"text\":\"<script>alert(1)</script>\"}"u8.ToArray() },
            { "numbers everywhere", "{\"type\":1,\"conversation\":{\"id\":2},\"text\":3,\"from\":4}"u8.ToArray() },
            { "huge number", "{\"type\":\"message\",\"deliveryMode\":\"expectReplies\",\"conversation\":{\"id\":\"conv-fuzz\"},\"timestamp\":1e999999,\"value\":1e999999}"u8.ToArray() },
            { "bad timestamp", "{\"type\":\"message\",\"deliveryMode\":\"expectReplies\",\"conversation\":{\"id\":\"conv-fuzz\"},\"timestamp\":\"yesterday\"}"u8.ToArray() },
            { "attachments of the wrong shape", "{\"type\":\"message\",\"deliveryMode\":\"expectReplies\",\"conversation\":{\"id\":\"conv-fuzz\"},\"attachments\":[null,1,\"x\",{\"content\":null}]}"u8.ToArray() },
            { "suggested actions of the wrong shape", "{\"type\":\"message\",\"deliveryMode\":\"expectReplies\",\"conversation\":{\"id\":\"conv-fuzz\"},\"suggestedActions\":{\"actions\":[null]},\"entities\":[null]}"u8.ToArray() },
            { "handoff status without value", "{\"type\":\"event\",\"name\":\"handoff.status\",\"deliveryMode\":\"expectReplies\",\"conversation\":{\"id\":\"conv-fuzz\"},\"value\":[]}"u8.ToArray() },
        };
        var nulls = new JsonObject { ["deliveryMode"] = "expectReplies" };
        foreach (var field in Fields.Where(f => !f.Contains('.')))
        {
            nulls[field] = null;
        }
        nulls["type"] = "message";
        nulls["conversation"] = new JsonObject { ["id"] = ConversationId, ["name"] = null, ["tenantId"] = null };
        data.Add("nulls in every field", Encoding.UTF8.GetBytes(nulls.ToJsonString()));
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task NastyInputIsRefusedOrAnsweredButNeverBreaksTheBot(string name, byte[] body)
    {
        var messages = await PostAsync("/api/messages", body);
        var directLine = await PostAsync($"/v3/directline/conversations/{fixture.Conversation.ConversationId}/activities", body, fixture.Conversation.Token);

        Assert.True(messages < 500, $"{name}: /api/messages answered {messages}");
        Assert.True(directLine < 500, $"{name}: Direct Line answered {directLine}");
        Assert.True(await StillAnswersAsync(), $"{name}: the conversation stopped answering");
    }

    private async Task<bool> StillAnswersAsync()
    {
        var valid = TestActivities.Message("你好", ConversationId);
        valid.ServiceUrl = null;
        var replies = await fixture.App.AskAsync(Client, valid);
        return replies.Count > 0 && replies.All(r => r.Text != Conversations.BotText.SystemBusy);
    }

    private Task<int> PostAsync(string path, string json) => PostAsync(path, Encoding.UTF8.GetBytes(json));

    private async Task<int> PostAsync(string path, byte[] body, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await Client.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static JsonObject ValidActivityJson(string text) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "emulator",
        ["deliveryMode"] = "expectReplies",
        ["from"] = new JsonObject { ["id"] = "worker-1", ["name"] = "工友" },
        ["recipient"] = new JsonObject { ["id"] = "bot" },
        ["conversation"] = new JsonObject { ["id"] = ConversationId },
        ["locale"] = "zh-CN",
        ["text"] = text,
    };

    private static void Mutate(JsonObject activity, string path, JsonNode? value)
    {
        var dot = path.IndexOf('.');
        if (dot < 0)
        {
            activity[path] = value;
            return;
        }
        if (activity[path[..dot]] is JsonObject inner)
        {
            inner[path[(dot + 1)..]] = value;
        }
    }

    /// <summary>A JSON value of a kind chosen by <paramref name="kind"/>, built from the generated text and number.</summary>
    private static JsonNode? Value(byte kind, string? text, int number) => (kind % 10) switch
    {
        0 => null,
        1 => JsonValue.Create(text ?? ""),
        2 => JsonValue.Create(number),
        3 => JsonValue.Create(number % 2 == 0),
        4 => new JsonArray(JsonValue.Create(text), JsonValue.Create(number), null),
        5 => new JsonObject { ["id"] = text, ["name"] = number, ["role"] = null },
        6 => JsonValue.Create(new string((text ?? "x").FirstOrDefault('x'), Math.Abs(number % 5000))),
        7 => Nest(Math.Abs(number % 200)),
        8 => JsonValue.Create(number * 1e300),
        _ => JsonValue.Create("删除我的信息"),
    };

    private static JsonNode Nest(int depth)
    {
        JsonNode node = new JsonObject();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonObject { ["a"] = node };
        }
        return node;
    }
}
