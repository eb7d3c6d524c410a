using CityWarmth.Knowledge.Analysis;
using CityWarmth.Knowledge.Text;
using Lucene.Net.Analysis;

namespace CityWarmth.Knowledge.Search;

/// <summary>
/// A question prepared for matching: its normalised form, content words (question words removed),
/// bigrams, and synonym expansions. Each "concept" is a word or a synonym group, used for confidence.
/// </summary>
public sealed partial class QuestionAnalysis
{
    // Function words of spoken questions; they say how someone asks, not what about.
    private static readonly HashSet<string> QuestionWords =
    [
        "我", "我们", "你", "你们", "他", "她", "他们", "的", "了", "吗", "呢", "吧", "啊", "呀", "么", "嘛", "哦", "哈",
        "是", "不是", "有", "没有", "没", "能", "能不能", "可以", "可不可以", "会", "要", "想", "请问", "问", "问问",
        "一下", "怎么", "怎么办", "怎样", "如何", "什么", "啥", "哪", "哪里", "哪儿", "哪些", "谁", "多少", "几",
        "还", "也", "都", "就", "在", "和", "跟", "给", "对", "这", "那", "这个", "那个", "个", "些", "该", "应该",
        "政策", "国家", "规定", "现在", "有没有", "是不是", "办", "去", "到", "让", "被", "把", "说", "知道", "告诉",
        "哪个", "哪家", "时候", "多久", "多长", "多", "长", "几点", "东西", "多重", "多大", "多高", "多远", "多宽",
    ];

    // Particles that end a spoken question: a bigram ending in one ("费吗") says how someone asks, and would match
    // a heading asked the same way about something else ("交会费吗？" for "交学费吗").
    private static readonly HashSet<char> EndParticles = ['吗', '呢', '吧', '啊', '呀', '嘛', '哦', '啦'];

    private readonly (string Text, IReadOnlyList<string> Alternatives, double Weight)[] _concepts;

    public QuestionAnalysis(string question, Analyzer words, Analyzer bigrams, SynonymTable synonyms, WordWeights? weights = null)
    {
        Normalized = AnswerKinds.WithMandarinQuestionWords(TextNormalizer.ForMatching(question));
        Kinds = AnswerKinds.Of(Normalized);
        // A word naming the kind of thing asked for ("电话" in "打哪个电话") says what kind of answer is wanted, not
        // what it is about: it is matched as a kind (KindCues, KindWeight), not as a topic word.
        var kindWords = AnswerKinds.Cues(Kinds).ToHashSet();
        Words = ChineseAnalyzers.Tokens(words, Normalized).Where(t => !QuestionWords.Contains(t) && !kindWords.Contains(t)).Distinct().ToList();
        Bigrams = ChineseAnalyzers.Tokens(bigrams, Normalized)
            .Where(t => t.Length > 1 && !(QuestionWords.Contains(t[..1]) && QuestionWords.Contains(t[1..])) && !EndParticles.Contains(t[1]))
            .Distinct().ToList();
        // The policy synonyms and, at its lower share, the everyday lexicon, read apart: a word both know ("户口" as
        // "城镇落户" and as "户籍") is searched as both, and counts once as a concept (Concepts).
        Expansions = [.. synonyms.Expand(Normalized), .. SynonymTable.Colloquial.Expand(Normalized)];
        // An expansion is a policy phrase: "就业服务驿站" must match as a whole, or its everyday words ("就业",
        // "服务") would pull in every passage about jobs. Phrases are matched as runs of bigrams, which do not depend
        // on how the segmenter splits the phrase out of context; one-word terms also match as words.
        var terms = Expansions.SelectMany(e => e.Terms.Select(t => (Term: t, e.Share)))
            .GroupBy(t => t.Term, StringComparer.Ordinal)
            .Select(g => (Term: g.Key, Share: g.Max(t => t.Share)))
            .ToList();
        ExpansionWords = terms
            .Where(t => ChineseAnalyzers.Tokens(words, t.Term) is [var only] && only == t.Term && !QuestionWords.Contains(t.Term) && !Words.Contains(t.Term))
            .ToList();
        // Workers say "不备案", "没交"; documents write "未备案", "未交": the written form is searched too.
        Negations = [.. NegatedVerb().Matches(Normalized).Select(m => "未" + m.Groups["verb"].Value).Distinct()];
        ExpansionPhrases = terms
            .Concat(Negations.Select(n => (Term: n, Share: 1.0)))
            .Select(t => (Grams: ChineseAnalyzers.Tokens(bigrams, t.Term), t.Share))
            .Where(g => g.Grams.Count > 0)
            .Select(g => ((IReadOnlyList<string>)g.Grams, g.Share))
            .ToList();
        _expansionShares = terms.ToDictionary(t => t.Term, t => t.Share, StringComparer.Ordinal);
        _concepts = Concepts(weights ?? WordWeights.Default, words);
        // Asking "什么时候" or "打哪个电话" is asking for a value of that kind: a concept as weighty as the question's
        // weightiest word, found in a text that holds such a value.
        KindWeight = (Kinds & ~AnswerKind.YesNo) == 0 || _concepts.Length == 0 ? 0 : _concepts.Max(c => c.Weight);
        KindCues = [.. kindWords];
        AskingWords = AnswerKinds.AskingWords(Normalized, Kinds);
        Known = [.. KnownAlready().Matches(Normalized).Select(m => m.Groups["known"].Value)];
    }

