using CityWarmth.Knowledge.Analysis;
using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Indexing;
using CityWarmth.Knowledge.Text;
using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace CityWarmth.Knowledge.Search;

/// <summary>
/// Policy search over the published <see cref="PolicyIndex"/>: words and bigrams of the normalised question,
/// synonym expansions, heading boosts, then part and sample weights, a confidence and extractive answers.
/// </summary>
public sealed class LucenePolicySearch : IPolicySearch, IDisposable
{
    private const int Candidates = 30;
    private const float HeadingBoost = 2.5f;
    private const float BigramWeight = 0.5f;
    private const float ExpansionWeight = 0.7f;
    private const float KindCueWeight = 0.4f;
    private const float TitleWeight = 1.5f;
    // Sections of other documents than the one a question names by topic: still found, rarely first.
    private const float OffTopicWeight = 0.3f;
    private const double SingleCharacterWeight = 0.5;
    private const float MissingKindWeight = 0.4f;
    private const double SynonymTermShare = 0.6;


    private const int MaxCachedResults = 4096;

    // When the best passage's heading says most of what the question is about, the answer is given with at least
    // this confidence (the policy skill answers directly from 0.45).
    private const double HeadingAgreementNeeded = 0.6;
    private const double HeadingAgreementConfidence = 0.5;

    // Matched words worth about one telling word or two everyday ones, in WordWeights units (general-language idf:
    // "住房" 6.6, "问题" 4.0, "职业病" 9.3).
    private const double EnoughEvidence = 10;

    private readonly PolicyIndexHolder _holder;
    private readonly SynonymTable _synonyms;
    private int _disposed;
    private IndexCache? _cache;
    private readonly ThreadLocal<(Analyzer Words, Analyzer Bigrams)> _analyzers =
        new(() => (ChineseAnalyzers.CreateWords(), ChineseAnalyzers.CreateBigrams()), trackAllValues: true);

    public LucenePolicySearch(PolicyIndexHolder holder, SynonymTable? synonyms = null)
    {
        _holder = holder;
        _synonyms = synonyms ?? SynonymTable.Default;
    }

    public PolicySearchResult Search(string question, int maxHits)
    {
        if (string.IsNullOrWhiteSpace(question) || maxHits <= 0)
        {
            return PolicySearchResult.Empty(question ?? string.Empty);
        }

        return _holder.Use(index =>
        {
            // Workers ask the same questions over and over: a result is reused until the index is swapped.
            var cache = CacheFor(index);
            var key = (question, maxHits);
            if (cache.Results.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var result = SearchIndex(index, cache, question, maxHits);
            if (cache.Results.Count >= MaxCachedResults)
            {
                cache.Results.Clear();
            }

            cache.Results.TryAdd(key, result);
            return result;
        });
    }

    private IndexCache CacheFor(PolicyIndex index)
    {
        var cache = Volatile.Read(ref _cache);
        if (cache is not null && ReferenceEquals(cache.Index, index))
        {
            return cache;
        }

        var fresh = new IndexCache(index);
        Interlocked.Exchange(ref _cache, fresh);
        return fresh;
    }

    private PolicySearchResult SearchIndex(PolicyIndex index, IndexCache cache, string question, int maxHits)
    {
        // Synonyms belong to the knowledge version being searched.
        var (words, bigrams) = _analyzers.Value;
        var analysis = new QuestionAnalysis(question, words, bigrams, index.Corpus.Synonyms ?? _synonyms);
        if (analysis.IsEmpty)
        {
            return PolicySearchResult.Empty(question);
        }

        List<(string Term, double Weight)> terms = [];
        var candidates = index.WithSearcher(searcher =>
        {
            terms = WeightedTerms(analysis, searcher.IndexReader, bigrams);
            var top = searcher.Search(BuildQuery(analysis, searcher.IndexReader), Candidates);
            return top.ScoreDocs
                .Select(sd => (Passage: index.Corpus.FindPassage(searcher.Doc(sd.Doc).Get(FieldNames.PassageId)), sd.Score))
                .Where(x => x.Passage is not null)
                .Select(x => (Passage: x.Passage!, x.Score))
                .ToList();
        });

        // The kinds asked for that some candidate holds: only those tell the candidates apart.
        var answerable = analysis.Kinds == AnswerKind.None
            ? AnswerKind.None
            : candidates.Aggregate(AnswerKind.None, (k, x) => k | cache.Normalized(x.Passage).Units.Held) & analysis.Kinds;
        // A question that names a document's topic is answered from that document first.
        var named = cache.Topics.NamedBy(analysis);
        var scored = candidates
            .Select(x => (x.Passage, Score: x.Score * Weight(x.Passage, index.Corpus)
                * (named is null || named.Contains(x.Passage.DocumentId) ? 1f : OffTopicWeight)
                * CoverageFactor(x.Passage, index.Corpus, analysis, cache, answerable)
                * AnswerFitFactor(x.Passage, analysis, terms, cache, words, answerable)))
            .OrderByDescending(x => x.Score)
            .ToList();

        if (scored.Count == 0)
        {
            return PolicySearchResult.Empty(question);
        }

        var hits = scored.Take(maxHits).Select(x => ToHit(x.Passage, x.Score, index.Corpus, analysis, cache.Normalized(x.Passage).Units, terms)).ToList();
        var confidence = Confidence(scored, index.Corpus, analysis, cache, answerable);
        // A heading that plainly says what the question is about ("产假" for a question about maternity leave) is
        // an answer, even in words the question does not use.
        if (confidence < HeadingAgreementConfidence
            && AnswerFit.HeadingAgreement(cache.Normalized(scored[0].Passage).HeadingWords(words), analysis) >= HeadingAgreementNeeded)
        {
            confidence = HeadingAgreementConfidence;
        }

        return new PolicySearchResult(question, hits, confidence);
    }

    public PolicyPassage? FindPassage(string passageId) => _holder.Use(i => i.Corpus.FindPassage(passageId));

    public PolicyDocument? FindDocument(string documentId) => _holder.Use(i => i.Corpus.FindDocument(documentId));

    public void Dispose()
    {
        // The container may dispose it twice (registered as itself and as IPolicySearch).
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var (w, b) in _analyzers.Values)
        {
            w.Dispose();
            b.Dispose();
        }

        _analyzers.Dispose();
    }

