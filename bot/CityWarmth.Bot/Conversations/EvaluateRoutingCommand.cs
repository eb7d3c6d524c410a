using System.Globalization;
using System.Net.Http.Json;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Skills.Routing;

namespace CityWarmth.Bot.Conversations;

/// <summary>
/// <c>eval-routing &lt;messages.jsonl|.tsv&gt; [bot url] [--min 0.95]</c>: sends each message to a running bot's
/// <c>/api/messages</c> (a fresh conversation each, deliveryMode expectReplies, as a local emulator sends it) and scores
/// the skill of the first reply (<c>channelData.skill</c>) against the message's labels. Prints the misses, the accuracy
/// per skill and a confusion matrix; with <c>--min</c>, exits 1 below that accuracy.
/// </summary>
public static class EvaluateRoutingCommand
{
    public const string Verb = "eval-routing";
    private const string DefaultUrl = "http://localhost:3978";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var positional = new List<string>();
        double? floor = null;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--min" && i + 1 < args.Length
                && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var min))
            {
                floor = min;
                i++;
            }
            else
            {
                positional.Add(args[i]);
            }
        }
        if (positional.Count is < 1 or > 2 || !File.Exists(positional[0])
            || (positional.Count == 2 && !Uri.TryCreate(positional[1], UriKind.Absolute, out _)))
        {
            output.WriteLine($"usage: {Verb} <messages.jsonl|.tsv> [bot url, default {DefaultUrl}] [--min accuracy]");
            return 2;
        }

        using var client = new HttpClient { BaseAddress = new Uri(positional.Count == 2 ? positional[1] : DefaultUrl), Timeout = TimeSpan.FromSeconds(30) };
        var run = Guid.NewGuid().ToString("N")[..8];
        var sent = 0;
        RoutingReport report;
        try
        {
            report = await RoutingEvaluation.RunAsync(RoutingEvaluation.ReadFile(positional[0]),
                (text, ct) => FirstSkillAsync(client, Message(text, $"eval-routing-{run}-{sent++}"), ct));
        }
        catch (HttpRequestException e)
        {
            output.WriteLine($"The bot at {client.BaseAddress} did not answer: {e.Message}");
            return 1;
        }
        output.Write(report.Format());
        return floor is { } required && report.Accuracy < required ? 1 : 0;
    }

    /// <summary>The skill of the bot's first message reply, or null when it sent none.</summary>
    public static async Task<string?> FirstSkillAsync(HttpClient client, Activity activity, CancellationToken cancellationToken)
    {
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        using var response = await client.PostAsJsonAsync("/api/messages", activity, ProtocolJson.Options, cancellationToken);
        response.EnsureSuccessStatusCode();
        var replies = await response.Content.ReadFromJsonAsync<ExpectedReplies>(ProtocolJson.Options, cancellationToken);
        return replies?.Activities
            .Where(a => a.Type == ActivityTypes.Message)
            .Select(a => (string?)a.ChannelData?["skill"])
            .FirstOrDefault(s => s is not null);
    }

    /// <summary>A worker's first message in a new conversation, as the emulator sends it locally.</summary>
    public static Activity Message(string text, string conversationId) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N")[..12],
        ChannelId = "emulator",
        ServiceUrl = "http://127.0.0.1:9/",
        From = new ChannelAccount { Id = "user-" + conversationId, Name = "工友" },
        Recipient = new ChannelAccount { Id = "bot", Name = "城暖助手" },
        Conversation = new ConversationAccount { Id = conversationId },
        Locale = "zh-CN",
        Text = text,
        Timestamp = DateTimeOffset.UtcNow,
    };
}
