namespace CityWarmth.Knowledge.Text;

/// <summary>Splits Chinese text into sentences after 。！？；!? (and at line breaks), keeping the marks.</summary>
public static class SentenceSplitter
{
    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var end = c is '。' or '！' or '？' or '；' or '!' or '?' or ';' or '\n';
            if (!end)
            {
                continue;
            }

            // Keep closing quotes and brackets with the sentence they end.
            var stop = i + 1;
            while (stop < text.Length && text[stop] is '”' or '’' or '」' or '』' or ')' or '）' or '"')
            {
                stop++;
            }

            Add(sentences, text[start..stop]);
            start = stop;
            i = stop - 1;
        }

        Add(sentences, text[start..]);
        return sentences;
    }

    private static void Add(List<string> sentences, string s)
    {
        var trimmed = s.Trim();
        if (trimmed.Length > 0)
        {
            sentences.Add(trimmed);
        }
    }
}
