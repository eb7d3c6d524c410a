using CityWarmth.Knowledge.Text;
using CityWarmth.Skills.Conversation;

namespace CityWarmth.Skills.Jobs;

/// <summary>
/// Finds jobs from a few words ("开叉车的,六千以上"), refines the last search on follow-ups ("要东湖区的",
/// "工资高一点的", "还有吗"), shows details and upcoming job fairs. Postings of employers on the wage-arrears
/// offenders list are never shown; the worker is told how many were hidden.
/// </summary>
public sealed class JobSearchSkill(JobSearchEngine engine, JobQueryParser parser) : Routing.IFollowUpSkill, Routing.IScopedSkill
{
    public const int PageSize = 5;

    private static readonly ReplyButton More = ReplyButton.Of("更多");
    private static readonly ReplyButton HigherPay = ReplyButton.Of("工资高一点的");
    private static readonly ReplyButton Fairs = new("招聘会", "最近有招聘会吗");

    public string Name => SkillNames.JobSearch;

    /// <summary>
    /// A short message that only refines or pages the last search ("要东湖区的", "工资高一点的", "还有吗"):
    /// it names no trade of its own but changes a filter, asks for more, or drops a condition.
    /// </summary>
    public async Task<bool> TakesFollowUpAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken)
    {
        const int MaxFollowUpLength = 15;
        var text = TextNormalizer.ForMatching(turn.Text);
        if (state.JobSearch?.LastQuery is null || text.Length == 0 || text.Length > MaxFollowUpLength)
        {
            return false;
        }
        var message = parser.Parse(text, await engine.DistrictsAsync(cancellationToken));
        var namesTrade = message.Filters.Trades.Count > 0 || message.Filters.TradeWord is not null;
        var refines = message.MoreResults || message.HigherPay || message.Relaxes || message.DetailsId is not null
            || message.Filters.District is not null || message.Filters.MinPay is not null;
        return refines && (!namesTrade || message.ChangeTrade);
    }

    /// <summary>
    /// False when the message names nothing a search can use (no trade, place, pay, age, housing, fair or paging)
    /// and its other words match no posting either, as in "政府能帮忙介绍工作吗". A bare "找工作" is understood:
    /// the skill asks what work.
    /// </summary>
    public async Task<bool> UnderstandsAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken)
    {
        var message = parser.Parse(TextNormalizer.ForMatching(turn.Text), await engine.DistrictsAsync(cancellationToken));
        var onlyOtherWords = message.Filters.Keywords is not null && (message.Filters with { Keywords = null }).IsEmpty
            && !message.AsksFairs && !message.MoreResults && !message.HigherPay && !message.NearMe && !message.Relaxes
            && message.DetailsId is null;
        return !onlyOtherWords || (await engine.SearchAsync(message.Filters, 0, 1, cancellationToken)).Total > 0;
    }

    public async Task<IReadOnlyList<BotReply>> HandleAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken)
    {
        var jobs = state.JobSearch ??= new JobSearchState();
        var districts = await engine.DistrictsAsync(cancellationToken);
        var message = parser.Parse(TextNormalizer.ForMatching(turn.Text), districts);

        var reply = await ReplyAsync(message, jobs, districts, cancellationToken);
        state.LastSkill = SkillNames.JobSearch;
        return [reply];
    }

    private async Task<BotReply> ReplyAsync(JobMessage message, JobSearchState jobs, IReadOnlyList<string> districts, CancellationToken cancellationToken)
    {
        if (message.DetailsId is { } id)
        {
            return await DetailsAsync(id, jobs, cancellationToken);
        }
        if (message.AsksFairs)
        {
            return await FairsAsync(cancellationToken);
        }

        var onlyPaging = message.MoreResults && message.Filters.IsEmpty && !message.Relaxes && !message.HigherPay && !message.NearMe;
        if (onlyPaging && jobs.LastQuery is { } last)
        {
            return await SearchAsync(last, jobs.Page + 1, jobs, cancellationToken);
        }

        var query = Compose(message, jobs);
        jobs.AwaitingDistrict = false;
        if (message.NearMe && query.District is null)
        {
            if (jobs.LastDistrict is { } known)
            {
                query = query with { District = known };
            }
            else
            {
                jobs.LastQuery = query;
                jobs.AwaitingDistrict = true;
                return BotReply.Ask(SkillNames.JobSearch, "您在哪个区？告诉我区名，我帮您找附近的活。",
                    [.. districts.Take(6).Select(ReplyButton.Of), ReplyButton.Of("不限区域")]);
            }
        }

        if (query.IsEmpty && !message.Relaxes && !message.HigherPay)
        {
            return BotReply.Ask(SkillNames.JobSearch,
                "您想找什么活？说说工种、区域或要求就行，比如“东湖区的保安”“包吃包住的厂”“开叉车的，六千以上”。",
                [.. new[] { "电工", "保安", "保洁", "普工", "厨师", "叉车司机" }.Select(t => new ReplyButton(t, $"找{t}的活")), Fairs]);
        }

        return await SearchAsync(query, 0, jobs, cancellationToken);
    }

    /// <summary>The query this message asks for: a new one, or the last one refined.</summary>
    private static JobQuery Compose(JobMessage message, JobSearchState jobs)
    {
        var said = message.Filters;
        var startOver = said.Trades.Count > 0 && !message.ChangeTrade;
        var query = startOver ? new JobQuery() : jobs.LastQuery ?? new JobQuery();

        if (said.Trades.Count > 0)
        {
            query = query with { Trades = said.Trades, TradeWord = said.TradeWord, Keywords = said.Keywords };
        }
        else if (said.Keywords is not null)
        {
            query = query with { Keywords = said.Keywords };
        }
        query = query with
        {
            District = said.District ?? query.District,
            MinPay = said.MinPay ?? query.MinPay,
            MinPayUnit = said.MinPay is null ? query.MinPayUnit : said.MinPayUnit,
            NeedsHousing = query.NeedsHousing || said.NeedsHousing,
            NeedsMeals = query.NeedsMeals || said.NeedsMeals,
            Age = said.Age ?? query.Age,
            PartTime = query.PartTime || said.PartTime,
            DailyPay = query.DailyPay || said.DailyPay,
        };

        if (message.ClearDistrict)
        {
            query = query with { District = null };
        }
        if (message.ClearPay)
        {
            query = query with { MinPay = null, SortByPay = false };
        }
        if (message.ClearHousingAndMeals)
        {
            query = query with { NeedsHousing = false, NeedsMeals = false };
        }
        if (message.ClearTrade)
        {
            query = query with { Trades = [], TradeWord = null, Keywords = null };
        }
        if (message.ClearPartTime)
        {
            query = query with { PartTime = false, DailyPay = false };
        }
        if (message.ClearAge)
        {
            query = query with { Age = null };
        }
        if (message.HigherPay)
        {
            query = RaisePay(query, jobs.LastPageMedianMonthlyPay);
        }
        return query;
    }

    /// <summary>"工资高一点的": at least the middle pay of what was just shown, best-paid first.</summary>
    private static JobQuery RaisePay(JobQuery query, decimal? shownMedianMonthly)
    {
        var unit = query.MinPay is null ? PayUnit.Month : query.MinPayUnit;
        var perUnit = JobPay.MonthlyEquivalent(1, unit) ?? 1;
        var floorMonthly = decimal.Max(query.MinMonthlyPay ?? 0, shownMedianMonthly ?? 0);
        if (floorMonthly <= (query.MinMonthlyPay ?? 0) && query.MinMonthlyPay is { } current)
        {
            floorMonthly = current * 1.15m;
        }
        if (floorMonthly <= 0)
        {
            return query with { SortByPay = true };
        }
        var step = unit switch { PayUnit.Month => 500m, PayUnit.Day => 10m, _ => 1m };
        var floor = decimal.Ceiling(floorMonthly / perUnit / step) * step;
        return query with { MinPay = floor, MinPayUnit = unit, SortByPay = true };
    }

    private async Task<BotReply> SearchAsync(JobQuery query, int page, JobSearchState jobs, CancellationToken cancellationToken)
    {
        var result = await engine.SearchAsync(query, page, PageSize, cancellationToken);
        jobs.LastQuery = query;
        jobs.LastDistrict = query.District ?? jobs.LastDistrict;
        var what = JobReplies.Describe(query);
        var hidden = result.HiddenOffenderPostings > 0
            ? $"另有{result.HiddenOffenderPostings}个岗位的用人单位在拖欠农民工工资失信联合惩戒名单上，已为您隐藏。"
            : "";

        if (result.Items.Count == 0)
        {
            var nothingMore = page > 0 && result.Total > 0;
            var text = nothingMore
                ? $"{what}就这些了，没有更多了。{hidden}可以放宽条件再看看："
                : $"没找到{what}。{hidden}可以放宽条件试试：";
            return BotReply.Say(SkillNames.JobSearch, text, [.. JobReplies.WideningButtons(query), Fairs]);
        }

        jobs.Page = page;
        var monthly = result.Items.Select(JobPay.MonthlyUpTo).OfType<decimal>().Order().ToList();
        jobs.LastPageMedianMonthlyPay = monthly.Count == 0 ? null : monthly[monthly.Count / 2];

        var first = page * PageSize + 1;
        var shown = $"第{first}-{first + result.Items.Count - 1}个";
        var intro = page == 0
            ? $"找到{result.Total}个{what}，先给您看{shown}："
            : $"{what}，{shown}（共{result.Total}个）：";
        var buttons = new List<ReplyButton>();
        if (result.HasMore)
        {
            buttons.Add(More);
        }
        if (!query.SortByPay)
        {
            buttons.Add(HigherPay);
        }
        if (!query.NeedsHousing)
        {
            buttons.Add(ReplyButton.Of("包吃包住的"));
        }
        buttons.Add(Fairs);
        return new BotReply
        {
            Skill = SkillNames.JobSearch,
            Text = intro + hidden + (result.Items.Any(p => p.IsSample) ? "（标“示例”的是演示数据）" : ""),
            Cards = [.. result.Items.Select(JobReplies.Card)],
            Buttons = buttons,
        };
    }

    private async Task<BotReply> DetailsAsync(string id, JobSearchState jobs, CancellationToken cancellationToken)
    {
        var posting = await engine.FindAsync(id, cancellationToken);
        if (posting is null)
        {
            return BotReply.Say(SkillNames.JobSearch, "这个岗位已经过期或下架了，看看别的吧。",
                jobs.LastQuery is null ? [Fairs] : [More, Fairs]);
        }

        var buttons = new List<ReplyButton> { new("打电话", $"tel:{posting.ContactPhone}", ButtonKind.Call) };
        if (jobs.LastQuery is not null)
        {
            buttons.Add(More);
        }
        return new BotReply
        {
            Skill = SkillNames.JobSearch,
            Text = JobReplies.Details(posting),
            Buttons = buttons,
        };
    }

    private async Task<BotReply> FairsAsync(CancellationToken cancellationToken)
    {
        var fairs = await engine.UpcomingFairsAsync(PageSize, cancellationToken);
        if (fairs.Count == 0)
        {
            return BotReply.Say(SkillNames.JobSearch,
                "最近没有查到招聘会或直播带岗。可以留意当地人社局公众号的通知。先帮您看看岗位？",
                ReplyButton.Of("我想找工作"));
        }
        return new BotReply
        {
            Skill = SkillNames.JobSearch,
            Text = $"最近有{fairs.Count}场招聘活动：",
            Cards = [.. fairs.Select(JobReplies.FairCard)],
            Buttons = [ReplyButton.Of("我想找工作")],
        };
    }
}
