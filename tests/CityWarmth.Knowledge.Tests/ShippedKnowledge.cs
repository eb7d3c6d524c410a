using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Indexing;
using CityWarmth.Knowledge.Search;

namespace CityWarmth.Knowledge.Tests;

/// <summary>The shipped policy folder (copied next to the tests) indexed once in memory per test class.</summary>
public sealed class ShippedKnowledge : IDisposable
{
    public static string PoliciesFolder => Path.Combine(AppContext.BaseDirectory, "knowledge", "policies");

    public ShippedKnowledge()
    {
        Corpus = PolicyCorpus.LoadFolder(PoliciesFolder);
        Holder = new PolicyIndexHolder(() => PolicyIndex.BuildInMemory(Corpus));
        Search = new LucenePolicySearch(Holder);
    }

    public PolicyCorpus Corpus { get; }

    public PolicyIndexHolder Holder { get; }

    public LucenePolicySearch Search { get; }

    public PolicyDocument Notice => Corpus.FindDocument("chengnuan-2023")!;

    public void Dispose()
    {
        Search.Dispose();
        Holder.Dispose();
    }
}
