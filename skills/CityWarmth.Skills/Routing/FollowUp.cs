namespace CityWarmth.Skills.Routing;

/// <summary>
/// Recognises a short follow-up that only makes sense after the previous turn ("那住房呢?", "那孩子上学呢",
/// "还有社保呢") and extracts its topic. Works on the matching form.
/// </summary>
public static class FollowUp
{
    private const int MaxTopicLength = 10;

    private static readonly string[] Openers = ["那么", "那要是", "那如果", "那个", "那", "还有", "另外", "如果是", "要是"];
    private static readonly string[] Closers = ["怎么样", "怎么办", "咋办", "咋样", "呢", "吗", "呀", "啊"];

    /// <summary>The topic of a follow-up (e.g. "住房"), or null when the message stands on its own.</summary>
    public static string? Topic(string matchingText)
    {
        var text = matchingText.Trim().TrimEnd('?', '.', '!', ',', ' ', '~');
        var opened = Strip(ref text, Openers, fromStart: true);
        // "呢" alone marks a follow-up; "吗" and the others only after an opener ("那住房吗" but not "有活吗").
        var closedByNe = text.EndsWith('呢');
        var closed = Strip(ref text, Closers, fromStart: false);
        text = text.Trim(',', ' ');
        if (text.Length == 0 || text.Length > MaxTopicLength || !(opened && closed || closedByNe))
        {
            return null;
        }
        return text;
    }

    private static bool Strip(ref string text, string[] affixes, bool fromStart)
    {
        foreach (var affix in affixes)
        {
            if (fromStart ? text.StartsWith(affix, StringComparison.Ordinal) : text.EndsWith(affix, StringComparison.Ordinal))
            {
                text = fromStart ? text[affix.Length..] : text[..^affix.Length];
                return true;
            }
        }
        return false;
    }
}