    internal static Query BuildQuery(QuestionAnalysis q, IndexReader reader)
    {
        var clauses = new List<Query>();
        void Add(string field, string term, float boost)
        {
            // A term the field never holds matches nothing, and coord is off, so leaving it out changes no score. It
            // also keeps a long message (up to Bot:MaxMessageChars) from growing the query past Lucene's clause limit.
            if (reader.DocFreq(new Term(field, term)) > 0)
            {
                clauses.Add(new TermQuery(new Term(field, term)) { Boost = boost * SharedIdfScale(reader, field, term) });
            }
        }

        foreach (var w in q.Words)
        {
            Add(FieldNames.Body, w, 1f);
            Add(FieldNames.Heading, w, HeadingBoost);
        }

        foreach (var b in q.Bigrams)
        {
            Add(FieldNames.BodyBigrams, b, BigramWeight);
            Add(FieldNames.HeadingBigrams, b, BigramWeight * HeadingBoost);
        }

        // The title says what every section of a document is about ("申请材料" of a rent subsidy guide). Its words
        // are matched here, once for the whole document (they are left out of the bodies), so that the document is
        // found by its topic and its sections are told apart by what else they say.
        foreach (var w in q.Words)
        {
            Add(FieldNames.Title, w, TitleWeight);
        }

        foreach (var b in q.Bigrams)
        {
            Add(FieldNames.TitleBigrams, b, TitleWeight * BigramWeight);
        }

        // Alternate questions admins attached to a passage count like its heading.
        foreach (var w in q.Words)
        {
            Add(FieldNames.Alternate, w, HeadingBoost);
        }

        foreach (var b in q.Bigrams)
        {
            Add(FieldNames.AlternateBigrams, b, BigramWeight * HeadingBoost);
        }

        foreach (var (w, share) in q.ExpansionWords)
        {
            Add(FieldNames.Body, w, ExpansionWeight * (float)share);
            Add(FieldNames.Heading, w, ExpansionWeight * (float)share * HeadingBoost);
        }

        // A heading that names what the question asks for ("申请材料" for "带什么") is a little more likely to hold it.
        foreach (var cue in q.KindCues)
        {
            Add(FieldNames.Heading, cue, KindCueWeight * HeadingBoost);
            Add(FieldNames.HeadingBigrams, cue, KindCueWeight * BigramWeight * HeadingBoost);
        }

        foreach (var (grams, share) in q.ExpansionPhrases)
        {
            AddPhrase(FieldNames.BodyBigrams, grams, ExpansionWeight * (float)share);
            AddPhrase(FieldNames.HeadingBigrams, grams, ExpansionWeight * (float)share * HeadingBoost);
        }

        void AddPhrase(string field, IReadOnlyList<string> grams, float boost)
        {
            if (grams.Count == 1)
            {
                Add(field, grams[0], boost);
                return;
            }
            if (grams.Any(g => reader.DocFreq(new Term(field, g)) == 0))
            {
                return;
            }

            // Lucene sums the weights of a phrase's grams: a longer phrase is more specific, but not in proportion.
            var phrase = new PhraseQuery { Boost = boost * grams.Average(g => SharedIdfScale(reader, field, g)) / MathF.Sqrt(grams.Count) };
            for (var i = 0; i < grams.Count; i++)
            {
                phrase.Add(new Term(field, grams[i]), i);
            }

            clauses.Add(phrase);
        }

        // A very long message can still hold more known terms than Lucene allows in one query: keep the weightiest.
        var query = new BooleanQuery(disableCoord: true);
        var kept = clauses.Count <= BooleanQuery.MaxClauseCount ? clauses : clauses.OrderByDescending(c => c.Boost).Take(BooleanQuery.MaxClauseCount);
        foreach (var clause in kept)
        {
            query.Add(clause, Occur.SHOULD);
        }
        return query;
    }