    /// <summary>The words that ask for the kinds wanted ("关门" in "几点关门"), see <see cref="AnswerKinds.AskingWords"/>.</summary>
    public IReadOnlyList<string> AskingWords { get; }

    /// <summary>What the worker says they know or have already ("除了身份证" asks for the other materials).</summary>
    public IReadOnlyList<string> Known { get; }

    /// <summary>True when <paramref name="term"/> only says how the question asks, or what the worker has already,
    /// and so should not choose the sentence that answers.</summary>
    public bool IsAskingOrKnown(string term) =>
        AskingWords.Any(a => a.Contains(term, StringComparison.Ordinal)) || Known.Any(k => k.Contains(term, StringComparison.Ordinal));

    /// <summary>The weight of the kind of value asked for among the question's concepts (0 when none is asked for).</summary>
    public double KindWeight { get; }

    /// <summary>Words a heading over the answer tends to use, for the kinds asked for ("时限" for "多少天").</summary>
    public IReadOnlyList<string> KindCues { get; }

    /// <summary>What the question asks for: a phone number, an address, a time limit... (<see cref="AnswerKinds"/>).</summary>
    public AnswerKind Kinds { get; }

    public string Normalized { get; }

    /// <summary>True for the words that say how someone asks rather than what about ("怎么", "可以", "政策").</summary>
    public static bool IsFunctionWord(string word) => QuestionWords.Contains(word);

    public IReadOnlyList<string> Words { get; }

    public IReadOnlyList<string> Bigrams { get; }

    public IReadOnlyList<SynonymMatch> Expansions { get; }

    /// <summary>One-word expansion terms, with what each weighs relative to a policy synonym.</summary>
    public IReadOnlyList<(string Term, double Share)> ExpansionWords { get; }

    private readonly Dictionary<string, double> _expansionShares;

    /// <summary>What an expansion term weighs relative to a policy synonym's (1; the worker's own words and unknown
    /// terms count 1 too).</summary>
    public double ShareOf(string term) => _expansionShares.GetValueOrDefault(term, 1);

    /// <summary>The written forms of the question's spoken negations ("不备案" as "未备案").</summary>
    public IReadOnlyList<string> Negations { get; }

    /// <summary>Each expansion term (and written negation) as its run of bigrams, to be matched as a phrase, with
    /// what it weighs relative to a policy synonym.</summary>
    public IReadOnlyList<(IReadOnlyList<string> Grams, double Share)> ExpansionPhrases { get; }

    public bool IsEmpty => Words.Count == 0 && Bigrams.Count == 0 && Expansions.Count == 0;

    /// <summary>
    /// Share of the question's concepts found in <paramref name="normalizedText"/>: each content word not inside a
    /// synonym form, and each synonym group (found when any of its terms is), weighted by how much each word says
    /// (<see cref="WordWeights"/>), so rare topic words count more than everyday ones.
    /// </summary>
    /// <param name="held">The kinds of value the text holds: when the question asks for one, holding it is part of
    /// answering it (<see cref="KindWeight"/>).</param>
    /// <param name="counted">The kinds asked for that count: those some passage found for the question holds. A kind
    /// no passage holds says nothing about which passage answers.</param>
    public double Coverage(string normalizedText, AnswerKind held = AnswerKind.None, AnswerKind counted = AnswerKind.None)
    {
        var (found, total) = Covered(normalizedText, held, counted);
        return total == 0 ? 0 : found / total;
    }

