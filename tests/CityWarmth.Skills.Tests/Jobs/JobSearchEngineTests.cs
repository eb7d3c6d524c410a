using CityWarmth.Skills.Jobs;

namespace CityWarmth.Skills.Tests.Jobs;

public sealed class JobSearchEngineTests : IDisposable
{
    private readonly JobWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task ElectricianQuestionFindsEveryActiveElectricianPosting()
    {
        var page = await _world.Engine.SearchAsync(_world.Parse("帮我找个电工的活"), 0, 50, default);

        var expected = _world.Active.Where(p => p.Trade == "电工").Select(p => p.Id).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, page.Items.Select(p => p.Id).Order().ToList());
        Assert.Equal(expected.Count, page.Total);
    }

    [Fact]
    public async Task ARequestWithAPageOfOtherWordsIsSearchedNotRefused()
    {
        var pasted = string.Concat(Enumerable.Range(0, 1500).Select(i => (char)(0x4E00 + (i * 7919 % 20000))));

        var page = await _world.Engine.SearchAsync(_world.Parse("找工作" + pasted), 0, 5, default);

        Assert.NotNull(page);
    }

    [Fact]
    public async Task ForkliftQuestionWithPayFloorKeepsOnlyForkliftJobsPayingEnough()
    {
        var page = await _world.Engine.SearchAsync(_world.Parse("开叉车的，六千以上"), 0, 50, default);

        var expected = _world.Active.Where(p => p.Trade == "叉车司机" && JobPay.MonthlyUpTo(p) >= 6000).Select(p => p.Id).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, page.Items.Select(p => p.Id).Order().ToList());
    }

    [Fact]
    public async Task FactoryWithBoardFindsFactoryJobsWithHousingAndMeals()
    {
        var page = await _world.Engine.SearchAsync(_world.Parse("有没有包吃包住的厂"), 0, 50, default);

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, p =>
        {
            Assert.True(p.HousingProvided && p.MealsProvided);
            Assert.Contains(p.Trade, new[] { "普工", "叉车司机", "仓管" });
        });
        Assert.Equal(_world.Active.Count(p => p.HousingProvided && p.MealsProvided && p.Trade is "普工" or "叉车司机" or "仓管"), page.Total);
    }

    [Fact]
    public async Task AgeQuestionShowsOnlyPostingsThatAcceptTheAge()
    {
        var page = await _world.Engine.SearchAsync(_world.Parse("五十岁能干什么"), 0, 500, default);

        var expected = _world.Active.Count(p => (p.AgeMin ?? 0) <= 50 && (p.AgeMax ?? 999) >= 50);
        Assert.Equal(expected, page.Total);
        Assert.True(expected < _world.Active.Count(), "some sample postings must exclude 50-year-olds");
        Assert.All(page.Items, p => Assert.True(p.AgeMax is null or >= 50));
    }

    [Fact]
    public async Task ResultsWithoutWordsToRankComeNewestFirst()
    {
        var page = await _world.Engine.SearchAsync(_world.Parse("包住的"), 0, 50, default);

        var dates = page.Items.Select(p => p.PostedOn).ToList();
        Assert.Equal(dates.OrderByDescending(d => d).ToList(), dates);
    }

    [Fact]
    public async Task ExtraWordsLiftPostingsThatMentionThem()
    {
        var page = await _world.Engine.SearchAsync(_world.Parse("夜班的分拣"), 0, 50, default);

        var mentions = page.Items.Select(p => (p.Title + p.Description).Contains("夜班")).ToList();
        Assert.Contains(true, mentions);
        Assert.Contains(false, mentions);
        // Every posting that mentions 夜班 ranks above every one that does not.
        Assert.Equal(mentions.OrderByDescending(m => m).ToList(), mentions);
    }

    [Fact]
    public async Task UnknownTradeWordsMustMatchSomewhere()
    {
        var page = await _world.Engine.SearchAsync(_world.Parse("开挖掘机的"), 0, 50, default);

        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task SortingByPayPutsTheBestPaidFirst()
    {
        var query = _world.Parse("保洁") with { SortByPay = true };

        var page = await _world.Engine.SearchAsync(query, 0, 20, default);

        var pay = page.Items.Select(p => JobPay.MonthlyUpTo(p) ?? -1).ToList();
        Assert.Equal(pay.OrderByDescending(p => p).ToList(), pay);
    }

    [Fact]
    public async Task ExpiredSamplePostingsAreNeverFound()
    {
        var expired = _world.Store.Postings.Where(p => !p.IsActiveOn(_world.Today)).ToList();
        Assert.NotEmpty(expired);

        var page = await _world.Engine.SearchAsync(new JobQuery(), 0, 1000, default);

        Assert.Equal(_world.Active.Count(), page.Total);
        Assert.DoesNotContain(page.Items, p => expired.Any(e => e.Id == p.Id));
        Assert.Null(await _world.Engine.FindAsync(expired[0].Id, default));
    }

    [Fact]
    public async Task PostingIsShownOnItsLastDayAndGoneTheNextMorning()
    {
        using var world = new JobWorld(withSamples: false);
        world.Store.Postings.Add(JobWorld.Posting("T1", expires: world.Today));
        world.Store.Postings.Add(JobWorld.Posting("T2", expires: world.Today.AddDays(5)));

        var lastDay = await world.Engine.SearchAsync(world.Parse("电工"), 0, 10, default);
        // 23:59 China time is still the last day; 00:01 the next day is not.
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 15, 59, 0, TimeSpan.Zero));
        var lastMinute = await world.Engine.SearchAsync(world.Parse("电工"), 0, 10, default);
        world.Clock.Advance(TimeSpan.FromMinutes(2));
        var nextDay = await world.Engine.SearchAsync(world.Parse("电工"), 0, 10, default);

        Assert.Equal(["T1", "T2"], lastDay.Items.Select(p => p.Id).Order());
        Assert.Equal(["T1", "T2"], lastMinute.Items.Select(p => p.Id).Order());
        Assert.Equal(["T2"], nextDay.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task PostingsOfListedOffendersAreHiddenAndCounted()
    {
        using var world = new JobWorld(withSamples: false);
        world.Store.Postings.Add(JobWorld.Posting("OK1", employer: "诚信机电有限公司"));
        world.Store.Postings.Add(JobWorld.Posting("BAD1", employer: "欠薪建筑劳务（示例）有限公司"));
        world.Store.Postings.Add(JobWorld.Posting("BAD2", employer: "换了名字的公司") with { EmployerCreditCode = "91000000MA0000000X" });
        world.Store.Offenders.Add(new WageOffender { EmployerName = "欠薪建筑劳务(示例)有限公司", ListedOn = world.Today, Source = "测试" });
        world.Store.Offenders.Add(new WageOffender { EmployerName = "另一个名字", CreditCode = "91000000ma0000000x", ListedOn = world.Today, Source = "测试" });

        var page = await world.Engine.SearchAsync(world.Parse("电工"), 0, 10, default);

        Assert.Equal(["OK1"], page.Items.Select(p => p.Id));
        Assert.Equal(2, page.HiddenOffenderPostings);
        Assert.Null(await world.Engine.FindAsync("BAD1", default));
    }

    [Fact]
    public async Task ChangesShowUpAfterTheStoreSaysSo()
    {
        using var world = new JobWorld(withSamples: false);
        Assert.Equal(0, (await world.Engine.SearchAsync(world.Parse("焊工"), 0, 10, default)).Total);

        world.Store.Postings.Add(JobWorld.Posting("W1", trade: "电焊工"));
        var beforeNotice = await world.Engine.SearchAsync(world.Parse("焊工"), 0, 10, default);
        world.Changes.NotifyChanged();
        var afterNotice = await world.Engine.SearchAsync(world.Parse("焊工"), 0, 10, default);

        Assert.Equal(0, beforeNotice.Total);
        Assert.Equal(["W1"], afterNotice.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task UpcomingFairsLeaveOutFairsThatAreOver()
    {
        var fairs = await _world.Engine.UpcomingFairsAsync(10, default);

        Assert.NotEmpty(fairs);
        Assert.All(fairs, f => Assert.True(f.StartsAt > _world.Clock.GetUtcNow()));
        Assert.DoesNotContain(fairs, f => f.Title.Contains("已结束"));
        Assert.Equal(fairs.OrderBy(f => f.StartsAt).ToList(), fairs);
    }
}
