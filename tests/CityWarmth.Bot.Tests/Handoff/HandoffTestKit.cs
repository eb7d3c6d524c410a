using System.Net.Http.Json;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;

namespace CityWarmth.Bot.Tests.Handoff;

/// <summary>Settings and activity builders shared by the handoff and console tests.</summary>
public static class HandoffTestKit
{
    /// <summary>The agent hub's shared key in these tests' settings (see <see cref="AlwaysOpen"/>).</summary>
    public const string HubKey = "test-agent-hub-key-0123456789abcdef";

    /// <summary>Office hours open around the clock, so results do not depend on when the tests run; the hub key set.</summary>
    public static Dictionary<string, string?> AlwaysOpen() => new()
    {
        ["Handoff:HubKey"] = HubKey,
        ["Handoff:OpenDays:0"] = "Sunday",
        ["Handoff:OpenDays:1"] = "Monday",
        ["Handoff:OpenDays:2"] = "Tuesday",
        ["Handoff:OpenDays:3"] = "Wednesday",
        ["Handoff:OpenDays:4"] = "Thursday",
        ["Handoff:OpenDays:5"] = "Friday",
        ["Handoff:OpenDays:6"] = "Saturday",
        ["Handoff:OpensAt"] = "00:00",
        ["Handoff:ClosesAt"] = "23:59",
    };

    public static Activity Message(string text, string serviceUrl, string conversationId = "conv-h", string userId = "worker-1")
    {
        var activity = TestActivities.Message(text, conversationId, userId);
        activity.ServiceUrl = serviceUrl;
        return activity;
    }

    public static Activity Status(string state, string? serviceUrl, string conversationId = "conv-h", string? message = null) => new()
    {
        Type = ActivityTypes.Event,
        Name = HandoffEventNames.Status,
        Id = Guid.NewGuid().ToString("N")[..12],
        ChannelId = "emulator",
        ServiceUrl = serviceUrl,
        From = new ChannelAccount { Id = "hub", Name = "外部坐席" },
        Recipient = new ChannelAccount { Id = "bot", Name = "城暖助手" },
        Conversation = new ConversationAccount { Id = conversationId },
        Value = message is null
            ? new System.Text.Json.Nodes.JsonObject { ["state"] = state }
            : new System.Text.Json.Nodes.JsonObject { ["state"] = state, ["message"] = message },
    };

    /// <summary>
    /// Posts with normal delivery (replies go to the activity's serviceUrl) and checks the 200; a handoff.status goes
    /// as the agent hub sends it, with the hub key.
    /// </summary>
    public static async Task PostAsync(HttpClient client, Activity activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity, options: ProtocolJson.Options) };
        if (activity.Type == ActivityTypes.Event && activity.Name == HandoffEventNames.Status)
        {
            request.Headers.Add("X-CityWarmth-Hub-Key", HubKey);
        }
        using var response = await client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