    /// <summary>The weight of the question's concepts found in <paramref name="normalizedText"/>, and of all of them.</summary>
    public (double Found, double Total) Covered(string normalizedText, AnswerKind held = AnswerKind.None, AnswerKind counted = AnswerKind.None)
    {
        counted &= Kinds & ~AnswerKind.YesNo;
        double total = counted != 0 ? KindWeight : 0, found = (held & counted) != 0 ? KindWeight : 0;
        foreach (var (text, alternatives, weight) in _concepts)
        {
            total += weight;
            if (normalizedText.Contains(text, StringComparison.Ordinal)
                || alternatives.Any(t => normalizedText.Contains(t, StringComparison.Ordinal)))
            {
                found += weight;
            }
        }

        return (found, total);
    }

    private (string, IReadOnlyList<string>, double)[] Concepts(WordWeights weights, Analyzer words)
    {
        var concepts = new List<(string, IReadOnlyList<string>, double)>();
        foreach (var word in Words)
        {
            if (!Expansions.Any(e => e.Form.Contains(word, StringComparison.Ordinal)))
            {
                concepts.Add((word, [], weights.Of(word)));
            }
        }

        var policyForms = Expansions.Where(e => e.Share >= 1).Select(e => e.Form).ToList();
        foreach (var expansion in Expansions)
        {
            // An everyday reading of words a policy synonym has read already adds ways to find that concept.
            var overlapped = expansion.Share < 1 ? concepts.FindIndex(c => policyForms.Contains(c.Item1)
                && (c.Item1.Contains(expansion.Form, StringComparison.Ordinal) || expansion.Form.Contains(c.Item1, StringComparison.Ordinal))) : -1;
            if (overlapped >= 0)
            {
                var (form, alternatives, conceptWeight) = concepts[overlapped];
                concepts[overlapped] = (form, [.. alternatives.Union(expansion.Terms)], conceptWeight);
                continue;
            }

            // A colloquial phrase says as much as its most telling word ("外地来" as "外地"), or as what it means
            // ("住的地方" as "住房"), whichever says more.
            var telling = ChineseAnalyzers.Tokens(words, expansion.Form).Select(weights.Of)
                .Concat(expansion.Terms.Select(t => weights.TryGet(t, out var w) ? w : 0))
                .DefaultIfEmpty(weights.Of(expansion.Form));
            var weight = telling.Max();
            concepts.Add((expansion.Form, expansion.Terms, weight));
        }

        return [.. concepts];
    }

    /// <summary>Terms that signal relevance inside a sentence, with a weight growing with their length.</summary>
    public IEnumerable<(string Term, double Weight)> SentenceTerms()
    {
        foreach (var w in Words.Where(w => w.Length > 1 || SourceCleaner.IsIdeograph(w[0])))
        {
            yield return (w, w.Length);
        }

        foreach (var t in Expansions.SelectMany(e => e.Terms).Concat(Negations).Distinct())
        {
            yield return (t, 0.8 * t.Length * ShareOf(t));
        }
    }

    // "除了身份证还要…", "身份证以外还要…": what comes before the rest asked for.
    [System.Text.RegularExpressions.GeneratedRegex(@"除了(?<known>\p{IsCJKUnifiedIdeographs}{2,10}?)(以外|之外|外|还|也|,| )|(?<known>\p{IsCJKUnifiedIdeographs}{2,8}?)(以外|之外)还")]
    private static partial System.Text.RegularExpressions.Regex KnownAlready();

    // "不" or "没(有)" before a two-character verb, not in fixed phrases of asking ("不是", "没有").
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![是还])(?:没有|没|不)(?<verb>(?!是|能|会|要|用|行|到|了|过|给|肯)\p{IsCJKUnifiedIdeographs}{2})")]
    private static partial System.Text.RegularExpressions.Regex NegatedVerb();
}
