using System.Globalization;
using System.Text;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace CityWarmth.Skills.Routing;

/// <summary>A message as the classifier sees it: its lexical features and the cues read from it.</summary>
/// <param name="Lexical">SmartCn words and character unigrams and bigrams ("w:", "c:", "b:").</param>
/// <param name="Cues">The <see cref="MessageCues"/> found; each is a feature too.</param>
public sealed record IntentFeatureSet(IReadOnlyList<string> Lexical, IReadOnlySet<string> Cues);

/// <summary>
/// Turns a message (in its matching form) into classifier features. The text is first read as the router reads it
/// (<see cref="RoutingText.Read"/>: pinyin as characters, dialect folded). Lexical features are SmartCn words plus
/// character unigrams and bigrams as a recall net for words the segmenter splits badly (typos, homophones). Cue
/// features (<see cref="MessageCues"/>) name the speech act and the kinds of things the message names, so that the
/// examples teach "asks for a phone number about arrears" or "names a trade and asks who hires" once for every
/// wording: "塔吊司机哪里招" reads as a job search although no example names 塔吊司机.
/// Thread-safe: Lucene analyzers reuse their token streams per thread.
/// </summary>
public sealed class IntentFeatures : IDisposable
{
    private readonly SmartChineseAnalyzer _analyzer = new(LuceneVersion.LUCENE_48);
    private readonly MessageCues _cues;

    public IntentFeatures(MessageCues? cues = null) => _cues = cues ?? MessageCues.Default;

    public IntentFeatureSet Extract(string matchingText)
    {
        var text = RoutingText.Read(matchingText);
        var features = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(text))
        {
            features.Add("w:" + word);
        }

        var chars = Letters(text);
        for (var i = 0; i < chars.Count; i++)
        {
            features.Add("c:" + chars[i]);
            if (i + 1 < chars.Count)
            {
                features.Add("b:" + chars[i] + chars[i + 1]);
            }
        }
        return new IntentFeatureSet([.. features], _cues.Find(text));
    }

    private List<string> Words(string text)
    {
        var words = new List<string>();
        using var stream = _analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var word = term.ToString();
            if (word.Any(char.IsLetterOrDigit))
            {
                words.Add(FoldDigits(word));
            }
        }
        stream.End();
        return words;
    }

    /// <summary>The text's letters as strings (one rune each), punctuation and spaces dropped, digits folded.</summary>
    private static List<string> Letters(string text)
    {
        var letters = new List<string>();
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsLetterOrDigit(rune) || category == UnicodeCategory.OtherSymbol)
            {
                letters.Add(Rune.IsDigit(rune) ? "#" : rune.ToString());
            }
        }
        return letters;
    }

    // "3个月" and "5个月" say the same thing to a router.
    private static string FoldDigits(string word) =>
        string.Concat(word.Select(c => char.IsAsciiDigit(c) ? '#' : c));

    public void Dispose() => _analyzer.Dispose();
}
