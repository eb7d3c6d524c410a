namespace CityWarmth.Skills.Jobs;

/// <summary>The job skill's part of the conversation state: the last search, for follow-ups and paging.</summary>
public sealed class JobSearchState
{
    public JobQuery? LastQuery { get; set; }

    /// <summary>The page of <see cref="LastQuery"/> shown last (0-based).</summary>
    public int Page { get; set; }

    /// <summary>The median monthly pay of the page shown last, the floor for "工资高一点的".</summary>
    public decimal? LastPageMedianMonthlyPay { get; set; }

    /// <summary>The district the worker named last, used for "附近".</summary>
    public string? LastDistrict { get; set; }

    /// <summary>True after asking "您在哪个区？".</summary>
    public bool AwaitingDistrict { get; set; }
}
