using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace CityWarmth.Knowledge.Analysis;

/// <summary>
/// The two analyses used for matching, both over text already in matching form (<see cref="Text.TextNormalizer"/>):
/// SmartCn words, and CJK bigrams that recall matches whatever the word segmentation did.
/// </summary>
public static class ChineseAnalyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>SmartCn word segmentation (punctuation removed, no other stop words).</summary>
    public static Analyzer CreateWords() => new SmartChineseAnalyzer(Version);

    /// <summary>Overlapping CJK bigrams (single characters where a run has one), Latin words and numbers as is.</summary>
    public static Analyzer CreateBigrams() => new CJKAnalyzer(Version, CharArraySet.Empty);

    /// <summary>Runs <paramref name="analyzer"/> over <paramref name="text"/> and returns the terms in order.</summary>
    public static IReadOnlyList<string> Tokens(Analyzer analyzer, string text, string field = "f")
    {
        var tokens = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }
}
