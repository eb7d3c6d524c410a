using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace CityWarmth.Skills.Tests.Jobs;

public sealed class JobSearchSkillTests : IDisposable
{
    private readonly JobWorld _world = new();
    private readonly ConversationState _state = new();

    public void Dispose() => _world.Dispose();

    [Theory]
    [InlineData("帮我找个电工的活", "电工")]
    [InlineData("开叉车的，六千以上", "叉车司机")]
    [InlineData("有没有包吃包住的厂", null)]
    [InlineData("五十岁能干什么", null)]
    public async Task IssueQuestionsGetJobCards(string question, string? trade)
    {
        var reply = await AskAsync(question);

        Assert.Equal(SkillNames.JobSearch, reply.Skill);
        Assert.InRange(reply.Cards.Count, 1, JobSearchSkill.PageSize);
        Assert.StartsWith("找到", reply.Text);
        Assert.All(reply.Cards, c =>
        {
            Assert.Contains("元/", c.Subtitle);
            Assert.StartsWith("详情 ", Assert.Single(c.Buttons).Value);
        });
        if (trade is not null)
        {
            Assert.All(CardPostings(reply), p => Assert.Equal(trade, p.Trade));
        }
        Assert.Contains(reply.Buttons, b => b.Value == "更多");
    }

    [Fact]
    public async Task MoreShowsTheNextPageUntilTheEnd()
    {
        var first = await AskAsync("保安");
        var total = _world.Active.Count(p => p.Trade == "保安");
        var seen = CardIds(first).ToList();

        for (var page = 1; page * JobSearchSkill.PageSize < total; page++)
        {
            var next = await AskAsync("还有吗");
            Assert.Equal(page, _state.JobSearch!.Page);
            Assert.Empty(CardIds(next).Intersect(seen));
            seen.AddRange(CardIds(next));
        }
        var end = await AskAsync("更多");

        Assert.Equal(total, seen.Count);
        Assert.Empty(end.Cards);
        Assert.Contains("没有更多", end.Text);
    }

    [Fact]
    public async Task DistrictFollowUpRefinesTheLastSearch()
    {
        await AskAsync("找个保洁的活");
        var reply = await AskAsync("要东湖区的");

        Assert.NotEmpty(reply.Cards);
        Assert.All(CardPostings(reply), p => Assert.Equal(("保洁", "东湖区"), (p.Trade, p.District)));
        Assert.Equal(_world.Active.Count(p => p.Trade == "保洁" && p.District == "东湖区"), TotalIn(reply.Text!));
    }

    [Fact]
    public async Task HigherPayRaisesTheFloorAndSortsByPay()
    {
        var before = await AskAsync("普工");
        var shownPay = CardPostings(before).Select(p => JobPay.MonthlyUpTo(p)!.Value).ToList();

        var after = await AskAsync("工资高一点的");

        var query = _state.JobSearch!.LastQuery!;
        Assert.True(query.SortByPay);
        Assert.True(query.MinPay >= shownPay.Order().ElementAt(shownPay.Count / 2));
        var pay = CardPostings(after).Select(p => JobPay.MonthlyUpTo(p)!.Value).ToList();
        Assert.NotEmpty(pay);
        Assert.All(pay, p => Assert.True(p >= query.MinPay));
        Assert.Equal(pay.OrderDescending().ToList(), pay);
    }

    [Fact]
    public async Task ChangingTheTradeKeepsTheOtherFilters()
    {
        await AskAsync("西城区包住的保安");
        var reply = await AskAsync("换个保洁的");

        var query = _state.JobSearch!.LastQuery!;
        Assert.Equal(["保洁"], query.Trades);
        Assert.Equal("西城区", query.District);
        Assert.True(query.NeedsHousing);
        Assert.All(CardPostings(reply), p => Assert.True(p.Trade == "保洁" && p.District == "西城区" && p.HousingProvided));
    }

    [Fact]
    public async Task NearbyWithoutAKnownDistrictAsksForIt()
    {
        var question = await AskAsync("附近有没有招保安的");
        var answer = await AskAsync("南山区");

        Assert.True(question.ExpectingInput);
        Assert.Contains(question.Buttons, b => b.Value == "南山区");
        Assert.NotEmpty(answer.Cards);
        Assert.All(CardPostings(answer), p => Assert.Equal(("保安", "南山区"), (p.Trade, p.District)));
    }

    [Fact]
    public async Task NearbyUsesTheDistrictNamedBefore()
    {
        await AskAsync("北港区的焊工");
        var reply = await AskAsync("附近有保安吗");

        Assert.False(reply.ExpectingInput);
        Assert.All(CardPostings(reply), p => Assert.Equal(("保安", "北港区"), (p.Trade, p.District)));
    }

    [Fact]
    public async Task EmptyResultSaysWhatWasSearchedAndOffersWiderSearches()
    {
        var empty = await AskAsync("北港区的月嫂，月薪两万以上，包吃包住");

        Assert.Empty(empty.Cards);
        Assert.Contains("没找到北港区的月嫂岗位", empty.Text);
        Assert.Contains("月薪20000元以上", empty.Text);
        var buttons = empty.Buttons.Select(b => b.Value).ToList();
        Assert.Contains("不限区域", buttons);
        Assert.Contains("不限工资", buttons);
        Assert.Contains("不要求包吃住", buttons);

        var wider = await AskAsync("不限区域");
        var widest = wider.Cards.Count > 0 ? wider : await AskAsync("不限工资");
        Assert.NotEmpty(widest.Cards);
        Assert.All(CardPostings(widest), p => Assert.Equal("月嫂", p.Trade));
    }

