using System.Globalization;
using System.Text;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using CityWarmth.Skills.Jobs;

namespace CityWarmth.Skills.Routing;

/// <summary>
/// Turns a message (already in its matching form) into classifier features: SmartCn words, plus character
/// unigrams and bigrams as a recall net for words the segmenter splits badly (typos, homophones, dialect), plus one
/// feature when the message names a trade the shipped job vocabulary knows (which the wage intake's trade question
/// reads too: <see cref="WageDispute.WageIntakeSkill.ExpectsAsAnswer"/>). That feature lets the examples teach "names
/// a trade" once, for every trade, instead of trade by trade: "装卸工日结" reads as a job search although no example
/// names 装卸工. Only words for one trade count; broad words such as 工地 or 饭店 come up in other questions as often.
/// Thread-safe: Lucene analyzers reuse their token streams per thread.
/// </summary>
public sealed class IntentFeatures : IDisposable
{
    private const string TradeFeature = "s:trade";

    private readonly SmartChineseAnalyzer _analyzer = new(LuceneVersion.LUCENE_48);

    public IReadOnlyList<string> Extract(string matchingText)
    {
        var features = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(matchingText))
        {
            features.Add("w:" + word);
        }

        var chars = Letters(matchingText);
        for (var i = 0; i < chars.Count; i++)
        {
            features.Add("c:" + chars[i]);
            if (i + 1 < chars.Count)
            {
                features.Add("b:" + chars[i] + chars[i + 1]);
            }
        }

        if (JobVocabulary.Default.FindTrades(matchingText).Any(m => m.Trades.Count == 1))
        {
            features.Add(TradeFeature);
        }
        return [.. features];
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
