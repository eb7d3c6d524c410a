using CityWarmth.Knowledge.Analysis;
using CityWarmth.Knowledge.Text;
using Lucene.Net.Analysis;

namespace CityWarmth.Knowledge.Search;

/// <summary>
/// A question prepared for matching: its normalised form, content words (question words removed),
/// bigrams, and synonym expansions. Each "concept" is a word or a synonym group, used for confidence.
/// </summary>
public sealed class QuestionAnalysis
{
    // Function words of spoken questions; they say how someone asks, not what about.
    private static readonly HashSet<string> QuestionWords =
    [
        "我", "我们", "你", "你们", "他", "她", "他们", "的", "了", "吗", "呢", "吧", "啊", "呀", "么", "嘛", "哦", "哈",
        "是", "不是", "有", "没有", "没", "能", "能不能", "可以", "可不可以", "会", "要", "想", "请问", "问", "问问",
        "一下", "怎么", "怎么办", "怎样", "如何", "什么", "啥", "哪", "哪里", "哪儿", "哪些", "谁", "多少", "几",
        "还", "也", "都", "就", "在", "和", "跟", "给", "对", "这", "那", "这个", "那个", "个", "些", "该", "应该",
        "政策", "国家", "规定", "现在", "有没有", "是不是", "办", "去", "到", "让", "被", "把", "说", "知道", "告诉",
    ];

    public QuestionAnalysis(string question, Analyzer words, Analyzer bigrams, SynonymTable synonyms)
    {
        Normalized = TextNormalizer.ForMatching(question);
        Words = ChineseAnalyzers.Tokens(words, Normalized).Where(t => !QuestionWords.Contains(t)).Distinct().ToList();
        Bigrams = ChineseAnalyzers.Tokens(bigrams, Normalized)
            .Where(t => t.Length > 1 && !(QuestionWords.Contains(t[..1]) && QuestionWords.Contains(t[1..])))
            .Distinct().ToList();
        Expansions = synonyms.Expand(Normalized);
        ExpansionWords = Expansions.SelectMany(e => e.Terms)
            .SelectMany(t => ChineseAnalyzers.Tokens(words, t))
            .Where(t => !QuestionWords.Contains(t)).Distinct().Except(Words).ToList();
        ExpansionBigrams = Expansions.SelectMany(e => e.Terms)
            .SelectMany(t => ChineseAnalyzers.Tokens(bigrams, t)).Distinct().Except(Bigrams).ToList();
    }

    public string Normalized { get; }

    public IReadOnlyList<string> Words { get; }

    public IReadOnlyList<string> Bigrams { get; }

    public IReadOnlyList<SynonymMatch> Expansions { get; }

    public IReadOnlyList<string> ExpansionWords { get; }

    public IReadOnlyList<string> ExpansionBigrams { get; }

    public bool IsEmpty => Words.Count == 0 && Bigrams.Count == 0 && Expansions.Count == 0;

    /// <summary>
    /// Share of the question's concepts found in <paramref name="normalizedText"/>: each content word not inside a
    /// synonym form, and each synonym group (found when any of its terms is).
    /// </summary>
    public double Coverage(string normalizedText)
    {
        var concepts = 0;
        var found = 0;
        foreach (var word in Words)
        {
            if (Expansions.Any(e => e.Form.Contains(word, StringComparison.Ordinal)))
            {
                continue;
            }

            concepts++;
            if (normalizedText.Contains(word, StringComparison.Ordinal))
            {
                found++;
            }
        }

        foreach (var expansion in Expansions)
        {
            concepts++;
            if (normalizedText.Contains(expansion.Form, StringComparison.Ordinal)
                || expansion.Terms.Any(t => normalizedText.Contains(t, StringComparison.Ordinal)))
            {
                found++;
            }
        }

        return concepts == 0 ? 0 : (double)found / concepts;
    }

    /// <summary>Terms that signal relevance inside a sentence, with a weight growing with their length.</summary>
    public IEnumerable<(string Term, double Weight)> SentenceTerms()
    {
        foreach (var w in Words.Where(w => w.Length > 1 || SourceCleaner.IsIdeograph(w[0])))
        {
            yield return (w, w.Length);
        }

        foreach (var t in Expansions.SelectMany(e => e.Terms).Distinct())
        {
            yield return (t, 0.8 * t.Length);
        }
    }
}
