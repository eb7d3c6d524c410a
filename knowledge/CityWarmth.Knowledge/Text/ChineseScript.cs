namespace CityWarmth.Knowledge.Text;

/// <summary>
/// Traditional ↔ simplified Chinese conversion with OpenCC's tables (phrases by longest match, then characters),
/// and detection of text written in traditional characters.
/// </summary>
public static class ChineseScript
{
    private static readonly Lazy<OpenCcTable> TraditionalToSimplified = new(() =>
        OpenCcTable.Load(OpenCcTable.ResourceName("TSPhrases.txt"), OpenCcTable.ResourceName("TSCharacters.txt")));

    private static readonly Lazy<OpenCcTable> SimplifiedToTraditional = new(() =>
        OpenCcTable.Load(OpenCcTable.ResourceName("STPhrases.txt"), OpenCcTable.ResourceName("STCharacters.txt")));

    /// <summary>Converts traditional characters to simplified (OpenCC t2s). Other text is left as is.</summary>
    public static string ToSimplified(string text) => TraditionalToSimplified.Value.Convert(text);

    /// <summary>Converts simplified characters to traditional (OpenCC s2t). Other text is left as is.</summary>
    public static string ToTraditional(string text) => SimplifiedToTraditional.Value.Convert(text);

    /// <summary>
    /// True when the text holds more characters that exist only in traditional script than characters that exist
    /// only in simplified script (and at least one). Characters shared by both scripts do not count.
    /// </summary>
    public static bool LooksTraditional(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var ts = TraditionalToSimplified.Value.Characters;
        var st = SimplifiedToTraditional.Value.Characters;
        int traditional = 0, simplified = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value < 0x2E80)
            {
                continue;
            }

            var key = rune.ToString();
            var changesToSimplified = ts.TryGetValue(key, out var s) && s != key;
            var changesToTraditional = st.TryGetValue(key, out var t) && t != key;
            if (changesToSimplified && !changesToTraditional)
            {
                traditional++;
            }
            else if (changesToTraditional && !changesToSimplified)
            {
                simplified++;
            }
        }

        return traditional > 0 && traditional > simplified;
    }
}
