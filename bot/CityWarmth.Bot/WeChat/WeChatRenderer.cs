using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityWarmth.Bot.Conversations;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Knowledge.Text;
using CityWarmth.WeChat;

namespace CityWarmth.Bot.WeChat;

/// <summary>
/// Puts the bot's replies into WeChat messages. A turn's messages are joined into as few texts as fit WeChat's
/// length limit (the first answers passively; every further one uses up the customer-service quota). Buttons become
/// numbered choices (<see cref="WeChatChoices"/>), links and cards become text with links, citations a short 来源
/// line linking the /kb page. A reply that is a single linked card becomes a news message.
/// </summary>
public static class WeChatRenderer
{
    private const int MaxCitations = 2;

    public static IReadOnlyList<WeChatOutbound> Render(IReadOnlyList<Activity> replies)
    {
        var messages = replies.Where(a => a.Type == ActivityTypes.Message).ToList();
        var words = Words.For(string.Concat(messages.Select(m => m.Text)));
        // Choices are shown once per turn, after the last message that has them: those are what a number answers.
        var numbered = messages.FindLastIndex(m => WeChatChoices.Of(m).Count > 0);

        var outbound = new List<WeChatOutbound>();
        var blocks = new List<string>();
        for (var i = 0; i < messages.Count; i++)
        {
            if (AsNews(messages[i]) is { } news)
            {
                Flush(blocks, outbound);
                outbound.Add(news);
                continue;
            }
            var block = Block(messages[i], i == numbered, words);
            if (block.Length > 0)
            {
                blocks.Add(block);
            }
        }
        Flush(blocks, outbound);
        return outbound;
    }

    /// <summary>The reply's hero cards, in order.</summary>
    public static IReadOnlyList<HeroCard> HeroCards(Activity activity) => [.. (activity.Attachments ?? []).Select(HeroCard).OfType<HeroCard>()];

