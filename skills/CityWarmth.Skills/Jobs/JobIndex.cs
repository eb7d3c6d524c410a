using System.Text.Json;
using CityWarmth.Knowledge.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace CityWarmth.Skills.Jobs;

/// <summary>One page of search results.</summary>
/// <param name="Items">The postings on this page, best first.</param>
/// <param name="Total">All matching postings.</param>
/// <param name="HiddenOffenderPostings">Matching postings left out because their employer is on the offenders list.</param>
public sealed record JobSearchPage(IReadOnlyList<JobPosting> Items, int Total, int HiddenOffenderPostings, int Page, int PageSize)
{
    public bool HasMore => (Page + 1) * PageSize < Total;
}

/// <summary>
/// The Lucene index of active postings, in memory: small enough (thousands of postings) to rebuild whole whenever
/// postings change. One writer; searchers are shared through a SearcherManager and refreshed after each rebuild.
/// Text goes through the knowledge pipeline's normaliser, then SmartCn words plus CJK bigrams for recall.
/// </summary>
internal sealed class JobIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // A job request's own words are a few; a pasted page would exceed Lucene's clause limit.
    private const int MaxKeywordChars = 100;

    private readonly RAMDirectory _directory = new();
    private readonly Analyzer _analyzer;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly JobVocabulary _vocabulary;

    public JobIndex(JobVocabulary vocabulary)
    {
        _vocabulary = vocabulary;
        _analyzer = new PerFieldAnalyzerWrapper(new SmartChineseAnalyzer(Version), new Dictionary<string, Analyzer>
        {
            [Fields.Bigrams] = new CJKAnalyzer(Version),
        });
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Version, _analyzer) { OpenMode = OpenMode.CREATE });
        _writer.Commit();
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
    }

    /// <summary>Distinct districts of the indexed postings.</summary>
    public IReadOnlyList<string> Districts { get; private set; } = [];

    public void Rebuild(IReadOnlyList<JobPosting> postings, IReadOnlyList<WageOffender> offenders)
    {
        var offenderNames = offenders.Select(o => EmployerKey(o.EmployerName)).ToHashSet(StringComparer.Ordinal);
        var offenderCodes = offenders.Where(o => !string.IsNullOrWhiteSpace(o.CreditCode))
            .Select(o => o.CreditCode!.Trim().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);

        _writer.DeleteAll();
        foreach (var posting in postings)
        {
            var isOffender = offenderNames.Contains(EmployerKey(posting.Employer))
                || (posting.EmployerCreditCode is { } code && offenderCodes.Contains(code.Trim().ToUpperInvariant()));
            _writer.AddDocument(ToDocument(posting, isOffender));
        }
        _writer.Commit();
        _searchers.MaybeRefreshBlocking();
        Districts = [.. postings.Select(p => p.District).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    public JobSearchPage Search(JobQuery query, int page, int pageSize)
    {
        var filter = FilterQuery(query, offender: false);
        var ranking = RankingQuery(query);
        var sort = query.SortByPay
            ? new Sort(new SortField(Fields.MonthlyPay, SortFieldType.INT32, true), new SortField(Fields.Posted, SortFieldType.INT32, true))
            : new Sort(SortField.FIELD_SCORE, new SortField(Fields.Posted, SortFieldType.INT32, true));

        var searcher = _searchers.Acquire();
        try
        {
            var top = searcher.Search(ranking, new QueryWrapperFilter(filter), Math.Max(1, (page + 1) * pageSize), sort, doDocScores: true, doMaxScore: false);
            var items = top.ScoreDocs.Skip(page * pageSize).Take(pageSize).Select(sd => Posting(searcher.Doc(sd.Doc))).ToList();
            var hidden = searcher.Search(ranking, new QueryWrapperFilter(FilterQuery(query, offender: true)), 1).TotalHits;
            return new JobSearchPage(items, top.TotalHits, hidden, page, pageSize);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>An active posting by id, unless its employer is on the offenders list.</summary>
    public JobPosting? Find(string id)
    {
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(Fields.IdKey, id.Trim().ToLowerInvariant())), Occur.MUST },
            { new TermQuery(new Term(Fields.Offender, "0")), Occur.MUST },
        };
        var searcher = _searchers.Acquire();
        try
        {
            var top = searcher.Search(query, 1);
            return top.TotalHits == 0 ? null : Posting(searcher.Doc(top.ScoreDocs[0].Doc));
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    /// <summary>Employer names compared in matching form without spaces, so （） and () or stray spaces don't matter.</summary>
    internal static string EmployerKey(string name) => TextNormalizer.ForMatching(name).Replace(" ", "", StringComparison.Ordinal);

    private Document ToDocument(JobPosting posting, bool isOffender)
    {
        var title = TextNormalizer.ForMatching(posting.Title);
        var body = TextNormalizer.ForMatching(string.Join(' ', posting.Trade, posting.Description, posting.Employer, posting.Address));
        var monthly = JobPay.MonthlyUpTo(posting);
        var doc = new Document
        {
            new StringField(Fields.IdKey, posting.Id.ToLowerInvariant(), Field.Store.NO),
            new StoredField(Fields.Json, JsonSerializer.Serialize(posting, JobSampleData.Json)),
            new StringField(Fields.Trade, _vocabulary.CanonicalTrade(TextNormalizer.ForMatching(posting.Trade)), Field.Store.NO),
            new StringField(Fields.District, posting.District, Field.Store.NO),
            new TextField(Fields.Title, title, Field.Store.NO),
            new TextField(Fields.Body, body, Field.Store.NO),
            new TextField(Fields.Bigrams, title + " " + body, Field.Store.NO),
            new Int32Field(Fields.MonthlyPay, monthly is { } m ? (int)decimal.Min(m, int.MaxValue) : -1, Field.Store.NO),
            new Int32Field(Fields.AgeMin, posting.AgeMin ?? 0, Field.Store.NO),
            new Int32Field(Fields.AgeMax, posting.AgeMax ?? 999, Field.Store.NO),
            new Int32Field(Fields.Posted, posting.PostedOn.DayNumber, Field.Store.NO),
            Flag(Fields.Housing, posting.HousingProvided),
            Flag(Fields.Meals, posting.MealsProvided),
            Flag(Fields.PartTime, posting.PartTime),
            Flag(Fields.DailyPay, posting.PayUnit is PayUnit.Day or PayUnit.Hour),
            Flag(Fields.Offender, isOffender),
        };
        return doc;
    }

    private static StringField Flag(string name, bool value) => new(name, value ? "1" : "0", Field.Store.NO);

    private static JobPosting Posting(Document doc) => JsonSerializer.Deserialize<JobPosting>(doc.Get(Fields.Json), JobSampleData.Json)!;

    private static BooleanQuery FilterQuery(JobQuery query, bool offender)
    {
        var filter = new BooleanQuery { { new TermQuery(new Term(Fields.Offender, offender ? "1" : "0")), Occur.MUST } };
        if (query.Trades.Count > 0)
        {
            var trades = new BooleanQuery();
            foreach (var trade in query.Trades)
            {
                trades.Add(new TermQuery(new Term(Fields.Trade, trade)), Occur.SHOULD);
            }
            filter.Add(trades, Occur.MUST);
        }
        if (query.District is { } district)
        {
            filter.Add(new TermQuery(new Term(Fields.District, district)), Occur.MUST);
        }
        if (query.NeedsHousing)
        {
            filter.Add(new TermQuery(new Term(Fields.Housing, "1")), Occur.MUST);
        }
        if (query.NeedsMeals)
        {
            filter.Add(new TermQuery(new Term(Fields.Meals, "1")), Occur.MUST);
        }
        if (query.PartTime)
        {
            filter.Add(new TermQuery(new Term(Fields.PartTime, "1")), Occur.MUST);
        }
        if (query.DailyPay)
        {
            filter.Add(new TermQuery(new Term(Fields.DailyPay, "1")), Occur.MUST);
        }
        if (query.MinMonthlyPay is { } floor)
        {
            filter.Add(NumericRangeQuery.NewInt32Range(Fields.MonthlyPay, (int)decimal.Ceiling(floor), null, true, true), Occur.MUST);
        }
        if (query.Age is { } age)
        {
            filter.Add(NumericRangeQuery.NewInt32Range(Fields.AgeMin, null, age, true, true), Occur.MUST);
            filter.Add(NumericRangeQuery.NewInt32Range(Fields.AgeMax, age, null, true, true), Occur.MUST);
        }
        return filter;
    }

    /// <summary>
    /// What orders the matches: the worker's other words first, then the trade's words in the title. Without a
    /// known trade, most of the other words' character pairs must occur in the posting (single SmartCn characters
    /// such as 机 would match almost anything); with a trade they only lift postings that mention them.
    /// </summary>
    private Query RankingQuery(JobQuery query)
    {
        var builder = new QueryBuilder(_analyzer);
        var ranking = new BooleanQuery();
        // The best-matching trade word counts once, so a title naming the trade in several ways is not favoured.
        var tradeWords = new DisjunctionMaxQuery(0);
        foreach (var word in query.Trades.SelectMany(_vocabulary.WordsFor).Distinct(StringComparer.Ordinal))
        {
            if (builder.CreatePhraseQuery(Fields.Title, word) is { } phrase)
            {
                tradeWords.Add(phrase);
            }
        }
        if (tradeWords.Disjuncts.Count > 0)
        {
            tradeWords.Boost = 0.5f;
            ranking.Add(tradeWords, Occur.SHOULD);
        }

        if (query.Keywords is { } said)
        {
            var keywords = said.Length <= MaxKeywordChars ? said : said[..MaxKeywordChars];
            var words = new BooleanQuery();
            AddIfAny(words, builder.CreateBooleanQuery(Fields.Title, keywords), 3);
            AddIfAny(words, builder.CreateBooleanQuery(Fields.Body, keywords), 2);
            if (query.Trades.Count > 0)
            {
                AddIfAny(words, builder.CreateBooleanQuery(Fields.Bigrams, keywords), 1);
                if (words.Clauses.Count > 0)
                {
                    ranking.Add(words, Occur.SHOULD);
                }
            }
            else if (builder.CreateBooleanQuery(Fields.Bigrams, keywords) is { } pairs)
            {
                if (pairs is BooleanQuery many)
                {
                    many.MinimumNumberShouldMatch = (int)Math.Ceiling(many.Clauses.Count * 0.6);
                }
                ranking.Add(pairs, Occur.MUST);
                ranking.Add(words, Occur.SHOULD);
            }
        }

        return ranking.Clauses.Count == 0 ? new MatchAllDocsQuery() : ranking.Clauses.Any(c => c.Occur == Occur.MUST)
            ? ranking
            : new BooleanQuery { { new MatchAllDocsQuery(), Occur.MUST }, { ranking, Occur.SHOULD } };
    }

    private static void AddIfAny(BooleanQuery into, Query? query, float boost)
    {
        if (query is not null)
        {
            query.Boost = boost;
            into.Add(query, Occur.SHOULD);
        }
    }

    private static class Fields
    {
        public const string IdKey = "id";
        public const string Json = "json";
        public const string Trade = "trade";
        public const string District = "district";
        public const string Title = "title";
        public const string Body = "body";
        public const string Bigrams = "bigrams";
        public const string MonthlyPay = "paymonth";
        public const string AgeMin = "agemin";
        public const string AgeMax = "agemax";
        public const string Posted = "posted";
        public const string Housing = "housing";
        public const string Meals = "meals";
        public const string PartTime = "parttime";
        public const string DailyPay = "daily";
        public const string Offender = "offender";
    }
}
