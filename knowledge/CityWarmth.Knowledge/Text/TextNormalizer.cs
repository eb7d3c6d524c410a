using System.Text;

namespace CityWarmth.Knowledge.Text;

/// <summary>
/// The matching form of a text, applied identically to documents and to questions: source defects removed,
/// traditional folded to simplified, full-width folded to half-width, punctuation folded to a few ASCII marks,
/// Latin letters lower-cased, and runs of white space collapsed. Never shown to users.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Returns the matching form of <paramref name="text"/>.</summary>
    public static string ForMatching(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var s = SourceCleaner.Clean(text);
        s = ChineseScript.ToSimplified(s);
        return FoldWidthAndPunctuation(s);
    }

    /// <summary>
    /// Folds full-width forms to half-width (NFKC) and Chinese punctuation to ASCII, lower-cases Latin letters and
    /// collapses white space. Does not change the script.
    /// </summary>
    public static string FoldWidthAndPunctuation(string text)
    {
        var s = text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(s.Length);
        var pendingSpace = false;
        foreach (var c in s)
        {
            var folded = FoldPunctuation(c);
            if (char.IsWhiteSpace(folded))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(char.ToLowerInvariant(folded));
        }

        return sb.ToString();
    }

    private static char FoldPunctuation(char c) => c switch
    {
        '。' or '｡' or '．' => '.',
        '、' or '､' or '，' => ',',
        '“' or '”' or '„' or '「' or '」' or '『' or '』' or '〝' or '〞' => '"',
        '‘' or '’' or '‚' => '\'',
        '《' or '〈' or '【' or '〔' or '〖' => '(',
        '》' or '〉' or '】' or '〕' or '〗' => ')',
        '—' or '–' or '－' or '―' or '～' or '〜' => '-',
        '…' or '⋯' => '.',
        '·' or '・' or '•' => ' ',
        '\u3000' => ' ',
        _ => c,
    };
}
