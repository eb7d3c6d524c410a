using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Indexing;
using CityWarmth.Knowledge.Search;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Policy;

namespace CityWarmth.Skills.Tests.Policy;

/// <summary>A real in-memory index of the shipped policy folder, built once for the class.</summary>
public sealed class PolicyIndexFixture : IDisposable
{
    public PolicyIndexFixture()
    {
        var corpus = PolicyCorpus.LoadFolder(Path.Combine(AppContext.BaseDirectory, "knowledge", "policies"));
        Holder = new PolicyIndexHolder(() => PolicyIndex.BuildInMemory(corpus));
        Search = new LucenePolicySearch(Holder);
    }

    public PolicyIndexHolder Holder { get; }

    public LucenePolicySearch Search { get; }

    public void Dispose()
    {
        Search.Dispose();
        Holder.Dispose();
    }
}

public sealed class PolicyLookupSkillTests(PolicyIndexFixture fixture) : IClassFixture<PolicyIndexFixture>
{
    private readonly PolicyLookupSkill _skill = new(fixture.Search);

    [Fact]
    public async Task AHousingQuestionIsAnsweredInTwoLinesWithTheSectionCited()
    {
        var state = new ConversationState();
        var reply = Assert.Single(await Ask("外地来打工的能申请保障性租赁住房吗?", state));

        Assert.Equal(SkillNames.Policy, reply.Skill);
        var lines = reply.Text!.Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.InRange(lines[0].Length, 10, 140);
        Assert.StartsWith("来源:《关于开展“城暖农民工”服务活动的通知》(四)改善农民工居住条件", lines[1]);
        Assert.Contains("2023年9月28日", lines[1]);

        var first = reply.Citations[0];
        Assert.Equal("关于开展“城暖农民工”服务活动的通知 (四)改善农民工居住条件", first.Name);
        Assert.Contains("保障性租赁住房", first.Abstract);
        Assert.Matches("^/kb/chengnuan-2023-p[0-9]+$", first.Url);
        Assert.InRange(reply.Citations.Count, 1, 3);
        Assert.Equal(reply.Citations.Count, reply.Citations.Select(c => c.Url).Distinct().Count());

        Assert.Equal(new ReplyButton("原文", first.Url, ButtonKind.OpenUrl), reply.Buttons[0]);
        Assert.Equal("转人工", reply.Buttons[^1].Value);
        Assert.Contains("二(四)", state.CitedSections);
    }

    [Fact]
    public async Task AQuestionInTraditionalScriptFindsTheSameSection()
    {
        // The reply is simplified here: the router converts it for a worker who writes traditional.
        var state = new ConversationState();
        var reply = Assert.Single(await Ask("孩子隨遷入學需要什麼材料?", state));

        Assert.Contains("随迁子女", reply.Text);
        Assert.Contains("(五)做好农民工子女关心关爱", reply.Citations[0].Name);
        Assert.Contains("二(五)", state.CitedSections);
    }

    [Fact]
    public async Task AnAnswerGivenAgainIsTheSameButEachTurnKeepsItsOwnNote()
    {
        // The answer's parts are built once per search result and shared: each asker still gets their own note and
        // cited sections.
        const string question = "外地来打工的能申请保障性租赁住房吗?";
        var first = new ConversationState();
        var second = new ConversationState();

        var a = Assert.Single(await Ask(question, first));
        var b = Assert.Single(await Ask(question, second));

        Assert.Equal(a.Text, b.Text);
        Assert.Equal(a.Buttons, b.Buttons);
        Assert.Equal(a.Citations, b.Citations);

        var (noteA, noteB) = (Assert.Single(first.RecentQuestions), Assert.Single(second.RecentQuestions));
        Assert.NotEqual(noteA.Id, noteB.Id);
        Assert.Equal(noteA.Id, (string?)((System.Text.Json.Nodes.JsonObject)a.Value!)[AnswerFeedback.AnswerIdKey]);
        Assert.Equal(noteB.Id, (string?)((System.Text.Json.Nodes.JsonObject)b.Value!)[AnswerFeedback.AnswerIdKey]);
        Assert.Equal(noteA.Passages, noteB.Passages);
        Assert.Equal(a.Citations.Count, noteA.Passages.Count);
        Assert.Equal(first.CitedSections, second.CitedSections);
        Assert.Equal(first.CitedSections.Count, first.CitedSections.Distinct().Count());

        // Asked twice in one conversation: two notes, and the cited sections are not listed twice.
        await Ask(question, first);
        Assert.Equal(2, first.RecentQuestions.Count);
        Assert.Equal(second.CitedSections, first.CitedSections);
    }

    [Fact]
    public async Task NothingFoundIsSaidPlainlyWithAPersonOffered()
    {
        var reply = Assert.Single(await Ask("明天股票涨不涨", new ConversationState()));
        Assert.Contains("没有找到", reply.Text);
        Assert.Empty(reply.Citations);
        Assert.Equal([ReplyButton.Of("转人工")], reply.Buttons);
    }

    [Fact]
    public async Task TheModelsPassageSearchReturnsPassagesWithTheirCitations()
    {
        var search = new CityWarmth.Skills.Policy.KnowledgePassageSearch(fixture.Search);

        var passages = await search.SearchAsync("包工头欠钱跑了", CancellationToken.None);

        Assert.InRange(passages.Count, 1, 4);
        Assert.Contains("(三)加大农民工劳动保护", passages[0].Citation.Name);
        Assert.StartsWith("/kb/", passages[0].Citation.Url);
    }

    private Task<IReadOnlyList<BotReply>> Ask(string text, ConversationState state) =>
        _skill.AnswerAsync(new UserTurn(text, null, "test", "c1", "u1", null, DateTimeOffset.UnixEpoch), state, CancellationToken.None);
}
