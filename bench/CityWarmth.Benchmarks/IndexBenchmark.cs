using System.Diagnostics;
using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Indexing;
using CityWarmth.Knowledge.Search;

namespace CityWarmth.Benchmarks;

/// <summary>Builds the knowledge index over generated handbook pages with the project's code and times searches.</summary>
public static class IndexBenchmark
{
    public static int Run(int pages, int questions)
    {
        var root = Path.Combine(Path.GetTempPath(), $"citywarmth-index-bench-{Guid.NewGuid():N}");
        try
        {
            var generator = new HandbookGenerator();
            var folder = Path.Combine(root, "pages");
            generator.WriteFolder(folder, pages);

            var clock = Stopwatch.StartNew();
            var corpus = PolicyCorpus.LoadFolder(folder);
            var loaded = clock.Elapsed;
            using var index = PolicyIndex.OpenOrBuild(corpus, Path.Combine(root, "index"));
            var built = clock.Elapsed - loaded;
            var passages = corpus.Documents.Sum(d => d.Passages.Count);
            Console.WriteLine($"index: {pages} pages, {passages} passages; read+split {loaded.TotalMilliseconds:F0}ms, build {built.TotalMilliseconds:F0}ms");

            using var holder = new PolicyIndexHolder(() => index);
            using var search = new LucenePolicySearch(holder);
            var asked = generator.Questions(questions);
            search.Search("农民工怎么申请住房", 5);   // warm the analyzers and the JIT

            var cold = Time(search, asked);
            Console.WriteLine($"search, {asked.Count} distinct questions: {Percentiles.Summary(cold.Ms)}; {cold.Answered} with hits");
            var repeated = Time(search, asked);
            Console.WriteLine($"search, same questions again (result cache): {Percentiles.Summary(repeated.Ms)}");
            // What each passage needs for ranking and answering is worked out the first time it is a candidate; new
            // questions over passages already seen show the steady cost of a question.
            var fresh = Time(search, generator.Questions(questions));
            Console.WriteLine($"search, {questions} other distinct questions: {Percentiles.Summary(fresh.Ms)}; {fresh.Answered} with hits");
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static (List<double> Ms, int Answered) Time(LucenePolicySearch search, IReadOnlyList<string> questions)
    {
        var ms = new List<double>(questions.Count);
        var answered = 0;
        foreach (var q in questions)
        {
            var start = Stopwatch.GetTimestamp();
            var result = search.Search(q, 5);
            ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            answered += result.Hits.Count > 0 ? 1 : 0;
        }

        return (ms, answered);
    }
}
