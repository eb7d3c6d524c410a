using System.Globalization;
using CityWarmth.Knowledge;
using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Indexing;
using CityWarmth.Knowledge.Search;

namespace CityWarmth.Bot.KnowledgeBase;

/// <summary>
/// <c>eval-policy &lt;questions.jsonl&gt; [documents folder]</c>: scores retrieval on a question file
/// (<c>{"q": "...", "gold": ["二(四)"]}</c> per line) against the shipped knowledge base, without starting the web server.
/// Prints hit@1, hit@3 and MRR of the cited sections, and every miss.
/// </summary>
public static class EvaluatePolicyCommand
{
    public const string Verb = "eval-policy";


    public static int Run(string[] args, TextWriter output)
    {
        if (args.Length < 2 || !File.Exists(args[1]))
        {
            output.WriteLine($"usage: {Verb} <questions.jsonl> [documents folder]");
            return 2;
        }
        var folder = args.Length > 2
            ? args[2]
            : KnowledgeServiceCollectionExtensions.ResolveDocumentsPath(new KnowledgeOptions().DocumentsPath, Directory.GetCurrentDirectory());
        using var holder = new PolicyIndexHolder(() => PolicyIndex.BuildInMemory(PolicyCorpus.LoadFolder(folder)));
        using var search = new LucenePolicySearch(holder);
        var report = new PolicyEvaluation(search).RunFile(args[1]);

        foreach (var miss in report.Results.Where(r => r.Rank != 1))
        {
            output.WriteLine($"miss: {miss.Question} -> gold {string.Join('/', miss.Gold)} got [{string.Join(" | ", miss.Top3)}]");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"n={report.Count} hit@1={report.HitAt1:F3} hit@3={report.HitAt3:F3} mrr={report.Mrr:F3}"));
        return 0;
    }
}
