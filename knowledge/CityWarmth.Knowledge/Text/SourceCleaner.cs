using System.Text;
using System.Text.RegularExpressions;

namespace CityWarmth.Knowledge.Text;

/// <summary>
/// Removes defects that copies of Chinese web pages commonly carry, keeping everything else as written:
/// pinyin annotations after characters (<c>鄉(xiāng)</c>), mis-decoded byte sequences (<c>活動?,F將</c>),
/// invisible characters and stray control characters. The script (traditional or simplified) is not changed.
/// </summary>
public static partial class SourceCleaner
{
    private static readonly Encoding Gbk = CreateGbk();

    /// <summary>Cleans one text for display. Line breaks are normalised to <c>\n</c>.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var s = text.Normalize(NormalizationForm.FormC);
        s = RemoveInvisible(s);
        s = RemovePinyinAnnotations(s);
        s = RepairGarble(s);
        return s;
    }

    /// <summary>Removes a pinyin reading written in brackets right after a Chinese character: <c>發(fā)</c> → <c>發</c>.</summary>
    public static string RemovePinyinAnnotations(string text) =>
        PinyinAnnotation().Replace(text, m => IsPinyin(m.Groups["py"].Value) ? string.Empty : m.Value);

    /// <summary>
    /// Repairs runs of ASCII noise inside Chinese text left by a wrong GBK decoding: a character that could not be
    /// converted shows as <c>?</c>, and a two-byte character whose lead byte lost its high bit shows as two ASCII
    /// characters (<c>,F</c> = 0xAC 0x46 = 現). Pairs are decoded back; a lost character between two clauses is
    /// restored as a full stop, the most common character lost that way.
    /// </summary>
    public static string RepairGarble(string text) => GarbleRun().Replace(text, Repair);

    private static string Repair(Match m)
    {
        var run = m.Groups["run"].Value;
        var sb = new StringBuilder();
        var i = 0;
        var placeholders = 0;
        while (i < run.Length)
        {
            if (run[i] is '?' or '\uFFFD')
            {
                placeholders++;
                sb.Append('\0');
                i++;
                continue;
            }

            if (i + 1 < run.Length && TryDecodePair(run[i], run[i + 1], out var decoded))
            {
                sb.Append(decoded);
                i += 2;
                continue;
            }

            // Not a mis-decoding we understand: leave the text alone.
            return m.Value;
        }

        if (placeholders == 0)
        {
            return m.Value;
        }

        var before = m.Groups["before"].Value;
        var after = m.Groups["after"].Value;
        var repaired = sb.ToString();
        var result = new StringBuilder(before);
        for (var k = 0; k < repaired.Length; k++)
        {
            if (repaired[k] != '\0')
            {
                result.Append(repaired[k]);
                continue;
            }

            var previous = result.Length > 0 ? result[^1] : '\0';
            var hasNext = k + 1 < repaired.Length ? repaired[k + 1] != '\0' : after.Length > 0;
            if (IsIdeograph(previous) && hasNext)
            {
                result.Append('。');
            }
        }

        return result.Append(after).ToString();
    }

    private static bool TryDecodePair(char lead, char trail, out char decoded)
    {
        decoded = '\0';
        var b1 = lead | 0x80;
        if (lead > 0x7F || trail > 0x7F || b1 < 0x81 || b1 > 0xFE || trail < 0x40 || trail == 0x7F)
        {
            return false;
        }

        var s = Gbk.GetString([(byte)b1, (byte)trail]);
        if (s.Length != 1 || !IsIdeograph(s[0]))
        {
            return false;
        }

        decoded = s[0];
        return true;
    }

    internal static bool IsIdeograph(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static bool IsPinyin(string candidate)
    {
        // A reading carries a tone mark or a tone digit; bare letters could be an English word in brackets.
        var hasTone = candidate.Any(c => "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ".Contains(c)) || char.IsAsciiDigit(candidate[^1]);
        return hasTone && PinyinSyllable().IsMatch(RemoveTones(candidate));
    }

    private static string RemoveTones(string s)
    {
        var decomposed = s.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z')
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (c == '\u0308')
            {
                sb.Append('v');   // ü
            }
        }

        return sb.ToString();
    }

    private static string RemoveInvisible(string s)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var drop = c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD'
                || (char.IsControl(c) && c is not '\n' and not '\t' and not '\r');
            if (c == '\r')
            {
                drop = true;
                if (i + 1 >= s.Length || s[i + 1] != '\n')
                {
                    (sb ??= new StringBuilder(s, 0, i, s.Length)).Append('\n');
                    continue;
                }
            }

            if (drop)
            {
                sb ??= new StringBuilder(s, 0, i, s.Length);
            }
            else
            {
                sb?.Append(c);
            }
        }

        return sb?.ToString() ?? s;
    }

    private static Encoding CreateGbk()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
    }

    [GeneratedRegex(@"(?<=[\u3400-\u4DBF\u4E00-\u9FFF])[(（](?<py>[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[1-5]?)[)）]")]
    private static partial Regex PinyinAnnotation();

    [GeneratedRegex(@"^(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:a|ai|an|ang|ao|e|ei|en|eng|er|i|ia|ian|iang|iao|ie|in|ing|iong|iu|o|ong|ou|u|ua|uai|uan|uang|ue|ui|un|uo|v|ve|van|vn|n|ng|m)[1-5]?$")]
    private static partial Regex PinyinSyllable();

    // A run of printable ASCII (no spaces) wedged between Chinese characters or Chinese punctuation.
    [GeneratedRegex(@"(?<before>[\u3400-\u4DBF\u4E00-\u9FFF])(?<run>[\x21-\x7E\uFFFD]{2,12})(?<after>[\u3400-\u4DBF\u4E00-\u9FFF])")]
    private static partial Regex GarbleRun();
}
