using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Indexing;
using CityWarmth.Knowledge.Search;

namespace CityWarmth.Knowledge.Tests.Indexing;

public sealed class PolicyIndexTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cw-index-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void TheIndexFolderIsNamedByContentAndReusedWhileSourcesAreUnchanged()
    {
        var corpus = PolicyCorpus.LoadFolder(ShippedKnowledge.PoliciesFolder);
        string folder;
        using (var first = PolicyIndex.OpenOrBuild(corpus, _root))
        {
            folder = first.Folder!;
        }

        var stamp = Directory.GetLastWriteTimeUtc(folder);
        using var second = PolicyIndex.OpenOrBuild(PolicyCorpus.LoadFolder(ShippedKnowledge.PoliciesFolder), _root);
        Assert.Equal(folder, second.Folder);
        Assert.Equal(stamp, Directory.GetLastWriteTimeUtc(folder));
        Assert.Equal(Path.GetFileName(folder), corpus.ContentHash[..16]);
    }

    [Fact]
    public void ChangedSourcesGiveANewIndexThatCanBeSwappedIn()
    {
        var sources = Path.Combine(_root, "docs");
        Directory.CreateDirectory(sources);
        File.WriteAllText(Path.Combine(sources, "a.txt"), "一、住房\n提供宿舍。\n");
        File.WriteAllText(Path.Combine(sources, "a.txt.meta.json"), """{"id":"a","title":"甲","date":"2024-01-02"}""");
        var before = PolicyCorpus.LoadFolder(sources);
        using var holder = new PolicyIndexHolder(() => PolicyIndex.OpenOrBuild(before, Path.Combine(_root, "idx")));
        using var search = new LucenePolicySearch(holder);
        Assert.Empty(search.Search("工资", 3).Hits);

        File.WriteAllText(Path.Combine(sources, "a.txt"), "一、住房\n提供宿舍。\n二、工资\n按月支付工资。\n");
        var after = PolicyCorpus.LoadFolder(sources);
        Assert.NotEqual(before.ContentHash, after.ContentHash);

        var old = holder.Current;
        holder.Swap(PolicyIndex.OpenOrBuild(after, Path.Combine(_root, "idx")));
        Assert.Equal("二", search.Search("工资", 3).Hits[0].SectionKey);
        Assert.False(old.TryLease());
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
