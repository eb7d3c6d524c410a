namespace CityWarmth.Bot.Conversations;

/// <summary>
/// A short command as a worker typed it ("转人工！", " 转 人工", "刪除我的資料"), reduced to its letters so it can be compared
/// with the forms the bot knows. Every message is checked against several commands, so this works on a span the caller
/// provides and gives up as soon as the text is longer than any command.
/// </summary>
internal static class CommandText
{
    /// <summary>
    /// Writes the text's characters other than spaces, punctuation and symbols into <paramref name="letters"/>, each
    /// through <paramref name="fold"/> when given; false when there are more of them than it holds.
    /// </summary>
    public static bool TryGetLetters(string text, Span<char> letters, out int length, IReadOnlyDictionary<char, char>? fold = null)
    {
        length = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c))
            {
                continue;
            }
            if (length == letters.Length)
            {
                return false;
            }
            letters[length++] = fold is not null && fold.TryGetValue(c, out var folded) ? folded : c;
        }
        return true;
    }
}
