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
        var (traditional, simplified) = CountScriptOnly(text);
        return traditional > 0 && traditional > simplified;
    }

    /// <summary>True when the text holds at least one character that exists only in simplified script.</summary>
    public static bool HasSimplifiedOnly(string? text) => CountScriptOnly(text).Simplified > 0;

    private enum Script : byte { Shared, TraditionalOnly, SimplifiedOnly }

    // The script of every character of one UTF-16 unit, worked out once from both tables: this runs on every message.
    private static readonly Lazy<Script[]> ScriptOfUnit = new(() =>
    {
        var scripts = new Script[char.MaxValue + 1];
        foreach (var (character, _) in TraditionalToSimplified.Value.Characters.Concat(SimplifiedToTraditional.Value.Characters))
        {
            if (character.Length == 1)
            {
                scripts[character[0]] = ScriptOf(character);
            }
        }
        return scripts;
    });

    private static (int Traditional, int Simplified) CountScriptOnly(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (0, 0);
        }

        var scriptOfUnit = ScriptOfUnit.Value;
        int traditional = 0, simplified = 0;
        Span<char> buffer = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value < 0x2E80)
            {
                continue;
            }

            var script = rune.IsBmp ? scriptOfUnit[rune.Value] : ScriptOf(buffer[..rune.EncodeToUtf16(buffer)]);
            if (script == Script.TraditionalOnly)
            {
                traditional++;
            }
            else if (script == Script.SimplifiedOnly)
            {
                simplified++;
            }
        }

        return (traditional, simplified);
    }

    /// <summary>A character belongs to one script only when converting changes it one way and not the other.</summary>
    private static Script ScriptOf(ReadOnlySpan<char> character)
    {
        var changesToSimplified = TraditionalToSimplified.Value.TryGetCharacter(character, out var s) && !character.SequenceEqual(s);
        var changesToTraditional = SimplifiedToTraditional.Value.TryGetCharacter(character, out var t) && !character.SequenceEqual(t);
        return (changesToSimplified, changesToTraditional) switch
        {
            (true, false) => Script.TraditionalOnly,
            (false, true) => Script.SimplifiedOnly,
            _ => Script.Shared,
        };
    }
}