    /// <summary>A hero card attachment's card, or null for any other attachment.</summary>
    public static HeroCard? HeroCard(Attachment attachment)
    {
        if (attachment.ContentType != ReplyFactory.HeroCardContentType || attachment.Content is null)
        {
            return null;
        }
        try
        {
            return attachment.Content.Deserialize<HeroCard>(ProtocolJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// One message as text. When its buttons are the numbered ones, a card's buttons are numbered right under the card
    /// (so "回复 2" is seen beside the job it opens) and the message's own buttons at the end, in the order
    /// <see cref="WeChatChoices.Of"/> gives them; otherwise they are named as words the worker can send.
    /// </summary>
    private static string Block(Activity message, bool numbered, Words words)
    {
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(message.Text))
        {
            lines.Add(message.Text.Trim());
        }
        var choices = WeChatChoices.Of(message);
        var cards = HeroCards(message);
        for (var i = 0; i < cards.Count; i++)
        {
            var card = cards[i];
            lines.Add(string.IsNullOrWhiteSpace(card.Subtitle) ? $"【{card.Title}】" : $"【{card.Title}】{card.Subtitle}");
            if (!string.IsNullOrWhiteSpace(card.Text))
            {
                lines.Add(card.Text.Trim());
            }
            lines.AddRange(Links(card.Buttons));
            if (numbered)
            {
                lines.AddRange(Numbered(choices, card: i, words));
            }
        }
        lines.AddRange(Links(message.SuggestedActions?.Actions));
        if (Sources(message, words) is { } sources)
        {
            lines.Add(sources);
        }

        if (numbered && choices.Any(c => c.Card < 0))
        {
            lines.Add("");
            lines.AddRange(Numbered(choices, card: -1, words));
        }
        else if (!numbered && choices.Count > 0)
        {
            lines.Add("");
            lines.Add(words.YouCanReply + string.Join("", choices.Select(c => $"“{c.Value}”")));
        }
        return string.Join('\n', lines).Trim();
    }

    private static IEnumerable<string> Numbered(IReadOnlyList<WeChatChoice> choices, int card, Words words) =>
        choices.Select((c, i) => (Choice: c, Number: i + 1)).Where(c => c.Choice.Card == card)
            .Select(c => $"{words.Reply} {c.Number}：{c.Choice.Title}");

    /// <summary>Link and phone buttons as lines: WeChat shows <c>&lt;a href&gt;</c> as a link and makes numbers tappable.</summary>
    private static IEnumerable<string> Links(IEnumerable<CardAction>? actions)
    {
        foreach (var action in actions ?? [])
        {
            var value = action.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }
            if (action.Type == CardActionTypes.OpenUrl)
            {
                yield return Link(value, action.Title ?? value);
            }
            else if (action.Type == CardActionTypes.Call)
            {
                var number = value.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? value[4..] : value;
                yield return string.IsNullOrWhiteSpace(action.Title) ? number : $"{action.Title}：{number}";
            }
        }
    }

    /// <summary>
    /// The cited /kb pages, best first, as "来源：《document》" links. When the text already names its source (policy
    /// answers do), only a link to the first cited page is added, unless one of the message's buttons already is one.
    /// </summary>
    private static string? Sources(Activity message, Words words)
    {
        var claims = (message.Entities ?? [])
            .Where(e => e["citation"] is JsonArray)
            .SelectMany(e => e["citation"]!.AsArray())
            .Select(AsObject)
            .OfType<JsonObject>()
            .Select(c => (Name: (string?)c["appearance"]?["name"], Url: (string?)c["appearance"]?["url"]))
            .Where(c => !string.IsNullOrWhiteSpace(c.Name) && !string.IsNullOrWhiteSpace(c.Url))
            .Take(MaxCitations)
            .ToList();
        if (claims.Count == 0)
        {
            return null;
        }
        if (message.Text?.Contains(words.SourceWord, StringComparison.Ordinal) != true)
        {
            return words.Source + string.Join("；", claims.Select(c => Link(c.Url!, $"《{c.Name}》")));
        }
        var linked = HeroCards(message).SelectMany(c => c.Buttons ?? []).Concat(message.SuggestedActions?.Actions ?? [])
            .Where(a => a.Type == CardActionTypes.OpenUrl).Select(a => (string?)a.Value);
        return linked.Contains(claims[0].Url) ? null : Link(claims[0].Url!, words.Original);
    }

    // Claims may be pre-encoded values (ReplyFactory writes them once per document) rather than objects.
    private static JsonObject? AsObject(JsonNode? node) =>
        node as JsonObject ?? (node is null ? null : JsonNode.Parse(node.ToJsonString(ProtocolJson.Options)) as JsonObject);

    private static string Link(string url, string title) =>
        $"<a href=\"{url.Replace("\"", "%22", StringComparison.Ordinal)}\">{title.Replace("<", "", StringComparison.Ordinal).Replace(">", "", StringComparison.Ordinal)}</a>";

    /// <summary>A reply that is only one card with one link reads best as a news message (a tappable article).</summary>
    private static WeChatNews? AsNews(Activity message)
    {
        if (!string.IsNullOrWhiteSpace(message.Text) || message.SuggestedActions?.Actions.Count > 0 || message.Attachments is not { Count: 1 } attachments
            || HeroCard(attachments[0]) is not { } card || card.Buttons is not { Count: 1 } buttons
            || buttons[0].Type != CardActionTypes.OpenUrl || buttons[0].Value is not JsonValue v || !v.TryGetValue<string>(out var url))
        {
            return null;
        }
        var description = string.Join('\n', new[] { card.Subtitle, card.Text }.Where(t => !string.IsNullOrWhiteSpace(t)));
        return new WeChatNews(new WeChatArticle(card.Title ?? buttons[0].Title ?? url, description, url));
    }

    /// <summary>Joins the blocks into texts of at most WeChat's limit, splitting a block that alone is longer.</summary>
    private static void Flush(List<string> blocks, List<WeChatOutbound> outbound)
    {
        var current = new StringBuilder();
        foreach (var block in blocks)
        {
            var joined = current.Length == 0 ? block : current + "\n\n" + block;
            if (Bytes(joined) <= WeChatText.MaxBytes)
            {
                current.Clear().Append(joined);
                continue;
            }
            if (current.Length > 0)
            {
                outbound.Add(new WeChatText(current.ToString()));
                current.Clear();
            }
            foreach (var piece in Split(block))
            {
                if (current.Length > 0)
                {
                    outbound.Add(new WeChatText(current.ToString()));
                }
                current.Clear().Append(piece);
            }
        }
        if (current.Length > 0)
        {
            outbound.Add(new WeChatText(current.ToString()));
        }
        blocks.Clear();
    }

    /// <summary>Pieces of at most the limit: whole lines where they fit, else cut between characters.</summary>
    private static IEnumerable<string> Split(string block)
    {
        var piece = new StringBuilder();
        foreach (var line in block.Split('\n'))
        {
            var joined = piece.Length == 0 ? line : piece + "\n" + line;
            if (Bytes(joined) <= WeChatText.MaxBytes)
            {
                piece.Clear().Append(joined);
                continue;
            }
            if (piece.Length > 0)
            {
                yield return piece.ToString();
                piece.Clear();
            }
            var rest = line;
            while (Bytes(rest) > WeChatText.MaxBytes)
            {
                var cut = FittingLength(rest);
                yield return rest[..cut];
                rest = rest[cut..];
            }
            piece.Append(rest);
        }
        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    /// <summary>The longest prefix within the limit that does not split a surrogate pair.</summary>
    private static int FittingLength(string text)
    {
        int length = 0, bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > WeChatText.MaxBytes)
            {
                break;
            }
            bytes += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }
        return length;
    }

    private static int Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>The renderer's own words, in the script the reply is written in.</summary>
    private sealed record Words(string Reply, string YouCanReply, string Source, string SourceWord, string Original)
    {
        private static readonly Words Simplified = new("回复", "也可以回复：", "来源：", "来源", "原文");
        private static readonly Lazy<Words> Traditional = new(() => new(
            ChineseScript.ToTraditional(Simplified.Reply), ChineseScript.ToTraditional(Simplified.YouCanReply), ChineseScript.ToTraditional(Simplified.Source),
            ChineseScript.ToTraditional(Simplified.SourceWord), ChineseScript.ToTraditional(Simplified.Original)));

        public static Words For(string text) => ChineseScript.WrittenIn(text) == WrittenScript.Traditional ? Traditional.Value : Simplified;
    }
}
