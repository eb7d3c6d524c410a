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

    // OpenCC's s2t writes the standard forms, some of which nobody writes today (喫 for 吃, 裏, 爲, 衆); its s2tw then
    // puts Taiwan's usual forms in (吃, 裡, 為, 眾), which read naturally in Hong Kong too. Only forms that convert back
    // to the same simplified text are taken (著 is not: it stays 著 in simplified), so a traditional button the worker
    // taps is still read as the simplified one it was made from.
    private static readonly Lazy<OpenCcTable> CommonTraditionalForms = new(() =>
        OpenCcTable.Load(OpenCcTable.ResourceName("TWVariantsPhrases.txt"), OpenCcTable.ResourceName("TWVariants.txt"),
            (standard, common) => ToSimplified(standard) == ToSimplified(common)));

    /// <summary>Converts traditional characters to simplified (OpenCC t2s). Other text is left as is.</summary>
    public static string ToSimplified(string text) => TraditionalToSimplified.Value.Convert(text);

    /// <summary>
    /// Converts simplified characters to traditional (OpenCC s2t, then the common forms of OpenCC s2tw's variants).
    /// Other text is left as is.
    /// </summary>
    public static string ToTraditional(string text) => CommonTraditionalForms.Value.Convert(SimplifiedToTraditional.Value.Convert(text));

    /// <summary>
    /// The script a text is written in, judged in one pass by the characters that exist in only one script (shared
    /// characters do not count): traditional when it holds more traditional-only characters than simplified-only ones,
    /// simplified when it holds any simplified-only character otherwise, and neither when it holds none of either.
    /// </summary>
    public static WrittenScript WrittenIn(string? text)
    {
        var (traditional, simplified) = CountScriptOnly(text);
        return traditional > simplified ? WrittenScript.Traditional
            : simplified > 0 ? WrittenScript.Simplified
            : WrittenScript.Neither;
    }

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

/// <summary>What <see cref="ChineseScript.WrittenIn"/> finds.</summary>
public enum WrittenScript
{
    /// <summary>No character that only one script has (shared characters, digits, Latin letters).</summary>
    Neither,
    Simplified,
    Traditional,
}
