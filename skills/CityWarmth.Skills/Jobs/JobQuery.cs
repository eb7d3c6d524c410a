namespace CityWarmth.Skills.Jobs;

/// <summary>What a worker is looking for. Kept in the conversation state so follow-ups can refine it.</summary>
public sealed record JobQuery
{
    /// <summary>Canonical trades; a posting matches any of them. Empty: any trade.</summary>
    public IReadOnlyList<string> Trades { get; init; } = [];

    /// <summary>The word the worker used for the trade (电工, 厂...), for telling them what was searched.</summary>
    public string? TradeWord { get; init; }

    /// <summary>Other words to look for in titles and descriptions.</summary>
    public string? Keywords { get; init; }

    public string? District { get; init; }

    /// <summary>Lowest acceptable pay, counted in <see cref="MinPayUnit"/>.</summary>
    public decimal? MinPay { get; init; }

    public PayUnit MinPayUnit { get; init; } = PayUnit.Month;

    public bool NeedsHousing { get; init; }
    public bool NeedsMeals { get; init; }

    /// <summary>The worker's age: only postings that accept it are shown.</summary>
    public int? Age { get; init; }

    public bool PartTime { get; init; }

    /// <summary>日结: paid by the day or the hour.</summary>
    public bool DailyPay { get; init; }

    /// <summary>Best-paid first instead of newest first.</summary>
    public bool SortByPay { get; init; }

    public bool IsEmpty => Trades.Count == 0 && Keywords is null && District is null && MinPay is null && !NeedsHousing
        && !NeedsMeals && Age is null && !PartTime && !DailyPay;

    /// <summary>The minimum pay as a monthly amount, for comparing postings paid by month, day or hour.</summary>
    public decimal? MinMonthlyPay => MinPay is { } pay ? JobPay.MonthlyEquivalent(pay, MinPayUnit) : null;
}

/// <summary>Pay arithmetic shared by the index and the replies.</summary>
public static class JobPay
{
    /// <summary>Working days and hours of a typical month (26 days of 8 hours), to compare day and hour rates.</summary>
    public const int DaysPerMonth = 26;
    public const int HoursPerDay = 8;

    public static decimal? MonthlyEquivalent(decimal amount, PayUnit unit) => unit switch
    {
        PayUnit.Month => amount,
        PayUnit.Day => amount * DaysPerMonth,
        PayUnit.Hour => amount * DaysPerMonth * HoursPerDay,
        _ => null,
    };

    /// <summary>The best the posting pays per month (its maximum, else its minimum); null for piece rates.</summary>
    public static decimal? MonthlyUpTo(JobPosting posting) =>
        (posting.PayMax ?? posting.PayMin) is { } top ? MonthlyEquivalent(top, posting.PayUnit) : null;

    public static string UnitName(PayUnit unit) => unit switch
    {
        PayUnit.Month => "月",
        PayUnit.Day => "天",
        PayUnit.Hour => "小时",
        _ => "件",
    };

    /// <summary>"6000-8000元/月", "350元/天", "面议".</summary>
    public static string Describe(JobPosting posting)
    {
        var unit = posting.PayUnit == PayUnit.Piece ? "单/件" : UnitName(posting.PayUnit);
        return (posting.PayMin, posting.PayMax) switch
        {
            ({ } min, { } max) when min != max => $"{Amount(min)}-{Amount(max)}元/{unit}",
            ({ } min, _) => $"{Amount(min)}元/{unit}",
            (null, { } max) => $"最高{Amount(max)}元/{unit}",
            _ => "面议",
        };
    }

    public static string Amount(decimal value) => value.ToString(value == decimal.Truncate(value) ? "0" : "0.##", System.Globalization.CultureInfo.InvariantCulture);
}