    [Fact]
    public async Task DetailsButtonShowsTheWholePostingWithACallButton()
    {
        var results = await AskAsync("电工");
        var details = await AskAsync(results.Cards[0].Buttons[0].Value);

        var posting = CardPostings(results).First();
        Assert.Contains(posting.Employer, details.Text);
        Assert.Contains(posting.ContactPhone, details.Text);
        Assert.Contains("示例", details.Text);
        Assert.Contains(details.Buttons, b => b.Kind == ButtonKind.Call && b.Value == "tel:" + posting.ContactPhone);
    }

    [Fact]
    public async Task OffendersAreHiddenAndTheWorkerIsTold()
    {
        var victim = _world.Active.First(p => p.Trade == "钢筋工");
        _world.Store.Offenders.Add(new WageOffender { EmployerName = victim.Employer, ListedOn = _world.Today, Source = "测试" });
        _world.Changes.NotifyChanged();
        var hiddenCount = _world.Active.Count(p => p.Trade == "钢筋工" && p.Employer == victim.Employer);

        var reply = await AskAsync("钢筋工");

        Assert.DoesNotContain(CardPostings(reply), p => p.Employer == victim.Employer);
        Assert.Contains($"另有{hiddenCount}个岗位的用人单位在拖欠农民工工资失信联合惩戒名单上", reply.Text);
        var details = await AskAsync("详情 " + victim.Id);
        Assert.DoesNotContain(victim.Employer, details.Text);
    }

    [Fact]
    public async Task JobFairsAreListedWhenAsked()
    {
        var reply = await AskAsync("最近有招聘会吗");

        Assert.NotEmpty(reply.Cards);
        Assert.DoesNotContain(reply.Cards, c => c.Title.Contains("已结束"));
        Assert.Contains(reply.Cards, c => c.Subtitle!.Contains("直播带岗") && c.Buttons.Any(b => b.Kind == ButtonKind.OpenUrl));
    }

    [Fact]
    public async Task ARequestInTraditionalScriptIsReadLikeASimplifiedOne()
    {
        // The reply is simplified here: the router converts it for a worker who writes traditional.
        var reply = await AskAsync("東湖區的保安，包住");

        Assert.Contains("东湖区", reply.Text);
        Assert.NotEmpty(reply.Cards);
        Assert.All(CardPostings(reply), p => Assert.Equal("东湖区", p.District));
    }

    [Fact]
    public async Task BareRequestAsksWhatKindOfWork()
    {
        var reply = await AskAsync("我想找工作");

        Assert.True(reply.ExpectingInput);
        Assert.Empty(reply.Cards);
        Assert.Contains(reply.Buttons, b => b.Value.Contains("保安"));
    }

    [Fact]
    public async Task PluginSearchesWithTheSameRules()
    {
        var plugin = new JobSearchPlugin(_world.Engine);

        var jobs = await plugin.SearchJobsAsync(trade: "电焊工", minMonthlyPay: 9000, count: 20);

        var expected = _world.Active.Where(p => p.Trade == "焊工" && JobPay.MonthlyUpTo(p) >= 9000).Select(p => p.Id).Order().Take(20);
        Assert.NotEmpty(jobs);
        Assert.Equal(expected.Count(), jobs.Count);
        Assert.All(jobs, j => Assert.Contains(j.Id, expected));
        Assert.NotEmpty(await plugin.ListJobFairsAsync());
    }

    [Fact]
    public void PluginLoadsIntoSemanticKernel()
    {
        var plugin = KernelPluginFactory.CreateFromObject(new JobSearchPlugin(_world.Engine), "jobs");

        Assert.True(plugin.Contains("search_jobs"));
        Assert.True(plugin.Contains("list_job_fairs"));
        Assert.Contains("岗位", plugin["search_jobs"].Description);
    }

    [Fact]
    public async Task AddJobSearchWiresTheSkillOverTheHostsStore()
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>));
        services.AddSingleton<IJobStore>(_world.Store);
        services.AddSingleton<TimeProvider>(_world.Clock);
        services.AddJobSearch();
        await using var provider = services.BuildServiceProvider();

        var reply = Assert.Single(await provider.GetRequiredService<JobSearchSkill>().HandleAsync(Turn("保洁"), new ConversationState(), default));

        Assert.NotEmpty(reply.Cards);
        Assert.NotNull(provider.GetRequiredService<JobSearchPlugin>());
    }

    private async Task<BotReply> AskAsync(string text) => Assert.Single(await _world.Skill.HandleAsync(Turn(text), _state, default));

    private static UserTurn Turn(string text) => new(text, null, "test", "conv", "worker", "zh-CN", DateTimeOffset.UtcNow);

    private static IEnumerable<string> CardIds(BotReply reply) => reply.Cards.Select(c => c.Buttons[0].Value["详情 ".Length..]);

    private IEnumerable<JobPosting> CardPostings(BotReply reply) =>
        CardIds(reply).Select(id => _world.Store.Postings.Single(p => p.Id == id));

    private static int TotalIn(string text) => int.Parse(System.Text.RegularExpressions.Regex.Match(text, @"找到(\d+)个").Groups[1].Value);
}
