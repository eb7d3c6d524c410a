using System.Text;
using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Indexing;
using CityWarmth.Knowledge.Search;
using CityWarmth.Knowledge.Versions;

namespace CityWarmth.Knowledge.Tests.Search;

/// <summary>
/// Two guides that share their procedure words (材料不齐, 补齐, 工作日): a question that names one guide's topic is
/// answered from that guide, though the other's heading matches the procedure words better.
/// </summary>
public sealed class DocumentTopicTests : IDisposable
{
    private const string Injury = """
        # 河湾市工伤认定办事指南

        ## 受理与补正

        窗口收到申请后进行审查。申请人应当在接到补正通知之日起15个工作日内补齐全部材料。

        ## 认定时限

        受理之日起60日内作出认定决定。
        """;

    private const string School = """
        # 河湾市随迁子女入学指南

        ## 材料不齐怎么办

        材料暂时不齐的，先签承诺书，自现场审核之日起10个工作日内补齐。

        ## 报名时间

        网上报名时间为6月10日至6月20日。
        """;

    private readonly PolicyIndexHolder _holder;
    private readonly LucenePolicySearch _search;

    public DocumentTopicTests()
    {
        var sources = KnowledgeSet.ReadFolder(ShippedKnowledge.PoliciesFolder).ToList();
        sources.Add(Upload("injury.md", Injury));
        sources.Add(Upload("school.md", School));
        _holder = new PolicyIndexHolder(() => PolicyIndex.BuildInMemory(KnowledgeSet.Build(sources, [], [])));
        _search = new LucenePolicySearch(_holder);
    }

    [Fact]
    public void AQuestionNamingAGuidesTopicIsAnsweredFromThatGuide()
    {
        var hit = _search.Search("工伤材料不齐要补 我得几天之内补上去", 5).Hits[0];
        Assert.Contains("15个工作日", hit.Answer);
        Assert.Equal("受理与补正", hit.Heading);
    }

    [Fact]
    public void AQuestionNamingNoTopicIsRankedOnItsWordsAlone()
    {
        // Without 工伤, the school guide's heading says exactly what is asked.
        var hit = _search.Search("材料不齐怎么办 几天内补齐", 5).Hits[0];
        Assert.Contains("10个工作日", hit.Answer);
    }

    public void Dispose()
    {
        _search.Dispose();
        _holder.Dispose();
    }

    private static SourceDocument Upload(string fileName, string text) => new(
        new DocumentMetadata { Id = KnowledgeSet.IdFromFileName(fileName), Title = string.Empty, Kind = "handbook" },
        fileName, Encoding.UTF8.GetBytes(text));
}
