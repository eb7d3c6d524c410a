using CityWarmth.Knowledge.Text;

namespace CityWarmth.Skills.Conversation;

/// <summary>
/// Puts a reply into traditional script, for a worker who writes traditional. What the worker reads follows them: the
/// text, the cards and the button titles, and the words an imBack button posts back. Links, phone numbers and
/// citations (documents are named as published) stay as they are. Converting a converted reply changes nothing.
/// </summary>
public static class ReplyScript
{
    public static BotReply ToTraditional(BotReply reply) => reply with
    {
        Text = reply.Text is null ? null : ChineseScript.ToTraditional(reply.Text),
        Buttons = [.. reply.Buttons.Select(ToTraditional)],
        Cards = [.. reply.Cards.Select(card => card with
        {
            Title = ChineseScript.ToTraditional(card.Title),
            Subtitle = card.Subtitle is null ? null : ChineseScript.ToTraditional(card.Subtitle),
            Text = card.Text is null ? null : ChineseScript.ToTraditional(card.Text),
            Buttons = [.. card.Buttons.Select(ToTraditional)],
        })],
    };

    private static ReplyButton ToTraditional(ReplyButton button) => button.Kind == ButtonKind.ImBack
        ? button with { Title = ChineseScript.ToTraditional(button.Title), Value = ChineseScript.ToTraditional(button.Value) }
        : button with { Title = ChineseScript.ToTraditional(button.Title) };
}
