using System.ComponentModel;
using CityWarmth.Knowledge.Text;
using Microsoft.SemanticKernel;

namespace CityWarmth.Skills.Jobs;

/// <summary>A posting as the model sees it.</summary>
public sealed record JobSummary(
    string Id, string Title, string Employer, string Pay, string District, string? Address, bool HousingProvided,
    bool MealsProvided, int? AgeMin, int? AgeMax, bool PartTime, string ContactPhone, DateOnly PostedOn, bool IsSample);

/// <summary>An upcoming job fair as the model sees it.</summary>
public sealed record JobFairSummary(string Title, string Kind, DateTimeOffset StartsAt, string? Place, string? OnlineUrl, string Organiser);

/// <summary>Lets the model search job postings and fairs with the same index and rules as the job skill.</summary>
public sealed class JobSearchPlugin(JobSearchEngine engine)
{
    [KernelFunction("search_jobs")]
    [Description("按工种、区域、最低月薪、包吃住、年龄、兼职等条件查找招聘岗位。已过期的岗位和列入拖欠农民工工资失信联合惩戒名单的单位不会返回。")]
    public async Task<IReadOnlyList<JobSummary>> SearchJobsAsync(
        [Description("工种，如 电工、保安、保洁、普工、叉车司机、厨师；不限就留空")] string? trade = null,
        [Description("区，如 东湖区；不限就留空")] string? district = null,
        [Description("最低月薪（元），不限就留空")] int? minMonthlyPay = null,
        [Description("是否要求包住")] bool needsHousing = false,
        [Description("是否要求包吃")] bool needsMeals = false,
        [Description("求职者的年龄，只返回这个年龄能做的岗位；不知道就留空")] int? age = null,
        [Description("是否只要兼职、临时工")] bool partTime = false,
        [Description("其他关键词，如 夜班、持证")] string? keywords = null,
        [Description("返回几条，默认5条，最多20条")] int count = 5,
        CancellationToken cancellationToken = default)
    {
        var trades = trade is null ? [] : engine.Vocabulary.FindTrades(TextNormalizer.ForMatching(trade));
        var query = new JobQuery
        {
            Trades = [.. trades.SelectMany(t => t.Trades).Distinct(StringComparer.Ordinal)],
            TradeWord = trade,
            // A trade the vocabulary does not know is still searched, as words.
            Keywords = JoinWords(trades.Count == 0 ? trade : null, keywords),
            District = string.IsNullOrWhiteSpace(district) ? null : district.Trim(),
            MinPay = minMonthlyPay,
            NeedsHousing = needsHousing,
            NeedsMeals = needsMeals,
            Age = age,
            PartTime = partTime,
        };
        var page = await engine.SearchAsync(query, 0, Math.Clamp(count, 1, 20), cancellationToken);
        return [.. page.Items.Select(p => new JobSummary(p.Id, p.Title, p.Employer, JobPay.Describe(p), p.District, p.Address,
            p.HousingProvided, p.MealsProvided, p.AgeMin, p.AgeMax, p.PartTime, p.ContactPhone, p.PostedOn, p.IsSample))];
    }

    [KernelFunction("list_job_fairs")]
    [Description("列出近期的专场招聘会和直播带岗活动（时间、地点或直播链接、主办方）。")]
    public async Task<IReadOnlyList<JobFairSummary>> ListJobFairsAsync(CancellationToken cancellationToken = default)
    {
        var fairs = await engine.UpcomingFairsAsync(10, cancellationToken);
        return [.. fairs.Select(f => new JobFairSummary(f.Title, f.Kind, f.StartsAt, f.Place, f.OnlineUrl, f.Organiser))];
    }

    private static string? JoinWords(string? a, string? b)
    {
        var words = string.Join(' ', new[] { a, b }.Where(w => !string.IsNullOrWhiteSpace(w))).Trim();
        return words.Length == 0 ? null : TextNormalizer.ForMatching(words);
    }
}
