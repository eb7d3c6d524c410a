using CityWarmth.Knowledge.Analysis;
using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace CityWarmth.Knowledge.Indexing;

/// <summary>
/// An immutable index built from one <see cref="PolicyCorpus"/> in its own folder, searched through a
/// <see cref="SearcherManager"/>. Reference counted so a holder can swap it while searches are running:
/// it is disposed when it has been retired and the last lease is returned.
/// </summary>
public sealed class PolicyIndex : IDisposable
{
    private const string CompleteMarker = "complete.txt";

    private readonly LuceneDirectory _directory;
    private readonly SearcherManager _searchers;
    private int _leases = 1;   // the owner's reference
    private int _disposed;

    private PolicyIndex(PolicyCorpus corpus, LuceneDirectory directory, string? folder)
    {
        Corpus = corpus;
        Folder = folder;
        _directory = directory;
        _searchers = new SearcherManager(directory, new Bm25SearcherFactory());
    }

    public PolicyCorpus Corpus { get; }

    /// <summary>The index folder, or null for an in-memory index.</summary>
    public string? Folder { get; }

    /// <summary>
    /// Opens the index for <paramref name="corpus"/> under <paramref name="indexRoot"/>/&lt;content hash&gt;,
    /// building it first when that folder does not hold a complete index.
    /// </summary>
    public static PolicyIndex OpenOrBuild(PolicyCorpus corpus, string indexRoot)
    {
        var folder = Path.Combine(indexRoot, corpus.ContentHash[..16]);
        if (!File.Exists(Path.Combine(folder, CompleteMarker)))
        {
            var building = $"{folder}.building-{Guid.NewGuid():N}";
            System.IO.Directory.CreateDirectory(building);
            using (var dir = FSDirectory.Open(building))
            {
                Write(corpus, dir);
            }

            File.WriteAllText(Path.Combine(building, CompleteMarker), corpus.ContentHash);
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }

            System.IO.Directory.Move(building, folder);
        }

        return new PolicyIndex(corpus, FSDirectory.Open(folder), folder);
    }

    /// <summary>Builds an in-memory index (tests, previews).</summary>
    public static PolicyIndex BuildInMemory(PolicyCorpus corpus)
    {
        var dir = new RAMDirectory();
        Write(corpus, dir);
        return new PolicyIndex(corpus, dir, null);
    }

    /// <summary>Takes a lease; false when the index is already retired and released.</summary>
    public bool TryLease()
    {
        while (true)
        {
            var current = Volatile.Read(ref _leases);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _leases, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Returns a lease taken with <see cref="TryLease"/>.</summary>
    public void ReleaseLease()
    {
        if (Interlocked.Decrement(ref _leases) == 0)
        {
            Close();
        }
    }

    /// <summary>Runs <paramref name="search"/> with an acquired searcher, releasing it afterwards.</summary>
    public T WithSearcher<T>(Func<IndexSearcher, T> search)
    {
        var searcher = _searchers.Acquire();
        try
        {
            return search(searcher);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Retires the owner's reference; the index closes when no search holds a lease.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            ReleaseLease();
        }
    }

    private void Close()
    {
        _searchers.Dispose();
        _directory.Dispose();
    }

    internal static Analyzer CreateIndexAnalyzer() =>
        new PerFieldAnalyzerWrapper(ChineseAnalyzers.CreateWords(), new Dictionary<string, Analyzer>
        {
            [FieldNames.BodyBigrams] = ChineseAnalyzers.CreateBigrams(),
            [FieldNames.HeadingBigrams] = ChineseAnalyzers.CreateBigrams(),
            [FieldNames.AlternateBigrams] = ChineseAnalyzers.CreateBigrams(),
            [FieldNames.TitleBigrams] = ChineseAnalyzers.CreateBigrams(),
        });

    private static void Write(PolicyCorpus corpus, LuceneDirectory directory)
    {
        using var analyzer = CreateIndexAnalyzer();
        var config = new IndexWriterConfig(ChineseAnalyzers.Version, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
        };
        using var writer = new IndexWriter(directory, config);
        using var titleWords = ChineseAnalyzers.CreateWords();
        var topics = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var passage in corpus.Documents.SelectMany(d => d.Passages))
        {
            if (passage.Part == PassagePart.Signature)
            {
                continue;
            }

            // The words of a document's title are what every one of its sections is about: they are matched once for
            // the whole document (the title field), so that its sections are told apart by what else they say.
            var title = TextNormalizer.ForMatching(passage.Title);
            if (!topics.TryGetValue(title, out var topicWords))
            {
                topicWords = [.. ChineseAnalyzers.Tokens(titleWords, title).Where(w => w.Length >= 2 && w.All(char.IsLetter)).Distinct()];
                topics[title] = topicWords;
            }

            var body = topicWords.Aggregate(TextNormalizer.ForMatching(passage.Text), (text, word) => text.Replace(word, " ", StringComparison.Ordinal));
            // Section numbers ("一、", "(四)") say where a section is, not what it is about: a question's "一年" must
            // not match the heading of section 一.
            var heading = TextNormalizer.ForMatching(string.Join(' ', passage.SectionPath.Append(passage.Heading).Distinct().Select(WithoutNumber)));
            var document = new Document
            {
                new StringField(FieldNames.PassageId, passage.Id, Field.Store.YES),
                new TextField(FieldNames.Body, body, Field.Store.NO),
                new TextField(FieldNames.BodyBigrams, body, Field.Store.NO),
                new TextField(FieldNames.Heading, heading, Field.Store.NO),
                new TextField(FieldNames.HeadingBigrams, heading, Field.Store.NO),
                new TextField(FieldNames.Title, title, Field.Store.NO),
                new TextField(FieldNames.TitleBigrams, title, Field.Store.NO),
            };
            foreach (var question in corpus.AlternateQuestionsFor(passage.Id))
            {
                var normalized = TextNormalizer.ForMatching(question);
                document.Add(new TextField(FieldNames.Alternate, normalized, Field.Store.NO));
                document.Add(new TextField(FieldNames.AlternateBigrams, normalized, Field.Store.NO));
            }

            writer.AddDocument(document);
        }

        writer.Commit();
    }

    private static string WithoutNumber(string heading) =>
        PassageSplitter.TryParseNumbering(heading, out _, out _, out var length) ? heading[length..] : heading;

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) =>
            new(reader) { Similarity = new BM25Similarity() };
    }
}