    // BM25 weighs a term by how rare it is in the field searched. Headings are short and few, so an everyday word
    // of this corpus ("服务") is rare among headings and would make any heading holding it win. Like BM25F, judge
    // rarity once for the passage as a whole: scale each field's weight to the rarity across body and heading.
    private static float SharedIdfScale(IndexReader reader, string field, string term)
    {
        var (body, heading, title) = FieldNames.IsBigramField(field)
            ? (FieldNames.BodyBigrams, FieldNames.HeadingBigrams, FieldNames.TitleBigrams)
            : (FieldNames.Body, FieldNames.Heading, FieldNames.Title);
        var fieldIdf = Idf(reader.DocFreq(new Term(field, term)), reader.GetDocCount(field));
        // A document's title words are left out of its passages' bodies (they are matched through the title), yet
        // they are as everyday in that document as if every passage said them.
        var sharedDf = Math.Max(Math.Max(reader.DocFreq(new Term(body, term)), reader.DocFreq(new Term(heading, term))), reader.DocFreq(new Term(title, term)));
        var sharedIdf = Idf(sharedDf, reader.NumDocs);
        return fieldIdf <= 0 ? 1f : (float)(sharedIdf / fieldIdf);
    }

    // Lucene's BM25 idf.
    private static double Idf(long docFreq, long docCount) => Math.Log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));

    // Passages that cover more of the question's concepts (words or synonym groups) win over ones that repeat one.
    private static float CoverageFactor(PolicyPassage passage, PolicyCorpus corpus, QuestionAnalysis analysis, IndexCache cache, AnswerKind answerable) =>
        (float)(0.5 + Math.Max(
            analysis.Coverage(cache.Normalized(passage).WithPath, cache.Normalized(passage).HeldFor(answerable), answerable),
            AlternateCoverage(passage, corpus, analysis, cache, answerable)));

    // A question asked the way an admin wrote an alternate question is covered by that passage.
    private static double AlternateCoverage(PolicyPassage passage, PolicyCorpus corpus, QuestionAnalysis analysis, IndexCache cache, AnswerKind answerable) =>
        cache.Normalized(passage).Alternates.Select(a => analysis.Coverage(a, cache.Normalized(passage).HeldFor(answerable), answerable)).DefaultIfEmpty(0).Max();

    // The document's own text outranks summaries printed with it; sample content ranks below real documents.
    private static float Weight(PolicyPassage passage, PolicyCorpus corpus)
    {
        var weight = passage.Part == PassagePart.Summary ? 0.5f : 1f;
        if (corpus.FindDocument(passage.DocumentId)?.IsSample == true)
        {
            weight *= 0.25f;
        }

        return weight;
    }

    // Mostly how much of the question the best passage covers, tempered by how clearly it beats the runner-up.
    private static double Confidence(List<(PolicyPassage Passage, float Score)> scored, PolicyCorpus corpus, QuestionAnalysis analysis, IndexCache cache, AnswerKind answerable)
    {
        var best = scored[0];
        var normalized = cache.Normalized(best.Passage);
        var held = normalized.HeldFor(answerable);
        var found = normalized.Alternates.Select(a => analysis.Covered(a, held, answerable).Found).Append(analysis.Covered(normalized.Text, held, answerable).Found).Max();
        var coverage = Math.Max(analysis.Coverage(normalized.Text, held, answerable), AlternateCoverage(best.Passage, corpus, analysis, cache, answerable));
        // All of "问题" is found somewhere, yet one everyday word is too little to answer on: a confident answer
        // needs enough matched evidence.
        coverage *= Math.Min(1, found / EnoughEvidence);
        var runnerUp = scored.Skip(1).FirstOrDefault(x => x.Passage.SectionKey != best.Passage.SectionKey).Score;
        var margin = best.Score <= 0 ? 0 : Math.Clamp((best.Score - runnerUp) / best.Score, 0, 1);
        return Math.Round(Math.Clamp(coverage * (0.75 + 0.25 * Math.Min(1, margin * 2)), 0, 1), 3);
    }

    private static PolicySearchHit ToHit(PolicyPassage p, float score, PolicyCorpus corpus, QuestionAnalysis analysis, PassageUnits units,
        List<(string Term, double Weight)> terms)
    {
        var document = corpus.FindDocument(p.DocumentId);
        return new PolicySearchHit(p.Id, p.DocumentId, document?.Title ?? p.Title, p.Issuer, p.Date, p.Part,
            p.SectionKey, p.Heading, p.SectionPath, p.Text, score, AnswerExtractor.Extract(units, analysis, terms));
    }

    private static float AnswerFitFactor(PolicyPassage passage, QuestionAnalysis analysis, List<(string Term, double Weight)> terms,
        IndexCache cache, Analyzer words, AnswerKind answerable)
    {
        if ((analysis.Kinds & ~AnswerKind.YesNo) == AnswerKind.None)
        {
            return 1;
        }

        var normalized = cache.Normalized(passage);
        // When some section found holds a value of the kind asked for, one that holds none ("怎么申请"
        // for "申请要带啥") is less likely the answer, however well its heading shares the topic word.
        var wanted = answerable & ~AnswerKind.YesNo;
        if (wanted != AnswerKind.None && (normalized.Units.Held & wanted) == 0)
        {
            return MissingKindWeight;
        }

        return (float)AnswerFit.RankFactor(normalized.Units, normalized.HeadingWords(words), analysis, terms);
    }

    // The question's terms for picking units of passages, weighed by how rare they are in this knowledge base: a
    // place name found in one row says more than a word every passage has. A term no passage holds is left out;
    // a synonym's term counts less than the worker's own word.
    internal static List<(string Term, double Weight)> WeightedTerms(QuestionAnalysis analysis, IndexReader reader, Analyzer bigrams)
    {
        var weighted = new List<(string Term, double Weight)>();
        foreach (var (term, lengthWeight) in AnswerExtractor.Terms(analysis))
        {
            if (term.Length == 1)
            {
                weighted.Add((term, SingleCharacterWeight));
                continue;
            }

            var grams = ChineseAnalyzers.Tokens(bigrams, term);
            var df = grams.Count == 0 ? 0 : grams.Min(g => reader.DocFreq(new Term(FieldNames.BodyBigrams, g)));
            if (df == 0)
            {
                continue;
            }

            var own = analysis.Words.Contains(term);
            weighted.Add((term, Idf(df, reader.NumDocs) * (own ? 1 : SynonymTermShare * analysis.ShareOf(term))));
        }

        return weighted;
    }

    /// <summary>What one published index lets us reuse: answers to repeated questions and passages' matching forms.</summary>
    private sealed class IndexCache(PolicyIndex index)
    {
        private readonly ConcurrentDictionary<string, NormalizedPassage> _passages = new(StringComparer.Ordinal);

        private DocumentTopics? _topics;

        public PolicyIndex Index { get; } = index;

        public DocumentTopics Topics => _topics ??= DocumentTopics.Of(Index.Corpus);

        public ConcurrentDictionary<(string Question, int MaxHits), PolicySearchResult> Results { get; } = new();

        public NormalizedPassage Normalized(PolicyPassage passage) =>
            _passages.GetOrAdd(passage.Id, static (_, arg) => new NormalizedPassage(
                TextNormalizer.ForMatching(string.Join(' ', arg.Passage.SectionPath.Prepend(arg.Passage.Title).Append(arg.Passage.Text))),
                TextNormalizer.ForMatching(arg.Passage.Text),
                [.. arg.Corpus.AlternateQuestionsFor(arg.Passage.Id).Select(TextNormalizer.ForMatching)],
                arg.Passage),
                (Passage: passage, Index.Corpus));
    }

    /// <summary>
    /// What matching, ranking and answering need of a passage, worked out once per published index: its matching
    /// forms at once; its answer units and heading words when a question first needs them.
    /// </summary>
    private sealed record NormalizedPassage(string WithPath, string Text, IReadOnlyList<string> Alternates, PolicyPassage Passage)
    {
        private PassageUnits? _units;
        private IReadOnlyList<(string Word, double Weight)>? _headingWords;

        // Two threads working either out at once get equal results; one is kept.
        public PassageUnits Units => _units ??= PassageUnits.Of(Passage);

        /// <summary>The kinds of value the passage holds, among <paramref name="asked"/> (none asked, no units needed).</summary>
        public AnswerKind HeldFor(AnswerKind asked) => asked == AnswerKind.None ? AnswerKind.None : Units.Held & asked;

        // Segmenting needs the calling thread's analyzer.
        public IReadOnlyList<(string Word, double Weight)> HeadingWords(Analyzer words) =>
            _headingWords ??= AnswerFit.HeadingWords(Passage, words);
    }
}
