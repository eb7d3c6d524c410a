namespace CityWarmth.Skills.Jobs;

/// <summary>How a posting's pay is counted.</summary>
public enum PayUnit
{
    Month,
    Day,
    Hour,
    Piece,
}

/// <summary>One job posting as the skills see it.</summary>
public sealed record JobPosting
{
    /// <summary>Stable id within the bot (shown on the details button).</summary>
    public required string Id { get; init; }

    /// <summary>The id the posting has at its source (a feed or an imported file), for updates.</summary>
    public string? SourceId { get; init; }

    public required string Title { get; init; }
    public required string Trade { get; init; }
    public required string Employer { get; init; }

    /// <summary>Unified social credit code of the employer, when known (matches the offenders list exactly).</summary>
    public string? EmployerCreditCode { get; init; }

    public required string District { get; init; }
    public string City { get; init; } = "";
    public string? Address { get; init; }
    public decimal? PayMin { get; init; }
    public decimal? PayMax { get; init; }
    public PayUnit PayUnit { get; init; } = PayUnit.Month;
    public string? Hours { get; init; }
    public bool HousingProvided { get; init; }
    public bool MealsProvided { get; init; }
    public int? AgeMin { get; init; }
    public int? AgeMax { get; init; }
    public bool PartTime { get; init; }
    public required string ContactPhone { get; init; }
    public string? Description { get; init; }
    public DateOnly PostedOn { get; init; }

    /// <summary>Last day the posting is shown; null for open-ended postings.</summary>
    public DateOnly? ExpiresOn { get; init; }

    /// <summary>Where the posting came from; sample postings say 示例.</summary>
    public required string Source { get; init; }

    public bool IsSample { get; init; }

    public bool IsActiveOn(DateOnly day) => ExpiresOn is null || ExpiresOn.Value >= day;
}

/// <summary>A job fair (专场招聘会) or a live-streamed recruitment (直播带岗).</summary>
public sealed record JobFair
{
    public required string Id { get; init; }
    public required string Title { get; init; }

    /// <summary>招聘会 or 直播带岗.</summary>
    public string Kind { get; init; } = "招聘会";

    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    public string? Place { get; init; }
    public string? OnlineUrl { get; init; }
    public required string Organiser { get; init; }
    public IReadOnlyList<string> Districts { get; init; } = [];
    public IReadOnlyList<string> Trades { get; init; } = [];
    public required string Source { get; init; }
    public bool IsSample { get; init; }
}

/// <summary>An employer on the 拖欠农民工工资失信联合惩戒名单.</summary>
public sealed record WageOffender
{
    public required string EmployerName { get; init; }
    public string? CreditCode { get; init; }
    public DateOnly ListedOn { get; init; }
    public required string Source { get; init; }
}
